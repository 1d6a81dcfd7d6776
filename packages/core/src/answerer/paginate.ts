import type { InlineQueryResult } from '@delegram/api';

/** One page of inline results, ready to return from a compute function. */
export interface InlinePage<R = InlineQueryResult> {
  /** The results of this page. */
  readonly results: R[];
  /** The offset Telegram sends back when the user scrolls for more (`''`: no more pages). */
  readonly next_offset: string;
}

/**
 * Cuts one page out of a full result list, using the inline query's `offset` (a decimal index,
 * `''` for the first page) and giving the `next_offset` for the following page.
 *
 * @example
 * ```ts
 * answerer.answer(query, (q, signal, offset) => paginate(search(q.query), offset, 20));
 * ```
 * @param all - every result, in order
 * @param offset - the query's offset (`''` or a number as text)
 * @param pageSize - results per page (Telegram accepts at most 50)
 * @returns the page and the next offset
 */
export function paginate<R = InlineQueryResult>(
  all: readonly R[],
  offset: string,
  pageSize = 50,
): InlinePage<R> {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 50) {
    throw new RangeError(`paginate: pageSize must be an integer from 1 to 50, got ${pageSize}`);
  }
  const start = offset === '' ? 0 : Number(offset);
  if (!Number.isInteger(start) || start < 0) {
    throw new RangeError(`paginate: offset must be '' or a non-negative integer, got '${offset}'`);
  }
  const end = start + pageSize;
  return { results: all.slice(start, end), next_offset: end < all.length ? String(end) : '' };
}
