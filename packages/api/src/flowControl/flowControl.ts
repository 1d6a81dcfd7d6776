import createDebug from 'debug';

import type { Clock } from '../clock.js';
import type { MethodName, MethodParams } from '../generated/methods.js';
import type { ApiCall, Transformer, TransformerContext } from '../Transformer.js';
import type { FlowControlOptions } from './FlowControlOptions.js';
import { resolveFlowControlOptions } from './FlowControlOptions.js';
import type { FlowControlStats } from './FlowControlStats.js';
import { FlowEvents } from './FlowEvents.js';
import type { FlowEventName, FlowListener } from './FlowEvents.js';
import { FlowScheduler } from './FlowScheduler.js';
import { currentDispatchHook } from './beforeDispatch.js';
import { isRateLimitedMethod } from './isRateLimitedMethod.js';
import { currentPriority } from './withPriority.js';

const log = createDebug('delegram:flow');

/** What {@link flowControl} returns: the transformer to install, its stats and its events. */
export interface FlowControl {
  /** Install it with `api.use(fc.transformer)`. */
  readonly transformer: Transformer;
  /**
   * A snapshot of the queues and counters.
   *
   * @returns the stats (all zero before the first limited call)
   */
  stats(): FlowControlStats;
  /**
   * Listens to an event: `sent`, `delayed`, `rateLimited`, `failed`, `aborted`, `expired`,
   * `pause` or `resume` (see {@link FlowEventMap}). Listeners run synchronously inside the
   * scheduler; keep them quick. One that throws is logged and ignored.
   *
   * @param event - the event name
   * @param listener - gets the event's details
   * @returns a function that removes the listener
   */
  on<E extends FlowEventName>(event: E, listener: FlowListener<E>): () => void;
  /**
   * Removes a listener added with {@link FlowControl.on}.
   *
   * @param event - the event name
   * @param listener - the listener
   */
  off<E extends FlowEventName>(event: E, listener: FlowListener<E>): void;
}

const EMPTY_STATS: FlowControlStats = {
  queued: 0,
  inFlight: 0,
  sent: 0,
  delayed: 0,
  rateLimited: 0,
  retried: 0,
  aborted: 0,
  expired: 0,
  pausedChats: 0,
  longestQueue: 0,
  trackedChats: 0,
};

/**
 * Outgoing flow control: a {@link Transformer} that queues message-sending and editing calls
 * (see {@link isRateLimitedMethod}) so that the bot stays under Telegram's limits instead of
 * collecting 429s, while keeping each chat's messages in order.
 *
 * - Bot-wide: at most `botPerSecond` (30) limited calls in any sliding second. A call counts
 *   from when Telegram may have counted it at the latest (its answer, less half the shortest
 *   recent round trip), so a request slow on its way does not let the next ones go early.
 * - Private chats: a token bucket of `privateBurst` (3) refilled at `privatePerSecond` (1/s).
 * - Groups, supergroups and channels (negative or `@username` `chat_id`): at most
 *   `groupPerMinute` (20) in any sliding minute. Inline edits count only bot-wide.
 * - One call in flight per chat, sent strictly in call order; a 429 pauses only its chat for
 *   `retry_after`, then the same call is retried first (up to `max429Retries`); 429s from
 *   several chats at once pause all limited calls.
 * - Ready interactive calls go before ready bulk ones (see {@link withPriority}).
 * - A queued call whose signal aborts leaves at once with an `AbortError`; one that would wait
 *   longer than `maxQueueDelayMs` rejects with a {@link FlowControlDelayError}.
 *
 * Other calls (`getUpdates`, `answerCallbackQuery`, `sendChatAction`, ...) pass straight through.
 * Waiting happens on `options.clock`, else on the clock of the first `Api` that uses the
 * transformer; install one flow control per bot token. With {@link autoRetry}, install the flow
 * control last (outermost), so that retries of network errors stay within the chat's turn, and
 * give `autoRetry` `maxRetryAfterMs: 1`, so that it hands every 429 on to the flow control.
 *
 * @example
 * ```ts
 * const fc = flowControl({ maxQueueDelayMs: { interactive: 60_000 } });
 * const api = new Api(token).use(autoRetry({ maxRetryAfterMs: 1 }), fc.transformer);
 * fc.on('rateLimited', (e) => console.warn('429 in chat', e.chatId));
 * await withPriority('bulk', () => Promise.all(subscribers.map((id) => api.sendMessage(id, news))));
 * ```
 *
 * @param options - limits, margins, retries, queue delays, clock; all optional
 * @returns the flow control, whose `transformer` goes into `api.use`
 * @throws OptionsError for unknown options, wrong types or out-of-range numbers
 * @see https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
 */
export function flowControl(options: FlowControlOptions = {}): FlowControl {
  const settings = resolveFlowControlOptions(options);
  const events = new FlowEvents((error) => log('an event listener threw: %O', error));
  let scheduler: FlowScheduler | undefined;
  const schedulerFor = (clock: Clock): FlowScheduler => {
    scheduler ??= new FlowScheduler(settings, settings.clock ?? clock, events);
    return scheduler;
  };
  if (settings.clock !== undefined) schedulerFor(settings.clock);

  const transformer = <M extends MethodName>(
    prev: ApiCall,
    method: M,
    payload: MethodParams[M] | undefined,
    signal: AbortSignal | undefined,
    context: TransformerContext,
  ) => {
    const hook = currentDispatchHook();
    const send =
      hook === undefined
        ? () => prev(method, payload, signal)
        : async () => {
            await hook();
            return prev(method, payload, signal);
          };
    if (!settings.enabled || !isRateLimitedMethod(method)) return send();
    const priority = currentPriority() ?? settings.defaultPriority;
    return schedulerFor(context.clock).enqueue(
      method,
      payload,
      signal,
      priority,
      send,
    ) as ReturnType<ApiCall>;
  };

  return {
    transformer: transformer as Transformer,
    stats: () => scheduler?.stats() ?? EMPTY_STATS,
    on: (event, listener) => events.on(event, listener),
    off: (event, listener) => events.off(event, listener),
  };
}
