import type { FlowControlSettings } from './FlowControlOptions.js';
import type { FlowChatId } from './FlowEvents.js';
import type { RateLimiter } from './RateLimiter.js';
import { SlidingWindow } from './SlidingWindow.js';
import type { Deadline } from './TimerQueue.js';
import { TokenBucket } from './TokenBucket.js';
import type { Priority } from './withPriority.js';

/** One queued limited call, as the scheduler keeps it. */
export interface QueuedCall {
  /** The Bot API method. */
  readonly method: string;
  /** The call's signal (also passed on to `prev`). */
  readonly signal: AbortSignal | undefined;
  /** Its priority. */
  readonly priority: Priority;
  /** When it was made (clock time). */
  readonly enqueuedAt: number;
  /** When it gives up waiting (clock time; `Infinity` for never). */
  readonly expiresAt: number;
  /** The `maxQueueDelayMs` that applies. */
  readonly limitMs: number;
  /** Passes the call on to the next transformer. */
  readonly send: () => Promise<unknown>;
  /** Settles the caller's promise. */
  readonly resolve: (value: unknown) => void;
  /** Settles the caller's promise. */
  readonly reject: (error: unknown) => void;
  /** Where it is now. */
  state: 'queued' | 'inFlight' | 'done';
  /** 429 answers so far. */
  rateLimited: number;
  /** When it was last sent (clock time). */
  dispatchedAt: number;
  /** Its slot in the bot-wide limiter, while in flight. */
  botSlot: number;
  /** Its slot in the chat's limiter (group windows), while in flight. */
  laneSlot: number | undefined;
  /** The deadline of its expiry, while queued. */
  expiry: Deadline | undefined;
  /** Its abort listener, while queued. */
  onAbort: (() => void) | undefined;
}

/** Where a limited call goes: its queue's key, the chat id, and which limit the chat has. */
export interface LaneTarget {
  /** The queue key: the chat id as text, `inline:<id>` for inline edits. */
  readonly key: string;
  /** The `chat_id`, or `undefined` when there is none. */
  readonly chatId: FlowChatId;
  /** `private` (token bucket), `group` (sliding minute) or `none` (only the bot-wide limit). */
  readonly kind: 'private' | 'group' | 'none';
}

/**
 * Finds the queue of a limited call from its payload: a positive `chat_id` is a private chat; a
 * negative one, or a `@username`, is a group, supergroup or channel (a string of digits counts as
 * the number it spells); a call without `chat_id` (an inline message edit) only counts against
 * the bot-wide limit, queued by its `inline_message_id` so that edits of one message keep order.
 *
 * @param payload - the call's parameters
 * @returns the target
 */
export function laneTarget(payload: unknown): LaneTarget {
  const fields = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
    string,
    unknown
  >;
  const chatId = fields['chat_id'];
  if (typeof chatId === 'number' && Number.isFinite(chatId)) {
    return { key: String(chatId), chatId, kind: chatId > 0 ? 'private' : 'group' };
  }
  if (typeof chatId === 'string' && chatId !== '') {
    if (/^-?\d+$/.test(chatId)) {
      return {
        key: String(Number(chatId)),
        chatId,
        kind: chatId.startsWith('-') ? 'group' : 'private',
      };
    }
    return { key: chatId.toLowerCase(), chatId, kind: 'group' };
  }
  const inline = fields['inline_message_id'];
  return {
    key: typeof inline === 'string' ? `inline:${inline}` : 'none:',
    chatId: undefined,
    kind: 'none',
  };
}

/**
 * The rate limit of one chat: a token bucket for a private chat, a sliding minute for a group,
 * none (only the bot-wide limit) for inline edits. Each window and token is `safetyMarginMs`
 * longer than Telegram's.
 *
 * @param kind - the chat's kind
 * @param settings - the limits
 * @param now - the current time
 * @returns the limiter, or `undefined`
 */
export function limiterFor(
  kind: LaneTarget['kind'],
  settings: FlowControlSettings,
  now: number,
): RateLimiter | undefined {
  const { privateBurst, privatePerSecond, groupPerMinute, safetyMarginMs } = settings;
  if (kind === 'private') {
    return new TokenBucket(privateBurst, 1000 / privatePerSecond + safetyMarginMs, now);
  }
  if (kind === 'group') return new SlidingWindow(groupPerMinute, 60_000 + safetyMarginMs);
  return undefined;
}

/**
 * One chat's queue in the scheduler: its calls in call order, the one in flight, its rate
 * limiter and its 429 pause. Dropped by the scheduler once idle and at rest.
 */
export class ChatLane {
  /** Calls waiting, in call order (a retried call goes back first). */
  readonly calls: QueuedCall[] = [];
  /** The call sent and not yet answered. */
  current: QueuedCall | undefined;
  /** How many of `calls` are interactive (the lane is served as interactive while > 0). */
  interactive = 0;
  /** Until when a 429 pauses this chat (clock time). */
  pausedUntil = -Infinity;
  /** Whether a `pause` event was emitted and its `resume` not yet. */
  pauseAnnounced = false;
  /** Whether the lane sits in a ready queue, and in which class. */
  ready: Priority | undefined;
  /** Bumped each time the lane becomes ready, to spot stale ready-queue entries. */
  readySeq = 0;
  /** The wake-up of a lane that waits for its limiter or pause. */
  wake: Deadline | undefined;
  /** The check that drops the lane once idle and at rest. */
  cleanup: Deadline | undefined;

  /**
   * @param target - the chat
   * @param limiter - its rate limit (`undefined`: only the bot-wide one)
   */
  constructor(
    readonly target: LaneTarget,
    readonly limiter: RateLimiter | undefined,
  ) {}

  /** The priority class the lane is served in now. */
  get priority(): Priority {
    return this.interactive > 0 ? 'interactive' : 'bulk';
  }

  /** True when nothing is queued or in flight. */
  get idle(): boolean {
    return this.current === undefined && this.calls.length === 0;
  }

  /**
   * Adds a call at the end (or, for a retry, at the front).
   *
   * @param call - the call
   * @param front - put it first
   */
  add(call: QueuedCall, front = false): void {
    if (front) this.calls.unshift(call);
    else this.calls.push(call);
    if (call.priority === 'interactive') this.interactive++;
  }

  /**
   * Removes a queued call (the first one, by default).
   *
   * @param call - the call to remove
   * @returns whether it was queued here
   */
  remove(call: QueuedCall): boolean {
    const index = this.calls[0] === call ? 0 : this.calls.indexOf(call);
    if (index < 0) return false;
    this.calls.splice(index, 1);
    if (call.priority === 'interactive') this.interactive--;
    return true;
  }
}
