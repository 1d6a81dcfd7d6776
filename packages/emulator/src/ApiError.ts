/** Optional machine-readable details Telegram attaches to some errors (`ResponseParameters`). */
export interface ApiErrorParameters {
  /** Seconds to wait before repeating the request (flood control). */
  retry_after?: number;
  /** The supergroup a group was migrated to. */
  migrate_to_chat_id?: number;
}

/**
 * An error answer of the emulated Bot API, thrown by method implementations.
 *
 * The server turns it into Telegram's envelope
 * `{ ok: false, error_code, description, parameters? }` with HTTP status = `errorCode` (and a
 * `Retry-After` header for 429). `description` is the whole text the bot sees, prefix included.
 *
 * @example
 * ```ts
 * throw new ApiError(400, 'Bad Request: chat not found');
 * throw new ApiError(429, 'Too Many Requests: retry after 5', { retry_after: 5 });
 * ```
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  /**
   * @param errorCode - Telegram's `error_code`, also used as the HTTP status
   * @param description - Telegram's `description`, e.g. `Bad Request: chat not found`
   * @param parameters - `ResponseParameters` to send along (omitted from the envelope when empty)
   * @param options - standard error options; `cause` is kept
   */
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ApiErrorParameters,
    options?: ErrorOptions,
  ) {
    super(`${errorCode}: ${description}`, options);
  }
}

/**
 * Builds a 400 error with Telegram's `Bad Request: ` prefix.
 *
 * @param what - the rest of the description, e.g. `chat not found`
 * @returns an {@link ApiError} with `errorCode` 400
 */
export function badRequest(what: string): ApiError {
  return new ApiError(400, `Bad Request: ${what}`);
}

/**
 * Builds a 429 flood-control error: `Too Many Requests: retry after N` with `retry_after`.
 *
 * @param retryAfter - whole seconds the caller must wait (rounded up, at least 1)
 * @returns an {@link ApiError} with `errorCode` 429
 */
export function tooManyRequests(retryAfter: number): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfter));
  return new ApiError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
}

/**
 * Builds a 409 error with Telegram's `Conflict: ` prefix.
 *
 * @param what - the rest of the description
 * @returns an {@link ApiError} with `errorCode` 409
 */
export function conflict(what: string): ApiError {
  return new ApiError(409, `Conflict: ${what}`);
}
