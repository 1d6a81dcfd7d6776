/**
 * One stored value with its version, as a {@link StateStore} keeps it.
 */
export interface StoredValue {
  /** The value, as it was written (delegram writes its versioned JSON envelope here). */
  readonly value: string;
  /**
   * The value's version: a positive integer, greater than every version the store handed out
   * before (for any key), so a key never sees the same version twice, not even after it was
   * deleted or expired. Pass it back as `ifVersion` to write only if nobody wrote in between
   * (compare-and-set); it also serves as a fencing token.
   */
  readonly version: number;
}

/** One entry listed by {@link StateStore.entries}. */
export interface StoredEntry extends StoredValue {
  /** The entry's key. */
  readonly key: string;
}

/** Options of {@link StateStore.set}. */
export interface SetOptions {
  /**
   * Write only if the key's current version is this one (compare-and-set); `0` writes only if the
   * key does not exist (or has expired). Leave it out to write unconditionally.
   */
  readonly ifVersion?: number | undefined;
  /**
   * Forget the value this many milliseconds after this write (a positive integer). Leave it out
   * for a value that never expires; a write without it removes an earlier expiry.
   */
  readonly ttlMs?: number | undefined;
}

/** Options of {@link StateStore.delete}. */
export interface DeleteOptions {
  /** Delete only if the key's current version is this one. */
  readonly ifVersion?: number | undefined;
}

/**
 * What {@link StateStore.set} answers: the new version, or, when `ifVersion` did not match, what
 * is stored now (`undefined`: nothing), so the caller can reload without another round trip.
 */
export type SetResult =
  | {
      /** The value was written. */
      readonly ok: true;
      /** Its new version. */
      readonly version: number;
    }
  | {
      /** The value was not written: the key's version was not `ifVersion`. */
      readonly ok: false;
      /** What the key holds now, or `undefined` if it holds nothing. */
      readonly current: StoredValue | undefined;
    };

/**
 * Where delegram keeps durable state: per-chat (per-delegate) state, sessions, scheduled events
 * and jobs, broadcast cursors. A key-value store of strings with a version per key for
 * compare-and-set and an optional expiry.
 *
 * Three stores come with delegram: {@link MemoryStore} (in this process; the default), an
 * embedded SQLite store (`@delegram/sqlite`) and a Redis store (`@delegram/redis`). Every store
 * passes the same contract suite (`stateStoreContract` from `delegram/testing`); a store of your
 * own should too.
 *
 * Rules every store keeps:
 * - Each key's writes are atomic and versioned: a `set` with `ifVersion` succeeds only when the
 *   current version is that one, checked and written in one step (for a server store, on the
 *   server), so two processes writing the same key cannot silently overwrite each other.
 * - An expired key reads as absent, for `get`, `set` with `ifVersion: 0`, and `entries`.
 * - Writes may be batched (SQLite: one transaction per tick; Redis: one pipeline per tick), but a
 *   `set` resolves only once its write is durable as the store promises (committed, acknowledged).
 *
 * @example
 * ```ts
 * const store = new MemoryStore();
 * const first = await store.set('greeting', 'hello', { ifVersion: 0 }); // { ok: true, version: 1 }
 * const stale = await store.set('greeting', 'hi', { ifVersion: 7 }); // { ok: false, current: ... }
 * ```
 */
export interface StateStore {
  /**
   * Reads a key.
   *
   * @param key - a non-empty string
   * @returns the value and its version, or `undefined` when the key holds nothing (or expired)
   */
  get(key: string): Promise<StoredValue | undefined>;
  /**
   * Writes a key, unconditionally or with compare-and-set (`ifVersion`), with an optional expiry.
   *
   * @param key - a non-empty string
   * @param value - the value to store
   * @param options - `ifVersion` and `ttlMs`
   * @returns the new version, or what is stored now when `ifVersion` did not match
   */
  set(key: string, value: string, options?: SetOptions): Promise<SetResult>;
  /**
   * Deletes a key, optionally only at a version.
   *
   * @param key - a non-empty string
   * @param options - `ifVersion`
   * @returns `true` if a value was deleted
   */
  delete(key: string, options?: DeleteOptions): Promise<boolean>;
  /**
   * Lists the keys that start with `prefix` (unexpired, in no particular order). Meant for
   * start-up work such as re-arming scheduled events, not for every update.
   *
   * @param prefix - a key prefix (`''` lists everything)
   */
  entries(prefix: string): AsyncIterable<StoredEntry>;
  /** Finishes pending writes and releases the store's resources (connections, file handles). */
  close(): Promise<void>;
}
