import type { Clock } from '@delegram/api';
import type { InlineQueryAnswer } from './QueryAnswers.js';

/** A cached inline answer: the query id it answered and the answer itself. */
export interface CachedInlineAnswer {
  /** The id of the query the bot answered. */
  readonly queryId: string;
  /** The bot's answer. */
  readonly answer: InlineQueryAnswer;
}

interface Entry extends CachedInlineAnswer {
  readonly expiresAt: number;
}

/**
 * Stale entries are swept when a store finds at least this many (lookups drop the ones they meet);
 * after a sweep the mark is twice what is left, so fresh entries are not rescanned on every store.
 */
const PRUNE_AT = 1000;

/** Longest `cache_time` Telegram keeps, in seconds. */
export const MAX_INLINE_CACHE_TIME = 86_400;

/**
 * Telegram's server-side cache of inline answers: a repeated identical query (same bot, text and
 * offset; for an `is_personal` answer also the same person) typed within the answer's
 * `cache_time` is answered from here, and the bot gets no new `inline_query` update.
 *
 * Time is the world's clock. `cache_time` 0 is never cached.
 *
 * @example
 * ```ts
 * const hit = cache.lookup(bot.id, user.id, 'cats', '');
 * if (hit === undefined) cache.store(bot.id, user.id, 'cats', '', queryId, answer);
 * ```
 */
export class InlineCache {
  private readonly entries = new Map<string, Entry>();
  private pruneAt = PRUNE_AT;

  /** @param clock - the emulator's clock (entries expire on it) */
  constructor(private readonly clock: Clock) {}

  /**
   * The cached answer for a query, if one is still fresh: a personal one for this person first,
   * then a shared one.
   *
   * @param botId - the inline bot
   * @param userId - the person typing
   * @param query - the query text
   * @param offset - the offset asked for
   * @returns the cached answer, or `undefined`
   */
  lookup(
    botId: number,
    userId: number,
    query: string,
    offset: string,
  ): CachedInlineAnswer | undefined {
    const shared = sharedKey(botId, query, offset);
    return this.fresh(`${shared}\u0000${userId}`) ?? this.fresh(shared);
  }

  /**
   * Remembers a bot's answer for its `cacheTime` (seconds, clamped to 0..86400; 0 stores nothing).
   *
   * @param botId - the inline bot
   * @param userId - the person who asked
   * @param query - the query text
   * @param offset - the offset asked for
   * @param queryId - the answered query's id
   * @param answer - the answer (its `isPersonal` decides who may reuse it)
   */
  store(
    botId: number,
    userId: number,
    query: string,
    offset: string,
    queryId: string,
    answer: InlineQueryAnswer,
  ): void {
    const seconds = Math.min(MAX_INLINE_CACHE_TIME, Math.max(0, answer.cacheTime));
    if (seconds === 0) return;
    const shared = sharedKey(botId, query, offset);
    const key = answer.isPersonal ? `${shared}\u0000${userId}` : shared;
    const now = this.clock.now();
    if (this.entries.size >= this.pruneAt) {
      for (const [k, entry] of this.entries) if (now >= entry.expiresAt) this.entries.delete(k);
      this.pruneAt = Math.max(PRUNE_AT, this.entries.size * 2);
    }
    this.entries.set(key, { queryId, answer, expiresAt: now + seconds * 1000 });
  }

  /** Number of entries held (fresh or not yet noticed as stale). */
  get size(): number {
    return this.entries.size;
  }

  private fresh(key: string): CachedInlineAnswer | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock.now() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return { queryId: entry.queryId, answer: entry.answer };
  }
}

function sharedKey(botId: number, query: string, offset: string): string {
  return `${botId}\u0000${query}\u0000${offset}`;
}
