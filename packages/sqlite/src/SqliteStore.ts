import { systemClock } from '@delegram/api';
import type { Clock } from '@delegram/api';
import Database from 'better-sqlite3';
import type { Database as Db, Statement, Transaction } from 'better-sqlite3';
import createDebug from 'debug';
import { checkStoreArgs, StoreClosedError } from 'delegram';
import type {
  DeleteOptions,
  SetOptions,
  SetResult,
  StateStore,
  StoredEntry,
  StoredValue,
} from 'delegram';
import { checkSqliteOptions } from './SqliteStoreOptions.js';
import type { SqliteStoreOptions } from './SqliteStoreOptions.js';

const log = createDebug('delegram:sqlite');

interface Row {
  readonly value: string;
  readonly version: number;
  readonly expires_at: number | null;
}

/** One queued call, run inside the tick's transaction. */
interface Op {
  run(): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** A rejected promise if `check` throws (bad arguments fail their own call, at once). */
function refused(check: () => void): Promise<never> | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new TypeError(String(error)));
  }
}

/**
 * delegram's embedded store: durable state in an SQLite file through better-sqlite3, the default
 * for a bot on one machine. WAL mode, prepared statements, and every call of one tick (a
 * `setImmediate` turn) run in **one transaction**: many delegates saving at once cost one commit.
 * A `set` resolves after its transaction committed. Compare-and-set is checked inside the
 * transaction; versions come from a counter stored in the same file, so they keep growing across
 * restarts. Expired rows read as absent and are deleted now and then.
 *
 * @example
 * ```ts
 * const bot = new DelegatorBot(token, patterns, { store: new SqliteStore({ path: 'state.db' }) });
 * ```
 */
export class SqliteStore implements StateStore {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly sweepIntervalMs: number;
  private readonly select: Statement<[string]>;
  private readonly upsert: Statement<[string, string, number, number | null]>;
  private readonly remove: Statement<[string]>;
  private readonly scan: Statement<[string]>;
  private readonly sweepExpired: Statement<[number]>;
  private readonly saveVersion: Statement<[number]>;
  private readonly readVersion: Statement<[]>;
  private readonly transaction: Transaction<(body: () => void) => void>;
  private lastVersion: number;
  private queue: Op[] = [];
  private scheduled = false;
  private lastSweep = 0;
  private closed = false;
  /** Transactions committed (each holds every call of one tick). */
  transactions = 0;

