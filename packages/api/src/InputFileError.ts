/** Why an {@link InputFile} could not be read. */
export type InputFileErrorReason = 'consumed' | 'not-a-file';

/**
 * Thrown when an {@link InputFile}'s content cannot be read: a one-shot stream read a second time
 * (for example by a retry), or a path that is not a readable regular file.
 *
 * It is not an `HttpError`, so `autoRetry` does not retry it.
 */
export class InputFileError extends Error {
  /** Machine-readable reason: `consumed` or `not-a-file`. */
  readonly reason: InputFileErrorReason;
  /** The file name of the input file concerned. */
  readonly filename: string;

  /**
   * @param reason - why the file could not be read
   * @param filename - the input file's name
   * @param message - a sentence saying what went wrong and what to do instead
   * @param options - `cause` of the failure, if any
   */
  constructor(
    reason: InputFileErrorReason,
    filename: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'InputFileError';
    this.reason = reason;
    this.filename = filename;
  }
}
