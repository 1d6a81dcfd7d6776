import { checkOptions, describeValue, is } from '../checkOptions.js';
import type { Clock } from '../clock.js';
import { OptionsError } from '../OptionsError.js';
import type { Priority } from './withPriority.js';

/**
 * What {@link flowControl} accepts; every field is optional and the defaults follow Telegram's
 * published limits, a little on the safe side.
 */
export interface FlowControlOptions {
  /** `false` makes the transformer a plain pass-through. Default `true`. */
  enabled?: boolean;
  /** Message calls per sliding second for the whole bot. Default 30. */
  botPerSecond?: number;
  /** Sustained messages per second in one private chat (a token bucket). Default 1. */
  privatePerSecond?: number;
  /** Messages a private chat may get at once before `privatePerSecond` applies. Default 3. */
  privateBurst?: number;
  /** Messages per sliding minute in one group, supergroup or channel. Default 20. */
  groupPerMinute?: number;
  /**
   * Added to every window (and to each token's refill time and each `retry_after`), in ms, so
   * that clock skew and network jitter between this client and Telegram do not cause 429s.
   * Default 25 (a bot-wide broadcast runs at 1000 / 1025 of the configured rate).
   */
  safetyMarginMs?: number;
  /**
   * Start as if the bot had been sending at its full bot-wide rate until now: the first calls go
   * evenly spaced at that rate, not all at once. A bot restarted within a second of its previous
   * process's last sends cannot know them, and Telegram still counts them; a burst would meet a
   * full window and get 429s. Costs at most one interval (34 ms at 30/s) for the first reply
   * after a start. Default: on with the system clock; off on any other clock (a test's
   * `ManualClock` has no earlier process, and its tests would have to move the clock for it).
   */
  startPaced?: boolean;
  /** How often one call is retried after 429 answers before it rejects with the 429. Default 10. */
  max429Retries?: number;
  /**
   * This many 429s from distinct chats within `globalPauseWindowMs` are taken as the bot-wide
   * limit: all limited calls pause for the largest `retry_after`. Default 3; `Infinity` never.
   */
  globalPauseChats?: number;
  /** The window of `globalPauseChats`, in ms. Default 1000. */
  globalPauseWindowMs?: number;
  /**
   * The longest a call may wait in its queue, in ms, before it rejects with a
   * {@link FlowControlDelayError}: one number for both priorities, or one per {@link Priority}.
   * Default 300 000 (5 minutes) for interactive calls and 3 600 000 (1 hour) for bulk calls, so
   * that a broadcast to 10 000 chats (about 6 minutes at 30/s) is not cut short; `Infinity` waits
   * forever.
   */
  maxQueueDelayMs?: number | { interactive?: number; bulk?: number };
  /** The priority of calls made outside any {@link withPriority}. Default `'interactive'`. */
  defaultPriority?: Priority;
  /** The clock to wait on. Default: the clock of the `Api` the transformer is installed in. */
  clock?: Clock;
}

/** {@link FlowControlOptions} with every default filled in and every number checked. */
export interface FlowControlSettings {
  /** See {@link FlowControlOptions.enabled}. */
  readonly enabled: boolean;
  /** See {@link FlowControlOptions.botPerSecond}. */
  readonly botPerSecond: number;
  /** See {@link FlowControlOptions.privatePerSecond}. */
  readonly privatePerSecond: number;
  /** See {@link FlowControlOptions.privateBurst}. */
  readonly privateBurst: number;
  /** See {@link FlowControlOptions.groupPerMinute}. */
  readonly groupPerMinute: number;
  /** See {@link FlowControlOptions.safetyMarginMs}. */
  readonly safetyMarginMs: number;
  /** See {@link FlowControlOptions.startPaced} (`undefined`: by the clock). */
  readonly startPaced: boolean | undefined;
  /** See {@link FlowControlOptions.max429Retries}. */
  readonly max429Retries: number;
  /** See {@link FlowControlOptions.globalPauseChats}. */
  readonly globalPauseChats: number;
  /** See {@link FlowControlOptions.globalPauseWindowMs}. */
  readonly globalPauseWindowMs: number;
  /** See {@link FlowControlOptions.maxQueueDelayMs}, per priority. */
  readonly maxQueueDelayMs: Readonly<Record<Priority, number>>;
  /** See {@link FlowControlOptions.defaultPriority}. */
  readonly defaultPriority: Priority;
  /** See {@link FlowControlOptions.clock}. */
  readonly clock: Clock | undefined;
}

const OWNER = 'flowControl(options)';
const INTERACTIVE_DELAY = 300_000;
const BULK_DELAY = 3_600_000;

