import type { RateLimiter } from './RateLimiter.js';

/** Tolerance for float rounding in the token count. */
const EPSILON = 1e-9;

/**
 * A token bucket: up to `burst` calls at once, then one call per `intervalMs`. Used for private
 * chats (about one message per second, short bursts allowed). Starts full.
 *
 * @example
 * ```ts
 * const bucket = new TokenBucket(3, 1025, now);
 * if (bucket.nextFreeAt(now) <= now) bucket.take(now);
 * ```
 */
export class TokenBucket implements RateLimiter {
  private tokens: number;
  private at: number;

  /**
   * @param burst - the bucket's size (calls at once)
   * @param intervalMs - the time one token takes to come back, in ms
   * @param now - the current time
   */
  constructor(
    readonly burst: number,
    readonly intervalMs: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** {@inheritDoc RateLimiter.nextFreeAt} */
  nextFreeAt(now: number): number {
    this.refill(now);
    if (this.tokens >= 1 - EPSILON) return now;
    return now + Math.ceil((1 - this.tokens) * this.intervalMs - EPSILON);
  }

  /** {@inheritDoc RateLimiter.take} */
  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  /** {@inheritDoc RateLimiter.restAt} */
  restAt(): number {
    return this.at + Math.ceil((this.burst - this.tokens) * this.intervalMs - EPSILON);
  }

  private refill(now: number): void {
    if (now > this.at) {
      this.tokens = Math.min(this.burst, this.tokens + (now - this.at) / this.intervalMs);
      this.at = now;
    }
  }
}
