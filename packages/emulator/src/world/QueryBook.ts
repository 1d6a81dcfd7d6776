import type { Clock, TimerId } from '@delegram/api';
import { badRequest } from '../ApiError.js';

/** The description Telegram gives for a late, repeated or unknown query answer. */
export const QUERY_TOO_OLD = 'query is too old and response timeout expired or query ID is invalid';

interface OpenQuery<A, M> {
  readonly botId: number;
  readonly meta: M;
  readonly resolve: (answer: A | undefined) => void;
  readonly timer: TimerId;
}

/**
 * Open queries of one kind (inline, callback, shipping, pre-checkout) waiting for the bot's answer.
 *
 * A query can be answered once, by the bot it was sent to, before its time-to-live runs out on the
 * world's clock; anything else gets Telegram's "query is too old" 400.
 */
export class QueryBook<A, M = undefined> {
  private readonly open = new Map<string, OpenQuery<A, M>>();
  private seq = 0;

  /**
   * @param clock - the emulator's clock (expiry runs on it)
   * @param idPrefix - digits that start every id of this kind, so that kinds never collide
   */
  constructor(
    private readonly clock: Clock,
    private readonly idPrefix: string,
  ) {}

  /**
   * Opens a query and returns its id and a promise of the answer.
   *
   * @param botId - the bot that may answer it
   * @param ttlMs - how long the bot has, in emulated milliseconds
   * @param meta - what the answering method may need to know of the query ({@link QueryBook.metaOf})
   * @returns the query id and a promise that resolves with the answer, or `undefined` on expiry
   */
  create(
    botId: number,
    ttlMs: number,
    ...[meta]: undefined extends M ? [meta?: M] : [meta: M]
  ): { id: string; answer: Promise<A | undefined> } {
    const id = this.issueId();
    const answer = new Promise<A | undefined>((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.open.delete(id);
        resolve(undefined);
      }, ttlMs);
      this.open.set(id, { botId, meta: meta as M, resolve, timer });
    });
    return { id, answer };
  }

  /**
   * Delivers the bot's answer to the waiting asker.
   *
   * @param botId - the answering bot
   * @param id - the query id the bot received
   * @param answer - the answer
   * @throws ApiError 400 "query is too old…" when the query expired, was answered, or is unknown
   */
  answer(botId: number, id: string, answer: A): void {
    const query = this.open.get(id);
    if (query?.botId !== botId) throw badRequest(QUERY_TOO_OLD);
    this.open.delete(id);
    this.clock.clearTimeout(query.timer);
    query.resolve(answer);
  }

  /**
   * A new id of this kind that no query uses (for an answer served without asking the bot, such
   * as a cached inline answer); it is not open, so a bot cannot answer it.
   */
  issueId(): string {
    return `${this.idPrefix}${String(++this.seq).padStart(12, '0')}`;
  }

  /**
   * What {@link QueryBook.create} was told of an open query, for checks before answering it.
   *
   * @param botId - the answering bot
   * @param id - the query id
   * @returns the query's meta, or `undefined` when the query is not open for this bot
   */
  metaOf(botId: number, id: string): M | undefined {
    const query = this.open.get(id);
    return query?.botId === botId ? query.meta : undefined;
  }

  /** Whether a query is still waiting for its answer. */
  isOpen(id: string): boolean {
    return this.open.has(id);
  }

  /** Number of queries waiting for an answer. */
  get pending(): number {
    return this.open.size;
  }
}