/**
 * Checks {@link FlowControlOptions} and fills in the defaults.
 *
 * @example
 * ```ts
 * resolveFlowControlOptions({ botPerSecond: 20 }).privateBurst; // 3
 * ```
 *
 * @param options - what the caller passed
 * @returns the settings in force
 * @throws OptionsError for an unknown key, a wrong type or an out-of-range number (the error's
 *   `expected` says the range, e.g. `'a positive integer'`)
 */
export function resolveFlowControlOptions(options: FlowControlOptions = {}): FlowControlSettings {
  checkOptions(
    OWNER,
    options,
    {
      enabled: is.boolean,
      botPerSecond: is.number,
      privatePerSecond: is.number,
      privateBurst: is.number,
      groupPerMinute: is.number,
      safetyMarginMs: is.number,
      startPaced: is.boolean,
      max429Retries: is.number,
      globalPauseChats: is.number,
      globalPauseWindowMs: is.number,
      maxQueueDelayMs: is.either(is.number, is.object),
      defaultPriority: is.oneOf('interactive', 'bulk'),
      clock: is.clock,
    },
    {
      aliases: {
        perSecond: 'botPerSecond',
        globalPerSecond: 'botPerSecond',
        perChatPerSecond: 'privatePerSecond',
        perChatBurst: 'privateBurst',
        burst: 'privateBurst',
        perGroupPerMinute: 'groupPerMinute',
        maxRetries: 'max429Retries',
        retries: 'max429Retries',
        maxQueueDelay: 'maxQueueDelayMs',
        margin: 'safetyMarginMs',
        priority: 'defaultPriority',
      },
    },
  );
  const delay = options.maxQueueDelayMs;
  let maxQueueDelayMs: Record<Priority, number>;
  if (typeof delay === 'object') {
    checkOptions('flowControl(options.maxQueueDelayMs)', delay, {
      interactive: is.number,
      bulk: is.number,
    });
    maxQueueDelayMs = {
      interactive: atLeast(
        'maxQueueDelayMs.interactive',
        delay.interactive ?? INTERACTIVE_DELAY,
        0,
      ),
      bulk: atLeast('maxQueueDelayMs.bulk', delay.bulk ?? BULK_DELAY, 0),
    };
  } else {
    maxQueueDelayMs =
      delay === undefined
        ? { interactive: INTERACTIVE_DELAY, bulk: BULK_DELAY }
        : { interactive: atLeast('maxQueueDelayMs', delay, 0), bulk: delay };
  }
  return {
    enabled: options.enabled ?? true,
    botPerSecond: positiveInteger('botPerSecond', options.botPerSecond ?? 30),
    privatePerSecond: positiveFinite('privatePerSecond', options.privatePerSecond ?? 1),
    privateBurst: positiveInteger('privateBurst', options.privateBurst ?? 3),
    groupPerMinute: positiveInteger('groupPerMinute', options.groupPerMinute ?? 20),
    safetyMarginMs: finiteAtLeast('safetyMarginMs', options.safetyMarginMs ?? 25, 0),
    startPaced: options.startPaced,
    max429Retries: integerAtLeast('max429Retries', options.max429Retries ?? 10, 0),
    globalPauseChats: countOrInfinity('globalPauseChats', options.globalPauseChats ?? 3),
    globalPauseWindowMs: finiteAtLeast(
      'globalPauseWindowMs',
      options.globalPauseWindowMs ?? 1000,
      0,
    ),
    maxQueueDelayMs,
    defaultPriority: options.defaultPriority ?? 'interactive',
    clock: options.clock,
  };
}

function fail(key: string, expected: string, value: number): never {
  throw new OptionsError(OWNER, key, expected, numberText(value));
}

function numberText(value: unknown): string {
  return typeof value === 'number' ? String(value) : describeValue(value);
}

function positiveInteger(key: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) fail(key, 'a positive integer', value);
  return value;
}

function positiveFinite(key: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) fail(key, 'a positive finite number', value);
  return value;
}

function integerAtLeast(key: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) fail(key, `an integer >= ${min}`, value);
  return value;
}

function finiteAtLeast(key: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) fail(key, `a finite number >= ${min}`, value);
  return value;
}

function atLeast(key: string, value: number, min: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min) {
    fail(key, `a number >= ${min} (Infinity for no limit)`, value);
  }
  return value;
}

function countOrInfinity(key: string, value: number): number {
  if (value !== Infinity && (!Number.isInteger(value) || value < 1)) {
    fail(key, 'a positive integer or Infinity', value);
  }
  return value;
}
