import type { UpdateKind } from '@delegram/api';
import type { Flavor } from '../flavor.js';
import type { Inbox } from '../inbox/Inbox.js';
import type { Incoming, MessageOf } from '../Incoming.js';
import type { BackoffOptions } from './backoff.js';
import type { SequenceKey } from './Sequencer.js';

/**
 * A function that handles every update (and unknown ones: check `incoming.flavor`). It may return
 * a promise; the update counts as finished when it settles.
 */
export type LoopHandler = (msg: unknown, incoming: Incoming) => unknown;

/**
 * A routing table by flavor (telepot's `{'chat': f, 'callback_query': g}`): each entry gets the
 * payload typed for its flavor. Flavors without an entry are emitted as `unhandled`.
 *
 * @example
 * ```ts
 * const table: FlavorRoutingTable = {
 *   chat: (msg) => bot.api.sendMessage(msg.chat.id, 'hi'),
 *   callback_query: (query) => bot.api.answerCallbackQuery(query.id),
 * };
 * ```
 */
export type FlavorRoutingTable = {
  [F in Flavor]?: (msg: MessageOf<F>, incoming: Incoming<F>) => unknown;
};

/**
 * When a `MessageLoop` confirms an update to Telegram (see `docs/delivery.md`):
 *
 * - `'after-handling'` (default): once it and every older update have finished; whatever was not
 *   finished at a crash is delivered again (at-least-once). At most `limit` updates past the oldest
 *   unfinished one can be in progress.
 * - `'on-receipt'`: with the next poll, whether handled or not (at-most-once for what is in
 *   progress, like grammY's runner); up to `maxInFlight` updates in progress.
 */
export type ConfirmMode = 'after-handling' | 'on-receipt';

/** Options for `MessageLoop`. */
export interface MessageLoopOptions {
  /** Long-poll timeout in seconds, 0-50 (default 30). */
  timeout?: number;
  /** Updates per `getUpdates`, 1-100 (default 100). */
  limit?: number;
  /** Update kinds to receive (sent with every poll); default: Telegram's default set. */
  allowedUpdates?: readonly UpdateKind[];
  /**
   * Most updates being handled at once. Default: 1 (strict update order) for a handler function
   * or routing table without `sequentialize`; otherwise `limit` (or `maxInFlight` with
   * `confirm: 'on-receipt'`). With the default `confirm`, no more than `limit` updates past the
   * oldest unfinished one can be in progress, because Telegram only hands out `limit` updates past
   * the oldest unconfirmed one.
   */
  concurrency?: number;
  /**
   * When updates are confirmed to Telegram (default `'after-handling'`: nothing is lost on a
   * crash). `'on-receipt'` moves the offset past every received update with the next poll, so
   * more than `limit` updates can be in progress (up to `maxInFlight`), but those in progress at a
   * crash are lost. Ordering (`concurrency`, `sequentialize`) is the same in both modes.
   */
  confirm?: ConfirmMode;
  /**
   * A durable local journal for received updates (e.g. `new FileInbox('./bot.inbox')`): each new
   * update is appended and synced to disk, then confirmed to Telegram with the next poll,
   * handled, and marked done; a run first handles again what the journal holds unfinished (a
   * crash, a stop past `stopTimeoutMs`, a state that could not be saved). At-least-once, like the
   * default, but Telegram never sends an update twice and up to `maxInFlight` can be in progress.
   * Not with `confirm`. If the journal cannot be written (disk full), nothing more is confirmed:
   * the loop reports `InboxWriteError` and retries with back-off. See `docs/delivery.md`.
   */
  inbox?: Inbox;
  /**
   * With `confirm: 'on-receipt'` or an `inbox` only: most updates received and not yet finished, 1 or more
   * (default 500, as grammY's runner). When that many are in progress, the loop waits for one to
   * finish before polling again, and each poll asks for no more than there is room for.
   */
  maxInFlight?: number;
  /**
   * Key(s) that order updates: updates sharing a key are handled one after another, in update
   * order; others run concurrently (e.g. `(incoming) => incoming.update?.message?.chat.id`).
   * Return `undefined` or `[]` for no ordering.
   */
  sequentialize?: (incoming: Incoming) => SequenceKey | readonly SequenceKey[] | undefined;
  /** Skip every update waiting at Telegram when the loop first starts (default `false`). */
  dropPendingUpdates?: boolean;
  /**
   * When Telegram refuses to poll because a webhook is set: `true` deletes the webhook (keeping
   * its pending updates) and goes on polling; `false` (default) stops with `WebhookActiveError`.
   */
  deleteWebhook?: boolean;
  /** How long `stop()` waits for unfinished handlers, in ms (default 10 000). */
  stopTimeoutMs?: number;
  /**
   * While updates are in progress, how long after a poll to poll again at the latest (if a poll
   * has room for anything new), in ms (default 1000; at least 500, below which Telegram answers a
   * repeated offset with one update only). Sooner, the loop polls again once the oldest
   * unfinished update has finished and at least half of `limit` is free, so that a poll brings
   * no more repeats of updates in progress than new ones. Only with the default `confirm`
   * (`'on-receipt'` never brings an update twice, so it polls as soon as there is room).
   */
  repollMs?: number;
  /** Back-off between failed polls (network errors, 5xx). */
  backoff?: BackoffOptions;
  /** Aborting it stops the loop like `stop()`. */
  signal?: AbortSignal;
}

/** Counters of a `MessageLoop`, across runs. */
export interface LoopStats {
  /** `getUpdates` calls that succeeded. */
  polls: number;
  /** Updates handed to the handler (or `bot.handle`). */
  dispatched: number;
  /** Of those, how many finished (successfully or not). */
  finished: number;
  /** Handlers that threw or rejected (each reported on `error`). */
  failed: number;
  /** Updates received again while already taken in, and skipped. */
  duplicates: number;
  /** Updates skipped as unusable (each reported on `error`). */
  malformed: number;
  /** Failed polls that were retried (each reported on `error`). */
  retries: number;
  /** Most updates in progress at once (handed to the handler, not finished yet). */
  peakInProgress: number;
  /**
   * Updates left unconfirmed for redelivery because their durable state was not saved (the
   * store was down until the bot stopped); the next run gets them again.
   */
  held: number;
  /** Updates handled again from the inbox at the start of a run (left unfinished before). */
  replayed: number;
}
