import { checkOptions, describeValue, is, OptionsError } from '@delegram/api';
import type { Clock } from '@delegram/api';

/** Options of {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * The database file, created if missing (its folder must exist), or `':memory:'` for a database
   * that lives only as long as the store.
   */
  readonly path: string;
  /**
   * How hard each commit waits for the disk (SQLite's `synchronous`, in WAL mode):
   * - `'normal'` (default): a committed write survives a crash of the process (an uncaught error,
   *   SIGKILL, an OOM kill); a power loss or an OS crash may lose the last commits, never
   *   corrupting the file.
   * - `'full'`: each commit is synced to the disk before its writes resolve, so it survives a power
   *   loss too, at the cost of an fsync per transaction (one per tick: the writes of a tick share
   *   one).
   */
  readonly synchronous?: 'normal' | 'full' | undefined;
  /** The clock expiries are measured on (default: the system clock; tests pass a `ManualClock`). */
  readonly clock?: Clock | undefined;
  /** The table (default `'delegram_state'`), a plain identifier: several stores can share a file. */
  readonly table?: string | undefined;
  /** Delete expired rows at most this often, in clock milliseconds (default 60 000). */
  readonly sweepIntervalMs?: number | undefined;
}

const identifier = {
  expected: 'a plain SQL identifier (letters, digits, _)',
  test: (v: unknown) => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(v),
};
const milliseconds = {
  expected: 'an integer number of milliseconds >= 0',
  test: (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0,
};

/**
 * Checks a {@link SqliteStore}'s options (for JavaScript callers).
 *
 * @param options - what the caller gave
 * @throws OptionsError naming the option (and the closest valid one)
 * @internal
 */
export function checkSqliteOptions(options: SqliteStoreOptions): void {
  const owner = 'new SqliteStore(options)';
  checkOptions(
    owner,
    options,
    {
      path: is.string,
      synchronous: is.oneOf('normal', 'full'),
      clock: is.clock,
      table: identifier,
      sweepIntervalMs: milliseconds,
    },
    { aliases: { file: 'path', filename: 'path', db: 'path' } },
  );
  if (typeof options?.path !== 'string' || options.path === '') {
    throw new OptionsError(
      owner,
      'path',
      "a file path, or ':memory:' (required)",
      describeValue(options?.path),
    );
  }
}
