/**
 * One rate limit as {@link flowControl}'s scheduler uses it: a {@link SlidingWindow} or a
 * {@link TokenBucket}. Times are clock times in ms.
 */
export interface RateLimiter {
  /**
   * When the next call may go.
   *
   * @param now - the current time
   * @returns `now` when a call may go now, else the earliest later time
   */
  nextFreeAt(now: number): number;
  /**
   * Counts one call sent at `now`.
   *
   * @param now - the current time
   * @returns a slot number for {@link RateLimiter.settle}, for limiters that have it
   */
  take(now: number): number | void;
  /**
   * Moves a call's time later, to when Telegram may have counted it at the latest (learnt from
   * its answer): a request that was slow on its way must not let the next one go too early.
   *
   * @param slot - what `take` returned
   * @param at - the later time
   */
  settle?(slot: number, at: number): void;
  /**
   * When the limiter is back at rest (as if nothing had been sent), so that it can be dropped
   * without letting a later burst exceed the limit.
   *
   * @returns a clock time; at or before `now` when already at rest
   */
  restAt(): number;
}
