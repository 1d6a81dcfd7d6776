import { checkOptions, is } from '@delegram/api';
import type { Clock } from '@delegram/api';
import { tooManyRequests } from '../ApiError.js';

/** Limits of {@link FloodControl}; the defaults follow Telegram's FAQ. */
export interface FloodLimits {
  /** Sustained messages per second in one chat (default 1). */
  readonly perChatPerSecond: number;
  /** Messages a chat may send at once before the per-second rate applies (default 10). */
  readonly perChatBurst: number;
  /** Messages per minute in one group, supergroup or channel (default 20). */
  readonly perGroupPerMinute: number;
  /** Messages per second for the whole bot (default 30). */
  readonly perBotPerSecond: number;
}

/** Options for {@link FloodControl}. */
export interface FloodControlOptions extends Partial<FloodLimits> {
  /** Whether limits apply (default true). */
  readonly enabled?: boolean;
  /**
   * Multiplies every rate (per chat, per group, per bot; not the burst), so a test or a bench
   * can run Telegram's limits, say, 10× faster in real time (default 1). `retry_after` stays in
   * whole seconds, as Telegram sends it.
   */
  readonly scale?: number;
  /**
   * The clock its windows and buckets run on, when not the emulator's: a test whose bot runs on
   * a `ManualClock` while the emulator keeps real time gives that clock here, so that the limits
   * count the bot's time (default: the time the emulator passes in).
   */
  readonly clock?: Clock;
}

/** The defaults: about 1 message/s per chat with bursts, 20/min per group, 30/s per bot. */
export const DEFAULT_FLOOD_LIMITS: FloodLimits = {
  perChatPerSecond: 1,
  perChatBurst: 10,
  perGroupPerMinute: 20,
  perBotPerSecond: 30,
};

const SENDING = /^(send(?!chataction)|forwardmessages?$|copymessages?$|editmessage|stoppoll$)/;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Telegram's flood control, emulated: message-sending and editing calls beyond the limits get
 * 429 `Too Many Requests: retry after N` (with `parameters.retry_after` and a `Retry-After` header).
 *
 * A private chat may burst, then sustain about one message per second (a token bucket); a group,
 * supergroup or channel (a negative or `@username` `chat_id`) gets at most 20 per sliding minute;
 * a bot gets at most 30 per sliding second overall. It applies to `send*` (except
 * `sendChatAction`), `forwardMessage(s)`, `copyMessage(s)`, `editMessage*` and `stopPoll`.
 *
 * @example
 * ```ts
 * const flood = new FloodControl({ enabled: false });   // no 429s at all
 * flood.enabled = true;                                 // switch on at run time
 * ```
 */
export class FloodControl {
  /** Whether limits apply; can be switched at any time. */
  enabled: boolean;
  /** The limits in force (the rates multiplied by `scale`). */
  readonly limits: FloodLimits;
  /** How many calls it refused with 429 since it was created. */
  refused = 0;
  private readonly clock: Clock | undefined;
  private readonly chats = new Map<string, Bucket>();
  private readonly groups = new Map<string, number[]>();
  private readonly bots = new Map<number, number[]>();

  /** @param options - switch and limits */
  constructor(options: FloodControlOptions = {}) {
    checkOptions('floodControl options', options, {
      enabled: is.boolean,
      scale: is.number,
      clock: is.clock,
      perChatPerSecond: is.number,
      perChatBurst: is.number,
      perGroupPerMinute: is.number,
      perBotPerSecond: is.number,
    });
    for (const key of [...Object.keys(DEFAULT_FLOOD_LIMITS), 'scale'] as (keyof FloodLimits)[]) {
      const value = options[key];
      if (value !== undefined && !(value > 0 && Number.isFinite(value))) {
        throw new RangeError(
          `floodControl options: ${key} must be a positive number, got ${value}`,
        );
      }
    }
    this.enabled = options.enabled ?? true;
    const { enabled: _enabled, scale = 1, clock, ...limits } = options;
    this.clock = clock;
    const given = { ...DEFAULT_FLOOD_LIMITS, ...limits };
    this.limits = {
      perChatPerSecond: given.perChatPerSecond * scale,
      perChatBurst: given.perChatBurst,
      perGroupPerMinute: given.perGroupPerMinute * scale,
      perBotPerSecond: given.perBotPerSecond * scale,
    };
  }

  /**
   * Tells whether a method counts as sending or editing a message.
   *
   * @param method - any case
   * @returns true for the methods flood control limits
   */
  static appliesTo(method: string): boolean {
    return SENDING.test(method.toLowerCase());
  }

  /**
   * Records one message-sending call, or refuses it.
   *
   * @param botId - the calling bot
   * @param method - the method (calls of other methods are not counted)
   * @param chatId - the target `chat_id` (undefined for inline edits: only the bot limit applies)
   * @param now - the current time in ms (ignored when the options gave a clock)
   * @returns an undo function that gives the slot back (call it when the call fails)
   * @throws ApiError 429 when a limit is exceeded
   */
  take(botId: number, method: string, chatId: unknown, now: number): () => void {
    if (!this.enabled || !FloodControl.appliesTo(method)) return noop;
    try {
      return this.takeSlot(botId, chatId, this.clock?.now() ?? now);
    } catch (error) {
      this.refused++;
      throw error;
    }
  }

  private takeSlot(botId: number, chatId: unknown, now: number): () => void {
    const { perChatPerSecond, perChatBurst, perGroupPerMinute, perBotPerSecond } = this.limits;
    const botTimes = window(this.bots, botId, now, 1000);
    if (botTimes.length >= perBotPerSecond)
      throw tooManyRequests((botTimes[0]! + 1000 - now) / 1000);
    const chatKey =
      typeof chatId === 'number' || typeof chatId === 'string' ? `${botId}:${chatId}` : undefined;
    const group = typeof chatId === 'string' || (typeof chatId === 'number' && chatId < 0);
    let undoChat = noop;
    if (chatKey !== undefined && group) {
      const times = window(this.groups, chatKey, now, 60_000);
      if (times.length >= perGroupPerMinute)
        throw tooManyRequests((times[0]! + 60_000 - now) / 1000);
      times.push(now);
      undoChat = () => removeOne(times, now);
    } else if (chatKey !== undefined) {
      const bucket = this.chats.get(chatKey) ?? { tokens: perChatBurst, at: now };
      bucket.tokens = Math.min(
        perChatBurst,
        bucket.tokens + ((now - bucket.at) / 1000) * perChatPerSecond,
      );
      bucket.at = now;
      this.chats.set(chatKey, bucket);
      if (bucket.tokens < 1) throw tooManyRequests((1 - bucket.tokens) / perChatPerSecond);
      bucket.tokens -= 1;
      undoChat = () => {
        bucket.tokens = Math.min(perChatBurst, bucket.tokens + 1);
      };
    }
    botTimes.push(now);
    return () => {
      removeOne(botTimes, now);
      undoChat();
    };
  }
}

function window<K>(map: Map<K, number[]>, key: K, now: number, spanMs: number): number[] {
  let times = map.get(key);
  if (times === undefined) {
    times = [];
    map.set(key, times);
  }
  while (times.length > 0 && times[0]! <= now - spanMs) times.shift();
  return times;
}

function removeOne(times: number[], at: number): void {
  const i = times.lastIndexOf(at);
  if (i >= 0) times.splice(i, 1);
}

function noop(): void {}
