import type { RateLimiter } from './RateLimiter.js';

/**
 * At most `limit` calls in any window of `spanMs`: the times of the last `limit` calls in a
 * ring, so that the next call may go once the oldest of them is `spanMs` old. A call counts from
 * when it was sent, moved later by {@link SlidingWindow.settle} to when Telegram may have counted
 * it at the latest (a moved time only makes the window more careful: it frees up later). Used for the
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
  /** The sequence number of the call at `start` (each `take` gets the next one). */
  private headSeq = 0;

  /**
   * @param limit - calls per window (a positive integer)
   * @param spanMs - the window, in ms
   */
  constructor(
    readonly limit: number,
    readonly spanMs: number,
  ) {}

  /**
   * Fills the window as if calls had been sent at its full rate, evenly spaced, until `now`: the
   * next call may go after one interval (`spanMs / limit`), the ones after it evenly spaced.
   *
   * @param now - the clock's time
   * @returns this window
   */
  paced(now: number): this {
    this.start = 0;
    this.count = this.limit;
    for (let i = 0; i < this.limit; i++) {
      this.times[i] = now - this.spanMs + ((i + 1) * this.spanMs) / this.limit;
    }
    return this;
  }

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
  take(now: number): number {
    this.prune(now);
    if (this.count === this.limit) {
      this.start = (this.start + 1) % this.limit;
      this.count--;
      this.headSeq++;
    }
    this.times[(this.start + this.count) % this.limit] = now;
    this.count++;
    return this.headSeq + this.count - 1;
  }

  /** {@inheritDoc RateLimiter.settle} */
  settle(slot: number, at: number): void {
    const offset = slot - this.headSeq;
    if (offset < 0 || offset >= this.count) return;
    const i = (this.start + offset) % this.limit;
    this.times[i] = Math.max(this.times[i]!, at);
  }

  /** {@inheritDoc RateLimiter.restAt} */
  restAt(): number {
    let latest = -Infinity;
    for (let k = 0; k < this.count; k++) {
      latest = Math.max(latest, this.times[(this.start + k) % this.limit]!);
    }
    return latest + this.spanMs;
  }

  private prune(now: number): void {
    while (this.count > 0 && this.times[this.start]! + this.spanMs <= now) {
      this.start = (this.start + 1) % this.limit;
      this.count--;
      this.headSeq++;
    }
  }
}