  /** @param options - the file, durability level, clock, table */
  constructor(options: SqliteStoreOptions) {
    checkSqliteOptions(options);
    this.clock = options.clock ?? systemClock;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    const table = options.table ?? 'delegram_state';
    const db = new Database(options.path);
    this.db = db;
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, ` +
        `version INTEGER NOT NULL, expires_at INTEGER) WITHOUT ROWID;` +
        `CREATE TABLE IF NOT EXISTS ${table}_meta (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);` +
        `INSERT OR IGNORE INTO ${table}_meta (name, value) VALUES ('version', 0);`,
    );
    this.select = db.prepare(`SELECT value, version, expires_at FROM ${table} WHERE key = ?`);
    this.upsert = db.prepare(
      `INSERT INTO ${table} (key, value, version, expires_at) VALUES (?, ?, ?, ?) ` +
        'ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = excluded.version, ' +
        'expires_at = excluded.expires_at',
    );
    this.remove = db.prepare(`DELETE FROM ${table} WHERE key = ?`);
    this.scan = db.prepare(
      `SELECT key, value, version, expires_at FROM ${table} WHERE key >= ? ORDER BY key`,
    );
    this.sweepExpired = db.prepare(
      `DELETE FROM ${table} WHERE expires_at IS NOT NULL AND expires_at <= ?`,
    );
    this.saveVersion = db.prepare(`UPDATE ${table}_meta SET value = ? WHERE name = 'version'`);
    this.readVersion = db.prepare(`SELECT value FROM ${table}_meta WHERE name = 'version'`);
    this.lastVersion = (this.readVersion.get() as { value: number }).value;
    this.transaction = db.transaction((body: () => void) => body());
    log('opened %s (table %s, version %d)', options.path, table, this.lastVersion);
  }

  get(key: string): Promise<StoredValue | undefined> {
    const bad = refused(() => checkStoreArgs(key));
    if (bad !== undefined) return bad;
    return this.enqueue(() => {
      const row = this.live(key);
      return row === undefined ? undefined : { value: row.value, version: row.version };
    });
  }

  set(key: string, value: string, options: SetOptions = {}): Promise<SetResult> {
    const bad = refused(() => {
      checkStoreArgs(key, value, options);
      if (typeof value !== 'string') throw new TypeError('a state store value must be a string');
    });
    if (bad !== undefined) return bad;
    return this.enqueue((): SetResult => {
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
      const ttl = options.ttlMs;
      this.upsert.run(key, value, version, ttl === undefined ? null : this.clock.now() + ttl);
      return { ok: true, version };
    });
  }

  delete(key: string, options: DeleteOptions = {}): Promise<boolean> {
    const bad = refused(() => checkStoreArgs(key, undefined, options));
    if (bad !== undefined) return bad;
    return this.enqueue(() => {
      const current = this.live(key);
      if (current === undefined) return false;
      if (options.ifVersion !== undefined && current.version !== options.ifVersion) return false;
      this.remove.run(key);
      return true;
    });
  }

  entries(prefix: string): AsyncIterable<StoredEntry> {
    if (typeof prefix !== 'string') throw new TypeError('entries(prefix): prefix must be a string');
    const listed = this.enqueue(() => {
      const now = this.clock.now();
      const out: StoredEntry[] = [];
      for (const row of this.scan.iterate(prefix) as Iterable<Row & { key: string }>) {
        if (!row.key.startsWith(prefix)) break;
        if (row.expires_at !== null && row.expires_at <= now) continue;
        out.push({ key: row.key, value: row.value, version: row.version });
      }
      return out;
    });
    return {
      async *[Symbol.asyncIterator]() {
        yield* await listed;
      },
    };
  }

  /** Commits what is pending, then closes the file; later calls reject with `StoreClosedError`. */
  async close(): Promise<void> {
    if (this.closed) return;
    const last = this.queue.length > 0 ? this.enqueue(() => undefined) : Promise.resolve();
    this.closed = true;
    await last;
    this.db.close();
    log('closed');
  }

  private live(key: string): Row | undefined {
    const row = this.select.get(key) as Row | undefined;
    if (row?.expires_at != null && row.expires_at <= this.clock.now()) return undefined;
    return row;
  }

  private enqueue<T>(run: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError('SqliteStore'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  /** Runs the tick's calls in one transaction; each settles once it committed (or failed). */
  private readonly flush = (): void => {
    this.scheduled = false;
    const ops = this.queue;
    this.queue = [];
    if (ops.length === 0) return;
    const results: unknown[] = [];
    let before = this.lastVersion;
    try {
      // arguments were checked when the calls were made: only the database can fail here
      // IMMEDIATE: the file's write lock from the start, so the version counter read here is
      // the latest even with other connections (processes) writing the same file
      this.transaction.immediate(() => {
        this.lastVersion = (this.readVersion.get() as { value: number }).value;
        before = this.lastVersion;
        for (const op of ops) results.push(op.run());
        if (this.lastVersion !== before) this.saveVersion.run(this.lastVersion);
        const now = this.clock.now();
        if (now - this.lastSweep >= this.sweepIntervalMs) {
          this.lastSweep = now;
          this.sweepExpired.run(now);
        }
      });
      this.transactions += 1;
    } catch (error) {
      this.lastVersion = before;
      for (const op of ops) op.reject(error);
      return;
    }
    ops.forEach((op, i) => op.resolve(results[i]));
  };
}
