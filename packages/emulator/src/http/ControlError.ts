/**
 * An error of the control side (HTTP control API and the chat page's calls): bad input or an
 * unknown user, bot, chat or message.
 *
 * The HTTP layer answers with `status` and `{ ok: false, error: { code, message } }`.
 *
 * @example
 * ```ts
 * throw new ControlError(404, 'unknown_chat', `no chat with id ${chatId}; list chats with GET /control/chats`);
 * ```
 */
export class ControlError extends Error {
  override readonly name = 'ControlError';

  /**
   * @param status - HTTP status to answer with (400 for bad input, 404 for unknown ids)
   * @param code - machine-readable reason, e.g. `unknown_chat`, `bad_request`
   * @param message - what went wrong and what to do instead
   * @param options - `cause` keeps the underlying error
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
