/**
 * Thrown when something that is neither an update nor an event is classified, typically the
 * payload taken out of an update (a bare `Message`), whose content keys (`poll`, ...) would be
 * mistaken for update kinds.
 *
 * @example
 * ```ts
 * try { flavor(msg); } catch (e) { if (e instanceof BadFlavorError) console.log(e.keys); }
 * ```
 */
export class BadFlavorError extends Error {
  /** The top-level keys of the value that could not be classified (empty for a non-object). */
  readonly keys: readonly string[];

  /** @param value - the value that could not be classified (only its keys are kept) */
  constructor(value: unknown) {
    const keys =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.keys(value)
        : [];
    const what =
      keys.length > 0 ? `an object with keys ${keys.slice(0, 8).join(', ')}` : describe(value);
    super(
      `flavor() takes an update ({ update_id, message: ... }) or an event ({ _name: data }), ` +
        `got ${what}. Inside a handler, read incoming.flavor instead.`,
    );
    this.name = 'BadFlavorError';
    this.keys = keys;
  }
}

/**
 * Reported (on the bot's `error` event) for an update that cannot be used at all: not an object,
 * or without a numeric `update_id`. The loop skips it and keeps going; its offset never stalls.
 */
export class MalformedUpdateError extends Error {
  /** The value as received. */
  readonly update: unknown;
  /** What is wrong with it, in words. */
  readonly reason: string;

  /**
   * @param update - the value as received
   * @param reason - what is wrong with it
   * @param options - `cause`, if another error revealed the problem
   */
  constructor(update: unknown, reason: string, options?: ErrorOptions) {
    super(`Malformed update skipped: ${reason}`, options);
    this.name = 'MalformedUpdateError';
    this.update = update;
    this.reason = reason;
  }
}

/**
 * Reported (on the bot's `error` event, `outcome: 'retry'`) when `getUpdates` answered `ok` with a
 * `result` that is not a list of updates (`null`, an object, a number, ...): a broken proxy or Bot
 * API server. Nothing in it is taken; the loop retries with back-off from the same offset, as
 * after a network error. Only the kind of value is kept, not the value: a hostile server's answer
 * can hold anything, the bot token included.
 *
 * @example
 * ```ts
 * bot.on('error', (e) => { if (e instanceof MalformedBatchError) metrics.count(e.received); });
 * ```
 */
export class MalformedBatchError extends Error {
  /** What `result` was instead of a list: `'null'`, `'an object'`, `'a string'`, ... */
  readonly received: string;

