/**
 * A public constructor or factory was given an options object (or routing table) it cannot use:
 * a key it does not know, most often a misspelling, or a value of the wrong type. Thrown at once,
 * for JavaScript callers whom the types do not protect; the message names the key and, for an
 * unknown one, the closest valid key.
 *
 * @example
 * ```ts
 * try {
 *   autoRetry({ maxRetries: 3 } as never);
 * } catch (error) {
 *   if (error instanceof OptionsError) console.log(error.key, error.suggestion); // maxRetries maxAttempts
 * }
 * ```
 */
export class OptionsError extends TypeError {
  /** Who took the options, e.g. `autoRetry` or `new MessageLoop(bot, handler, options)`. */
  readonly owner: string;
  /** The offending key (`''` when the options value itself is wrong, e.g. not an object). */
  readonly key: string;
  /** What was expected: `'a known option'` for an unknown key, else the type, e.g. `'a number'`. */
  readonly expected: string;
  /** The valid key closest to an unknown one, if any is close enough. */
  readonly suggestion: string | undefined;
  /** What was given instead, described (`'a string'`, `'null'`, ...). */
  readonly received: string;

  /**
   * @param owner - who took the options
   * @param key - the offending key
   * @param expected - what was expected
   * @param received - what was given, described
   * @param detail - `suggestion`, the valid keys (for the message), a `hint` sentence, and
   *   `what` names the subject instead of `option <key>` (`'the handler'`, `"flavor 'chatt'"`)
   */
  constructor(
    owner: string,
    key: string,
    expected: string,
    received: string,
    detail: {
      suggestion?: string;
      validKeys?: readonly string[];
      hint?: string;
      what?: string;
    } = {},
  ) {
    const what = detail.what ?? (key === '' ? 'options' : `option ${key}`);
    let message =
      expected === UNKNOWN
        ? `${owner}: unknown ${what}`
        : `${owner}: ${what} must be ${expected}, got ${received}`;
    if (detail.suggestion !== undefined) message += `; did you mean '${detail.suggestion}'?`;
    if (detail.hint !== undefined) message += `; ${detail.hint}`;
    if (expected === UNKNOWN && detail.validKeys !== undefined && detail.validKeys.length > 0) {
      message += ` (valid: ${detail.validKeys.join(', ')})`;
    }
    super(message);
    this.name = 'OptionsError';
    this.owner = owner;
    this.key = key;
    this.expected = expected;
    this.suggestion = detail.suggestion;
    this.received = received;
  }
}

/** `OptionsError.expected` for a key that is not an option. */
export const UNKNOWN = 'a known option';
