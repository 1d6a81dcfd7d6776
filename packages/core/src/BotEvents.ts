import type { FlowEventMap, FlowEventName, Update } from '@delegram/api';
import type { Incoming } from './Incoming.js';

/**
 * Where a reported error happened, so one `error` listener can tell a failed handler from a
 * network failure of the loop.
 */
export type ErrorSource =
  | 'loop'
  | 'handler'
  | 'webhook'
  | 'delegate'
  | 'scheduler'
  | 'answerer'
  | 'state'
  | 'broadcast'
  | 'inbox';

/**
 * Context given with every error on a bot's `error` event.
 *
 * @example
 * ```ts
 * bot.on('error', (error, info) => {
 *   if (info.source === 'handler') log('update %d failed', info.update?.update_id, error);
 * });
 * ```
 */
export interface ErrorInfo {
  /** Which part of delegram reports it. */
  readonly source: ErrorSource;
  /** The update being handled, when there is one. */
  readonly update?: Update | undefined;
  /** The classified unit of work, when there is one. */
  readonly incoming?: Incoming | undefined;
  /** The seed of the delegate involved, for delegation errors. */
  readonly seed?: unknown;
  /**
   * What happens next: `'retry'` (the loop tries again after a pause), `'continue'` (the failed
   * unit is given up and work goes on) or `'stop'` (the loop or server stops).
   */
  readonly outcome?: 'retry' | 'continue' | 'stop';
  /** For `'retry'`: how long the loop waits before the next attempt, in milliseconds. */
  readonly retryInMs?: number;
}

/**
 * The typed events a {@link Bot} emits (eventemitter3).
 *
 * - `error`: every failure delegram handles for you (a network error being retried, a handler
 *   that threw, a malformed update skipped). Nothing is printed; listen here.
 * - `unhandled`: a unit of work that nothing handled (the base {@link Bot.handle}, or a
 *   `MessageLoop` routing table without an entry for the flavor).
 * - `flow`: what the outgoing flow control did (a call delayed, a 429 received, a chat paused).
 */
export interface BotEventMap {
  error: [error: unknown, info: ErrorInfo];
  unhandled: [incoming: Incoming];
  /**
   * An event of the bot's outgoing flow control (`bot.flow`): `delayed`, `sent`, `rateLimited`,
   * `failed`, `aborted`, `expired`, `pause`, `resume`, with its details.
   */
  flow: [name: FlowEventName, event: FlowEventMap[FlowEventName]];
}
