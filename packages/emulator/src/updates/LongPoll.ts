import type { Clock, TimerId, Update } from '@delegram/api';
import { conflict } from '../ApiError.js';

/** How late a repeated getUpdates conflict is answered (ms). */
export const CONFLICT_DELAY_MS = 3000;

const TERMINATED_BY_POLL =
  'terminated by other getUpdates request; make sure that only one bot instance is running';

interface Waiter {
  readonly limit: number;
  readonly resolve: (updates: Update[]) => void;
  readonly reject: (error: Error) => void;
  /** Detaches the waiter (timer, abort listener) without settling it. */
  readonly detach: () => void;
}

/**
 * The one `getUpdates` request of a bot that may wait for updates, with Telegram's rules.
 *
 * A newer waiting request ends the older one with 409 `Conflict: terminated by other getUpdates
 * request; …` (answered 3 s late when the previous conflict was less than 3 s ago, which slows two
 * instances that keep displacing each other). A waiter is answered as soon as updates arrive
 * (updates pushed in the same turn come together), with an empty list when its timeout passes,
 * and quietly when its client goes away.
 */
export class LongPoll {
  private waiter: Waiter | undefined;
  private lastConflictAt: number | undefined;
  private readonly conflictTimers = new Set<TimerId>();
  private wakeScheduled = false;

  /**
   * @param clock - time for timeouts and conflict delays
   * @param take - reads up to `limit` queued updates (without confirming them)
   */
  constructor(
    private readonly clock: Clock,
    private readonly take: (limit: number) => Update[],
  ) {}

  /** Whether a request is waiting. */
  get waiting(): boolean {
    return this.waiter !== undefined;
  }

  /**
   * Waits for updates, displacing an earlier waiting request.
   *
   * @param limit - most updates to answer with
   * @param timeoutMs - how long to wait
   * @param signal - aborted when the client goes away
   * @returns the updates, or an empty list after the timeout or when the client went away
   */
  wait(limit: number, timeoutMs: number, signal?: AbortSignal): Promise<Update[]> {
    this.displace();
    return new Promise<Update[]>((resolve, reject) => {
      const onAbort = (): void => settle(() => resolve([]));
      const timer = this.clock.setTimeout(() => settle(() => resolve([])), timeoutMs);
      const waiter: Waiter = {
        limit,
        resolve: (updates) => settle(() => resolve(updates)),
        reject: (error) => settle(() => reject(error)),
        detach: () => {
          this.clock.clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          if (this.waiter === waiter) this.waiter = undefined;
        },
      };
      const settle = (finish: () => void): void => {
        waiter.detach();
        finish();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = waiter;
    });
  }

  /** Answers the waiting request soon (in a microtask) if updates are there by then. */
  wake(): void {
    if (this.waiter === undefined || this.wakeScheduled) return;
    this.wakeScheduled = true;
    // A microtask, not a timer: updates pushed in the same turn are answered together.
    queueMicrotask(() => {
      this.wakeScheduled = false;
      const waiter = this.waiter;
      if (waiter === undefined) return;
      const updates = this.take(waiter.limit);
      if (updates.length > 0) waiter.resolve(updates);
    });
  }

  /**
   * Ends the waiting request, if any.
   *
   * @param error - the error to answer with; omitted: answer with no updates
   */
  end(error?: Error): void {
    if (error === undefined) this.waiter?.resolve([]);
    else this.waiter?.reject(error);
  }

  /** Ends the waiting request and cancels delayed conflict answers. */
  dispose(): void {
    this.end();
    for (const timer of this.conflictTimers) this.clock.clearTimeout(timer);
    this.conflictTimers.clear();
  }

  private displace(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    const now = this.clock.now();
    const repeated =
      this.lastConflictAt !== undefined && now - this.lastConflictAt < CONFLICT_DELAY_MS;
    this.lastConflictAt = now;
    const error = conflict(TERMINATED_BY_POLL);
    if (!repeated) {
      waiter.reject(error);
      return;
    }
    waiter.detach();
    const timer = this.clock.setTimeout(() => {
      this.conflictTimers.delete(timer);
      waiter.reject(error);
    }, CONFLICT_DELAY_MS);
    this.conflictTimers.add(timer);
  }
}
