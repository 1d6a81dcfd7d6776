/**
 * Extra information Telegram attaches to some errors (the Bot API's `ResponseParameters`), in
 * camelCase.
 */
export interface ErrorParameters {
  /** Flood control: seconds to wait before repeating the request (with 429 errors). */
  readonly retryAfter?: number;
  /** The group became a supergroup with this id; repeat the request there. */
  readonly migrateToChatId?: number;
}

/** The error envelope the Bot API answers with: `{ ok: false, error_code, description, parameters? }`. */
export interface ErrorEnvelope {
  /** Always `false` for errors. */
  readonly ok: false;
  /** Error code; equals the HTTP status. */
  readonly error_code: number;
  /** Human-readable description, e.g. `Bad Request: chat not found`. */
  readonly description: string;
  /** Optional extra information. */
  readonly parameters?: {
    /** Seconds to wait (flood control). */
    readonly retry_after?: number;
    /** The supergroup the group moved to. */
    readonly migrate_to_chat_id?: number;
  };
}

/**
 * An error answer from the Bot API: the request arrived and Telegram refused it.
 *
 * The class is chosen by `errorCode` ({@link BadRequestError} for 400, {@link UnauthorizedError}
 * for 401, {@link ForbiddenError} for 403, {@link NotFoundError} for 404, {@link ConflictError}
 * for 409, {@link TooManyRequestsError} for 429; any other code gives a plain `TelegramError`),
 * never by parsing the description, which Telegram may reword.
 *
 * @example
 * ```ts
 * try {
 *   await api.sendMessage(chatId, 'hi');
 * } catch (error) {
 *   if (error instanceof ForbiddenError) forgetChat(chatId); // blocked by the user
 *   else if (error instanceof BadRequestError && error.parameters.migrateToChatId !== undefined)
 *     await api.sendMessage(error.parameters.migrateToChatId, 'hi');
 *   else throw error;
 * }
 * ```
 */
export class TelegramError extends Error {
  /** The Bot API method that failed, e.g. `sendMessage`. */
  readonly method: string;
  /** Telegram's `error_code` (equal to the HTTP status). */
  readonly errorCode: number;
  /** Telegram's `description`, e.g. `Forbidden: bot was blocked by the user`. */
  readonly description: string;
  /** Telegram's `parameters`, camelCased; empty when none were sent. */
  readonly parameters: ErrorParameters;

  /**
   * @param method - the method that failed
   * @param errorCode - Telegram's error code
   * @param description - Telegram's description
   * @param parameters - Telegram's response parameters
   */
  constructor(
    method: string,
    errorCode: number,
    description: string,
    parameters: ErrorParameters = {},
  ) {
    super(`${method} failed: ${errorCode} ${description}`);
    this.name = 'TelegramError';
    this.method = method;
    this.errorCode = errorCode;
    this.description = description;
    this.parameters = parameters;
  }

  /**
   * Builds the error of the right class for an error envelope.
   *
   * @param method - the method that failed
   * @param envelope - the parsed answer
   * @returns a `TelegramError` or the subclass for its code
   */
  static from(method: string, envelope: ErrorEnvelope): TelegramError {
    const parameters: { retryAfter?: number; migrateToChatId?: number } = {};
    const raw = envelope.parameters;
    if (typeof raw?.retry_after === 'number') parameters.retryAfter = raw.retry_after;
    if (typeof raw?.migrate_to_chat_id === 'number') {
      parameters.migrateToChatId = raw.migrate_to_chat_id;
    }
    const Class = CLASSES[envelope.error_code] ?? TelegramError;
    return new Class(method, envelope.error_code, envelope.description, parameters);
  }
}

/** 400: the request is wrong (chat not found, message not modified, can't parse entities, ...). */
export class BadRequestError extends TelegramError {
  /** Always `BadRequestError`. */
  override readonly name: string = 'BadRequestError';
}

/** 401: the token is wrong or was revoked. */
export class UnauthorizedError extends TelegramError {
  /** Always `UnauthorizedError`. */
  override readonly name: string = 'UnauthorizedError';
}

/** 403: the bot may not do this (blocked by the user, kicked from the group, ...). */
export class ForbiddenError extends TelegramError {
  /** Always `ForbiddenError`. */
  override readonly name: string = 'ForbiddenError';
}

/** 404: no such method (or no such file, for downloads). */
export class NotFoundError extends TelegramError {
  /** Always `NotFoundError`. */
  override readonly name: string = 'NotFoundError';
}

/** 409: another `getUpdates` or a webhook competes with this request. */
export class ConflictError extends TelegramError {
  /** Always `ConflictError`. */
  override readonly name: string = 'ConflictError';
}

/** 429: flood control; wait `parameters.retryAfter` seconds (or use `autoRetry`). */
export class TooManyRequestsError extends TelegramError {
  /** Always `TooManyRequestsError`. */
  override readonly name: string = 'TooManyRequestsError';
}

type TelegramErrorClass = new (
  method: string,
  errorCode: number,
  description: string,
  parameters?: ErrorParameters,
) => TelegramError;

const CLASSES: Readonly<Record<number, TelegramErrorClass>> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  429: TooManyRequestsError,
};
