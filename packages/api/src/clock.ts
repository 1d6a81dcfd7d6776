import { DeadlineHeap } from './DeadlineHeap.js';

/**
 * Opaque handle returned by {@link Clock.setTimeout}; pass it back to {@link Clock.clearTimeout}.
 */
export type TimerId = unknown;

/**
 * The source of time and timers for everything in delegram.
 *
 * Every timeout, retry back-off, idle timer and expiry goes through a `Clock`, so that tests can
 * swap in a {@link ManualClock} and fast-forward instead of sleeping. The shape is compatible with
 * xstate v5's `clock` option, so the same object can drive actors' delayed transitions.
 *
 * @example
 * ```ts
 * const clock = new ManualClock();
 * const api = new Api(token, { clock });
 * await clock.advance(30_000); // retries and timeouts fire, no real waiting
 * ```
 */
export interface Clock {
  /** Current time in milliseconds since the Unix epoch (or since the clock's start, for a manual clock). */
  now(): number;
  /** Calls `callback` once after `ms` milliseconds of this clock's time. */
  setTimeout(callback: () => void, ms: number): TimerId;
  /** Cancels a timer; cancelling a fired or unknown timer does nothing. */
  clearTimeout(id: TimerId): void;
}

/** The longest delay one Node timer can hold (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A timer longer than {@link MAX_TIMER_MS}, waited out in steps. */
class LongTimer {
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The real clock: `Date.now()` and the global timers. A delay longer than a Node timer can hold
 * (about 24.8 days, e.g. a "no timeout" written as `Number.MAX_SAFE_INTEGER`) is waited out in
 * steps, where Node would fire it after 1 ms.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    if (!(ms > MAX_TIMER_MS)) return setTimeout(callback, ms);
    const due = Date.now() + ms;
    const long = new LongTimer();
    const arm = (): void => {
      const left = due - Date.now();
      long.timer =
        left > MAX_TIMER_MS
          ? setTimeout(arm, MAX_TIMER_MS)
          : setTimeout(callback, Math.max(0, left));
    };
    arm();
    return long;
  },
  clearTimeout: (id) => {
    clearTimeout(
      (id instanceof LongTimer ? id.timer : id) as ReturnType<typeof setTimeout> | undefined,
    );
  },
};

/**
 * Waits `ms` milliseconds of `clock` time.
 *
 * @param clock - the clock to wait on
 * @param ms - how long to wait
 * @param signal - aborting it rejects the promise with the signal's reason and cancels the timer
 * @returns a promise that resolves after `ms`
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clock.clearTimeout(id);
      reject(signal?.reason as Error);
    };
    const id = clock.setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface ManualTimer {
  readonly seq: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A simulated clock for tests: time stands still until you {@link ManualClock.advance} it.
 *
 * Timers fire in due order (ties in scheduling order). Between two timers the clock lets the
 * event loop turn once, so promise chains started by a timer (a retry, a handler) run before the
 * next timer fires and may schedule timers of their own, which fire too if they fall due.
 *
 * @example
 * ```ts
 * const clock = new ManualClock();
 * let fired = false;
 * clock.setTimeout(() => (fired = true), 10_000);
 * await clock.advance(10_000);
 * expect(fired).toBe(true);
 * ```
 */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly heap = new DeadlineHeap<ManualTimer>();
  private readonly cancelled = new Set<number>();

  /** @param start - the initial value of {@link ManualClock.now} in ms (default 0) */
  constructor(start = 0) {
    this.current = start;
  }

  /** Current simulated time in milliseconds. */
  now(): number {
    return this.current;
  }

  /** Schedules `callback` at `now() + ms`. */
  setTimeout(callback: () => void, ms: number): TimerId {
    const timer: ManualTimer = {
      seq: ++this.seq,
      at: this.current + Math.max(0, Number.isFinite(ms) ? ms : 0),
      callback,
    };
    this.heap.push(timer);
    return timer.seq;
  }

  /** Cancels a pending timer. */
  clearTimeout(id: TimerId): void {
    if (typeof id === 'number' && this.heap.items.some((t) => t.seq === id)) this.cancelled.add(id);
  }

  /** Number of timers that have not fired and were not cancelled. */
  get pending(): number {
    return this.heap.length - this.cancelled.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way, in order.
   *
   * @param ms - how far to move (milliseconds, >= 0)
   */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance needs ms >= 0, got ${ms}`);
    await this.advanceTo(this.current + ms);
  }

  /** Moves time forward to the absolute time `target`, firing due timers on the way. */
  async advanceTo(target: number): Promise<void> {
    await turn();
    for (;;) {
      const next = this.peek();
      if (next === undefined || next.at > target) break;
      this.heap.pop();
      this.current = Math.max(this.current, next.at);
      next.callback();
      await turn();
    }
    this.current = Math.max(this.current, target);
    await turn();
  }

  /** Fires timers until none is left (timers that keep rescheduling themselves stop after `limit`). */
  async runAll(limit = 100_000): Promise<void> {
    for (let i = 0; i < limit; i++) {
      const next = this.peek();
      if (next === undefined) return;
      await this.advanceTo(next.at);
    }
    throw new Error(`ManualClock.runAll: still ${this.pending} timers after ${limit} steps`);
  }

  private peek(): ManualTimer | undefined {
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined || !this.cancelled.has(top.seq)) return top;
      this.cancelled.delete(top.seq);
      this.heap.pop();
    }
  }
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
