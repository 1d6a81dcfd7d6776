import { checkOptions, is } from '@delegram/api';
import type { ConfirmMode, MessageLoopOptions } from './LoopOptions.js';

const OWNER = 'new MessageLoop(bot, handler, options)';

/** The keys of {@link MessageLoopOptions} and how each is checked. */
export const LOOP_OPTION_RULES = {
  timeout: is.number,
  limit: is.number,
  allowedUpdates: is.array,
  concurrency: is.number,
  confirm: is.oneOf('after-handling', 'on-receipt'),
  maxInFlight: is.number,
  sequentialize: is.function,
  dropPendingUpdates: is.boolean,
  deleteWebhook: is.boolean,
  stopTimeoutMs: is.number,
  repollMs: is.number,
  backoff: is.object,
  signal: is.signal,
  inbox: is.object,
} as const;

/** A `MessageLoop`'s options, checked, with their defaults filled in. */
export interface LoopSettings {
  /** Long-poll timeout in seconds. */
  readonly timeout: number;
  /** Updates per `getUpdates`. */
  readonly limit: number;
  /** Most updates dispatched and not finished. */
  readonly concurrency: number;
  /** When updates are confirmed (`'journaled'`: with an `inbox`, once it holds them). */
  readonly confirm: ConfirmMode | 'journaled';
  /** Most updates received and not finished (on receipt or journaled; else `limit`). */
  readonly maxInFlight: number;
  /** Latest re-poll while updates are in progress (`confirm: 'after-handling'` only). */
  readonly repollMs: number;
  /** Free room in a batch a re-poll waits for, while updates are in progress: half of `limit`. */
  readonly repollRoom: number;
  /** How long `stop()` waits for unfinished handlers. */
  readonly stopTimeoutMs: number;
}

const CONFIRM_MODES: readonly ConfirmMode[] = ['after-handling', 'on-receipt'];

/**
 * Checks a `MessageLoop`'s options and fills in the defaults, failing early with a message that
 * says what to pass instead.
 *
 * @param options - what the user passed
 * @param ordered - whether the handler runs strictly in order by default (a handler function or
 *   routing table without `sequentialize`)
 * @returns the settings the loop runs with
 * @throws OptionsError for an unknown key or a value of the wrong type, RangeError for a number
 *   out of range, TypeError for an option that does nothing in the chosen `confirm` mode
 */
export function loopSettings(options: MessageLoopOptions, ordered: boolean): LoopSettings {
  checkOptions(OWNER, options, LOOP_OPTION_RULES, {
    aliases: {
      pollTimeout: 'timeout',
      allowed_updates: 'allowedUpdates',
      drop_pending_updates: 'dropPendingUpdates',
      stopTimeout: 'stopTimeoutMs',
      maxConcurrency: 'concurrency',
    },
  });
  checkOptions(`${OWNER}: options.backoff`, options.backoff, {
    initialMs: is.number,
    maxMs: is.number,
    factor: is.number,
    random: is.function,
  });
  const journaled = checkInbox(options);
  const confirm = journaled ? 'journaled' : (options.confirm ?? 'after-handling');
  if (confirm !== 'journaled' && !CONFIRM_MODES.includes(confirm)) {
    throw new TypeError(
      `MessageLoop: option confirm must be 'after-handling' or 'on-receipt', got ${String(confirm)}`,
    );
  }
  const onReceipt = confirm !== 'after-handling';
  if (!onReceipt && options.maxInFlight !== undefined) {
    throw new TypeError(
      "MessageLoop: option maxInFlight applies only with confirm: 'on-receipt' (confirming after " +
        'handling holds at most `limit` updates past the oldest unfinished one); add ' +
        "confirm: 'on-receipt', or use concurrency to cap the handlers running at once",
    );
  }
  if (onReceipt && options.repollMs !== undefined) {
    throw new TypeError(
      "MessageLoop: option repollMs applies only with confirm: 'after-handling' (on receipt or " +
        'with an inbox, no update comes twice and the loop polls as soon as there is room); ' +
        'remove it',
    );
  }
  const timeout = integerOption('timeout', options.timeout ?? 30, 0, 50);
  const limit = integerOption('limit', options.limit ?? 100, 1, 100);
  const maxInFlight = onReceipt
    ? integerOption('maxInFlight', options.maxInFlight ?? 500, 1, Number.MAX_SAFE_INTEGER)
    : limit;
  const concurrency = integerOption(
    'concurrency',
    options.concurrency ?? (ordered ? 1 : maxInFlight),
    1,
    Number.MAX_SAFE_INTEGER,
  );
  return {
    timeout,
    limit,
    concurrency,
    confirm,
    maxInFlight,
    repollMs: integerOption('repollMs', options.repollMs ?? 1000, 0, 3_600_000),
    repollRoom: Math.ceil(limit / 2),
    stopTimeoutMs: integerOption(
      'stopTimeoutMs',
      options.stopTimeoutMs ?? 10_000,
      0,
      Number.MAX_SAFE_INTEGER,
    ),
  };
}

/**
 * Checks the `inbox` option: an object with the methods of `Inbox`, and no `confirm` beside it.
 *
 * @returns whether an inbox is given
 */
function checkInbox(options: MessageLoopOptions): boolean {
  const inbox = options.inbox;
  if (inbox === undefined) return false;
  for (const method of ['open', 'append', 'done', 'close'] as const) {
    if (typeof (inbox as unknown as Record<string, unknown>)[method] !== 'function') {
      throw new TypeError(
        `MessageLoop: option inbox must be an Inbox (e.g. new FileInbox(path)); it has no ${method}()`,
      );
    }
  }
  if (options.confirm !== undefined) {
    throw new TypeError(
      'MessageLoop: with an inbox, updates are confirmed as soon as the journal holds them ' +
        '(and replayed from it after a crash); remove the confirm option',
    );
  }
  return true;
}

/**
 * Checks that a numeric option is an integer within bounds.
 *
 * @param name - the option's name, for the message
 * @param value - the value given
 * @param min - smallest allowed
 * @param max - largest allowed
 * @returns `value`
 * @throws RangeError naming the option and its range
 */
export function integerOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `MessageLoop: option ${name} must be an integer from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}
