import type { Clock } from '@delegram/api';
import { EmulatorError } from '../world/EmulatorError.js';

interface Waiter<T> {
  readonly accept: (item: T) => boolean;
  readonly resolve: (item: T) => void;
}

/**
 * A queue of things that happened (messages, edits) that tests take one at a time, waiting on the
 * emulator's clock when none is there yet.
 *
 * Items are kept from the moment the inbox is created, so a reply that arrives before the test
 * starts waiting is not missed.
 */
export class Inbox<T> {
  private readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  /** @param clock - the clock timeouts run on */
  constructor(private readonly clock: Clock) {}

  /** Adds an item, handing it to the oldest waiter that accepts it. */
  put(item: T): void {
    for (const waiter of this.waiters) {
      if (waiter.accept(item)) {
        this.waiters.delete(waiter);
        waiter.resolve(item);
        return;
      }
    }
    this.items.push(item);
  }

  /**
   * Takes the oldest item that `accept` likes, waiting up to `timeoutMs` of clock time.
   *
   * @param accept - which items qualify
   * @param timeoutMs - how long to wait
   * @param describe - what is awaited, for the timeout message
   * @returns the item
   * @throws EmulatorError `timeout`
   */
  take(accept: (item: T) => boolean, timeoutMs: number, describe: string): Promise<T> {
    const index = this.items.findIndex(accept);
    if (index >= 0) return Promise.resolve(this.items.splice(index, 1)[0] as T);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        accept,
        resolve: (item) => {
          this.clock.clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = this.clock.setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new EmulatorError('timeout', `No ${describe} within ${timeoutMs} ms of emulated time`),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Forgets every item not yet taken. */
  clear(): void {
    this.items.length = 0;
  }

  /** Number of items not yet taken. */
  get size(): number {
    return this.items.length;
  }
}
