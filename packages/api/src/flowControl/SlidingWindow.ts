import type { RateLimiter } from './RateLimiter.js';

/**
 * At most `limit` calls in any window of `spanMs`: the send times of the last `limit` calls in a
 * ring, so that the next call may go once the oldest of them is `spanMs` old. Used for the
 * bot-wide limit (30 per second) and for groups (20 per minute).
 *
 * @example
 * ```ts
 * const window = new SlidingWindow(20, 60_025);
 * if (window.nextFreeAt(now) <= now) window.take(now);
 * ```
 */
export class SlidingWindow implements RateLimiter {
  private readonly times: number[] = [];
  private start = 0;
  private count = 0;

  /**
   * @param limit - calls per window (a positive integer)
   * @param spanMs - the window, in ms
   */
  constructor(
    readonly limit: number,
    readonly spanMs: number,
  ) {}

  /** Calls counted in the window that ends now (after {@link SlidingWindow.nextFreeAt}). */
  get size(): number {
    return this.count;
  }

  /** {@inheritDoc RateLimiter.nextFreeAt} */
  nextFreeAt(now: number): number {
    this.prune(now);
    return this.count < this.limit ? now : this.times[this.start]! + this.spanMs;
  }

  /** {@inheritDoc RateLimiter.take} */
  take(now: number): void {
    this.prune(now);
    if (this.count === this.limit) {
      this.start = (this.start + 1) % this.limit;
      this.count--;
    }
    this.times[(this.start + this.count) % this.limit] = now;
    this.count++;
  }

  /** {@inheritDoc RateLimiter.restAt} */
  restAt(): number {
    if (this.count === 0) return -Infinity;
    return this.times[(this.start + this.count - 1) % this.limit]! + this.spanMs;
  }

  private prune(now: number): void {
    while (this.count > 0 && this.times[this.start]! + this.spanMs <= now) {
      this.start = (this.start + 1) % this.limit;
      this.count--;
    }
  }
}
