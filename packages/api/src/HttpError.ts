/**
 * What went wrong in an {@link HttpError}:
 * - `network`: the connection failed (refused, reset, DNS, TLS, ...);
 * - `timeout`: no complete answer within the call's timeout;
 * - `bad-response`: an answer that is not a Bot API JSON envelope (a proxy's HTML page, ...).
 */
export type HttpErrorKind = 'network' | 'timeout' | 'bad-response';

/**
 * A Bot API call that got no usable answer from Telegram: a network failure, a timeout, or an
 * answer that is not Bot API JSON (for example a 502 page from a proxy).
 *
 * Unlike a {@link TelegramError}, the request may or may not have been carried out, and trying
 * again often helps; `autoRetry` retries these. The original error is kept as `cause`, with the
 * bot token removed from its message and stack.
 *
 * @example
 * ```ts
 * try {
 *   await api.getMe();
 * } catch (error) {
 *   if (error instanceof HttpError && error.kind === 'timeout') console.log('Telegram is slow');
 * }
 * ```
 */
export class HttpError extends Error {
  /** The Bot API method (or `download` for file downloads). */
  readonly method: string;
  /** What went wrong: `network`, `timeout` or `bad-response`. */
  readonly kind: HttpErrorKind;
  /** The HTTP status, when an answer arrived. */
  readonly status: number | undefined;

  /**
   * @param method - the method that was called
   * @param kind - what went wrong
   * @param message - what happened, without the token
   * @param options - `cause`: the underlying error; `status`: the HTTP status if any
   */
  constructor(
    method: string,
    kind: HttpErrorKind,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(`${method}: ${message}`, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'HttpError';
    this.method = method;
    this.kind = kind;
    this.status = options.status;
  }
}
