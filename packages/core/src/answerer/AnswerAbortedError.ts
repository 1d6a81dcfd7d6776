/** Why an {@link AnswerAbortedError} aborted a computation. */
export type AnswerAbortReason = 'superseded' | 'timeout' | 'closed';

/**
 * The reason an `Answerer` gives when it aborts a computation's `AbortSignal`: a newer query from
 * the same user superseded it, it ran past the answerer's timeout, or the answerer was closed.
 *
 * A compute function sees it as `signal.reason`; passing the signal to `fetch` or `sleep` makes
 * them reject with it.
 */
export class AnswerAbortedError extends Error {
  /** Always `'AnswerAbortedError'`. */
  override readonly name = 'AnswerAbortedError';

  /**
   * @param reason - why the computation was aborted
   * @param userId - the `from.id` of the inline query
   * @param queryId - the inline query's id
   */
  constructor(
    readonly reason: AnswerAbortReason,
    readonly userId: number,
    readonly queryId: string,
  ) {
    super(
      reason === 'superseded'
        ? `Inline query ${queryId} of user ${userId} was superseded by a newer query`
        : reason === 'timeout'
          ? `Inline query ${queryId} of user ${userId} was not answered in time`
          : `Inline query ${queryId} of user ${userId} was aborted: the answerer was closed`,
    );
  }
}
