/**
 * A Bot API call stopped because its `AbortSignal` fired (before it was sent, while it was in
 * flight, or while `autoRetry` was waiting to try again).
 *
 * Its `name` is `AbortError`, like the error `fetch` throws, so code that checks
 * `error.name === 'AbortError'` keeps working; it is neither a {@link TelegramError} nor an
 * {@link HttpError}, so nothing retries it. `cause` is the signal's `reason`.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const pending = api.getUpdates({ timeout: 30 }, controller.signal);
 * controller.abort();
 * await pending.catch((error) => error instanceof AbortError); // true
 * ```
 */
export class AbortError extends Error {
  /** The Bot API method that was aborted (or `download`). */
  readonly method: string;

  /**
   * @param method - the method that was aborted
   * @param reason - the signal's reason, kept as `cause`
   */
  constructor(method: string, reason?: unknown) {
    super(`${method} was aborted`, { cause: reason });
    this.name = 'AbortError';
    this.method = method;
  }
}
