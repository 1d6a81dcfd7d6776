import { checkOptions, is } from '@delegram/api';
import type { Update } from '@delegram/api';
import type { Bot } from '../Bot.js';
import { MalformedUpdateError } from '../errors.js';
import { toIncoming } from '../Incoming.js';
import { checkHandler, invokeHandler } from '../loop/invokeHandler.js';
import type { FlavorRoutingTable, LoopHandler } from '../loop/LoopOptions.js';
import { Orderer } from './Orderer.js';

/** Options for {@link OrderedWebhook}. */
export interface OrderedWebhookOptions {
  /** Longest wait for a missing update, from when the gap is found, in ms (default 3000). */
  maxholdMs?: number;
}

/**
 * telepot's `OrderedWebhook`: updates fed in any order are handled in `update_id` order, one at a
 * time (a single dispatcher, as in telepot), waiting at most `maxholdMs` for a missing one. See
 * {@link Orderer} for the exact rules.
 *
 * Telegram already orders a chat's updates when the webhook answers after handling them
 * (`wait: true`); use this when answers are sent early and order across the whole bot matters.
 *
 * @example
 * ```ts
 * const ordered = new OrderedWebhook(bot, handler, { maxholdMs: 3000 });
 * const handle = nodeWebhookHandler(bot, { secretToken, handler: (_m, i) => ordered.feed(i.update!) });
 * ```
 */
export class OrderedWebhook {
  private readonly orderer: Orderer;
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  /**
   * @param bot - the bot (clock, `handle`, error reports)
   * @param handler - a function, a routing table by flavor, or nothing for `bot.handle`
   * @param options - `maxholdMs`
   */
  constructor(
    readonly bot: Bot,
    private readonly handler?: LoopHandler | FlavorRoutingTable,
    options: OrderedWebhookOptions = {},
  ) {
    checkHandler(handler, 'new OrderedWebhook(bot, handler)');
    checkOptions('new OrderedWebhook(bot, handler, options)', options, { maxholdMs: is.number });
    this.orderer = new Orderer((update) => this.enqueue(update), {
      clock: bot.clock,
      maxholdMs: options.maxholdMs ?? 3000,
    });
  }

  /** Updates delivered by the orderer and not yet handled. */
  get queued(): number {
    return this.pending;
  }

  /**
   * Feeds one update: a JSON string, its UTF-8 bytes, or the parsed object (telepot's `feed`).
   *
   * @param data - the update
   * @returns `false` if it was dropped as a duplicate or a late arrival
   * @throws {@link MalformedUpdateError} for data that is not an update
   */
  feed(data: string | Uint8Array | object): boolean {
    let value: unknown = data;
    if (typeof data === 'string' || data instanceof Uint8Array) {
      const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
      try {
        value = JSON.parse(text) as unknown;
      } catch (error) {
        throw new MalformedUpdateError(text.slice(0, 200), 'it is not JSON', { cause: error });
      }
    }
    const id = (value as { update_id?: unknown } | null)?.update_id;
    if (typeof value !== 'object' || value === null || !Number.isSafeInteger(id)) {
      throw new MalformedUpdateError(value, 'it has no numeric update_id');
    }
    return this.orderer.receive(value as Update);
  }

  /** Resolves once every update delivered so far has been handled. */
  idle(): Promise<void> {
    return this.tail;
  }

  /** Stops waiting for gaps; buffered updates are dropped. */
  dispose(): void {
    this.orderer.dispose();
  }

  private enqueue(update: Update): void {
    this.pending += 1;
    this.tail = this.tail.then(async () => {
      try {
        await invokeHandler(this.bot, this.handler, update, toIncoming(update));
      } catch (error) {
        this.bot.reportError(error, { source: 'handler', update, outcome: 'continue' });
      } finally {
        this.pending -= 1;
      }
    });
  }
}
