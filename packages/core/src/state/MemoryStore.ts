import { systemClock } from '@delegram/api';
import type { Clock } from '@delegram/api';
import { checkStoreArgs } from './checkStoreArgs.js';
import { StoreClosedError } from './errors.js';
import type {
  DeleteOptions,
  SetOptions,
  SetResult,
  StateStore,
  StoredEntry,
  StoredValue,
} from './StateStore.js';

interface Slot {
  readonly value: string;
  readonly version: number;
  readonly expiresAt: number | undefined;
}

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** The clock expiries are measured on (default: the system clock; tests pass a `ManualClock`). */
  readonly clock?: Clock | undefined;
}

/**
 * A {@link StateStore} in this process's memory: the default store of a bot, and the one for
 * tests. State survives a delegate's idle close (the next message resumes it) but not the
 * process. Expired keys are dropped when read, and swept as the store grows.
 *
 * @example
 * ```ts
 * const bot = new DelegatorBot(token, patterns, { store: new MemoryStore() });
 * ```
 */
export class MemoryStore implements StateStore {
  private readonly map = new Map<string, Slot>();
  private readonly clock: Clock;
  private lastVersion = 0;
  private expiring = 0;
  private sweepAt = 1024;
  private closed = false;

  /** @param options - the clock for expiries */
  constructor(options: MemoryStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  /** The number of keys held, expired ones not yet swept included. */
  get size(): number {
    return this.map.size;
  }

  get(key: string): Promise<StoredValue | undefined> {
    return settle(() => {
      checkStoreArgs(key);
      this.checkOpen();
      const slot = this.live(key);
      return slot === undefined ? undefined : { value: slot.value, version: slot.version };
    });
  }

  set(key: string, value: string, options: SetOptions = {}): Promise<SetResult> {
    return settle(() => this.write(key, value, options));
  }

  delete(key: string, options: DeleteOptions = {}): Promise<boolean> {
    return settle(() => {
      checkStoreArgs(key, undefined, options);
      this.checkOpen();
      const current = this.live(key);
      if (current === undefined) return false;
      if (options.ifVersion !== undefined && current.version !== options.ifVersion) return false;
      this.map.delete(key);
      return true;
    });
  }

  entries(prefix: string): AsyncIterable<StoredEntry> {
    if (typeof prefix !== 'string') throw new TypeError('entries(prefix): prefix must be a string');
    this.checkOpen();
    const found: StoredEntry[] = [];
    for (const key of [...this.map.keys()]) {
      if (!key.startsWith(prefix)) continue;
      const slot = this.live(key);
      if (slot !== undefined) found.push({ key, value: slot.value, version: slot.version });
    }
    return asyncList(found);
  }

  /** Forgets everything; later calls reject with {@link StoreClosedError}. */
  close(): Promise<void> {
    this.closed = true;
    this.map.clear();
    return Promise.resolve();
  }

  private write(key: string, value: string, options: SetOptions): SetResult {
    checkStoreArgs(key, value, options);
    if (typeof value !== 'string') throw new TypeError('a state store value must be a string');
    this.checkOpen();
    const current = this.live(key);
    const want = options.ifVersion;
    if (want !== undefined && (current?.version ?? 0) !== want) {
      return {
        ok: false,
        current:
          current === undefined ? undefined : { value: current.value, version: current.version },
      };
    }
    const version = ++this.lastVersion;
    const expiresAt = options.ttlMs === undefined ? undefined : this.clock.now() + options.ttlMs;
    if (expiresAt !== undefined) this.expiring += 1;
    this.map.set(key, { value, version, expiresAt });
    if (this.expiring > 0 && this.map.size >= this.sweepAt) this.sweep();
    return { ok: true, version };
  }

  private live(key: string): Slot | undefined {
    const slot = this.map.get(key);
    if (slot?.expiresAt !== undefined && slot.expiresAt <= this.clock.now()) {
      this.map.delete(key);
      return undefined;
    }
    return slot;
  }

  private sweep(): void {
    const now = this.clock.now();
    let expiring = 0;
    for (const [key, slot] of this.map) {
      if (slot.expiresAt === undefined) continue;
      if (slot.expiresAt <= now) this.map.delete(key);
      else expiring += 1;
    }
    this.expiring = expiring;
    this.sweepAt = Math.max(1024, this.map.size * 2);
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreClosedError('MemoryStore');
  }
}

/** Runs `fn` and answers its result as a promise (a throw becomes a rejection). */
function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** An async iterable over a snapshot taken now. */
function asyncList<T>(items: readonly T[]): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next: () =>
          Promise.resolve(
            i < items.length
              ? { done: false, value: items[i++] as T }
              : { done: true, value: undefined },
          ),
      };
    },
  };
}
