/** Machine-readable reasons an {@link EmulatorError} carries. */
export type EmulatorErrorCode =
  | 'invalid_option'
  | 'username_taken'
  | 'not_found'
  | 'not_member'
  | 'blocked'
  | 'no_button'
  | 'no_answer'
  | 'timeout'
  | 'payment_failed'
  | 'not_running';

/**
 * An error of the emulator's control side: misuse of the JS control API (a bad option, an unknown
 * chat, a button that is not there) or a wait that ran out of time.
 *
 * Bot-facing errors are `ApiError`s instead; these are for the test or tool driving the emulator.
 *
 * @example
 * ```ts
 * try { await chat.nextBotMessage({ timeoutMs: 1000 }); }
 * catch (e) { if (e instanceof EmulatorError && e.code === 'timeout') ... }
 * ```
 */
export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';

  /**
   * @param code - what went wrong, for programs
   * @param message - what went wrong and what to do instead, for people
   * @param options - standard error options; `cause` is kept
   */
  constructor(
    readonly code: EmulatorErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