  /** @param result - the `result` of the answer, as received (only its kind is kept) */
  constructor(result: unknown) {
    const received = describe(result);
    super(
      `getUpdates answered a result that is not a list of updates (${received}); ` +
        'retrying with back-off',
    );
    this.name = 'MalformedBatchError';
    this.received = received;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/**
 * Thrown by `glance` and `flance` for a flavor they have no headline for (`'poll'`,
 * `'my_chat_member'`, an event, ...). Read the payload (`incoming.msg`) directly instead.
 */
export class UnsupportedFlavorError extends Error {
  /** The flavor asked for. */
  readonly flavor: string;

  /**
   * @param flavor - the flavor asked for
   * @param fn - the function that was called
   */
  constructor(flavor: string, fn: string) {
    super(
      `${fn}() has no headline for flavor '${flavor}'; it covers chat, callback_query, ` +
        `inline_query, chosen_inline_result, shipping_query, pre_checkout_query and business ` +
        `messages. Read incoming.msg directly.`,
    );
    this.name = 'UnsupportedFlavorError';
    this.flavor = flavor;
  }
}

/**
 * Thrown by `messageIdentifier` and `originIdentifier` for an object that identifies no message:
 * neither `chat.id` with `message_id`, nor `inline_message_id`.
 */
export class NoIdentifierError extends Error {
  /** The top-level keys of the object given. */
  readonly keys: readonly string[];

  /**
   * @param fn - the function that was called
   * @param value - the object given (only its keys are kept)
   */
  constructor(fn: string, value: unknown) {
    const keys = typeof value === 'object' && value !== null ? Object.keys(value) : [];
    super(
      `${fn}() needs an object with chat.id and message_id, or with inline_message_id; ` +
        `got ${keys.length > 0 ? `keys ${keys.slice(0, 8).join(', ')}` : String(value)}`,
    );
    this.name = 'NoIdentifierError';
    this.keys = keys;
  }
}

/**
 * Telegram refused the bot token (401 Unauthorized): the token is wrong or was revoked. The
 * `MessageLoop` stops and `run()` rejects with this error; `cause` is the API's error.
 */
export class InvalidTokenError extends Error {
  /** @param options - `cause`: the API's `UnauthorizedError` */
  constructor(options?: ErrorOptions) {
    super(
      'Telegram rejected the bot token (401 Unauthorized). Check the token from @BotFather; ' +
        'it may have been revoked. The loop has stopped.',
      options,
    );
    this.name = 'InvalidTokenError';
  }
}

/**
 * Another process is polling the same bot (409 Conflict: terminated by other getUpdates
 * request). Telegram serves one poller per bot, so the `MessageLoop` stops and `run()` rejects.
 */
export class ConflictingInstanceError extends Error {
  /** @param options - `cause`: the API's `ConflictError` */
  constructor(options?: ErrorOptions) {
    super(
      'Another instance of this bot is polling getUpdates (409 Conflict). Only one instance may ' +
        'poll at a time: stop the other one. This loop has stopped.',
      options,
    );
    this.name = 'ConflictingInstanceError';
  }
}

/**
 * A webhook is set for the bot, so Telegram refuses `getUpdates` (409 Conflict). The
 * `MessageLoop` stops and `run()` rejects, unless it was given `{ deleteWebhook: true }`.
 */
export class WebhookActiveError extends Error {
  /** @param options - `cause`: the API's `ConflictError` */
  constructor(options?: ErrorOptions) {
    super(
      'A webhook is set for this bot, so getUpdates is refused (409 Conflict). Call ' +
        'bot.api.deleteWebhook() first, or pass { deleteWebhook: true } to the MessageLoop.',
      options,
    );
    this.name = 'WebhookActiveError';
  }
}

/**
 * Reported when `MessageLoop.stop()` gave up waiting for handlers. By default those updates are
 * not confirmed, so Telegram delivers them again to the next run; with `confirm: 'on-receipt'`
 * they were confirmed when received and are not delivered again (`redelivered` is `false`).
 */
export class StopTimeoutError extends Error {
  /** The ids of the updates still unfinished at the deadline, oldest first. */
  readonly unfinishedUpdateIds: readonly number[];
  /**
   * Whether these updates are handled again: by Telegram's redelivery (the default `confirm`) or
   * from the inbox at the next run (`journaled`); `false` with `confirm: 'on-receipt'`.
   */
  readonly redelivered: boolean;
  /** Whether they stay in the loop's inbox, to be handled again when it runs next. */
  readonly journaled: boolean;

  /**
   * @param unfinishedUpdateIds - the ids still unfinished
   * @param timeoutMs - the deadline that passed
   * @param redelivered - whether they are handled again (default `true`)
   * @param journaled - whether the inbox hands them to the next run (default `false`)
   */
  constructor(
    unfinishedUpdateIds: readonly number[],
    timeoutMs: number,
    redelivered = true,
    journaled = false,
  ) {
    super(
      `stop(): ${unfinishedUpdateIds.length} update(s) still unfinished after ${timeoutMs} ms; ` +
        (journaled
          ? 'they stay unfinished in the inbox and are handled again when the loop runs next.'
          : redelivered
            ? 'they are left unconfirmed and will be delivered again.'
            : "they were confirmed on receipt (confirm: 'on-receipt') and will not be delivered again."),
    );
    this.name = 'StopTimeoutError';
    this.unfinishedUpdateIds = unfinishedUpdateIds;
    this.redelivered = redelivered || journaled;
    this.journaled = journaled;
  }
}
