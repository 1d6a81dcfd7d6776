import { createHash } from 'node:crypto';
import { systemClock } from '@delegram/api';
import type { Clock } from '@delegram/api';
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
import { createClient } from 'redis';
import { RedisTimeoutError } from './errors.js';
import { checkRedisOptions } from './RedisStoreOptions.js';
import type { RedisStoreOptions } from './RedisStoreOptions.js';
import { DELETE, GET, SET } from './scripts.js';

const log = createDebug('delegram:redis');

/** What the store needs of a node-redis client. */
interface Client {
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
  close(): Promise<void>;
  destroy(): void;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  sendCommand<T = unknown>(args: readonly string[]): Promise<T>;
}

interface Script {
  readonly text: string;
  readonly sha: string;
}

const script = (text: string): Script => ({
  text,
  sha: createHash('sha1').update(text).digest('hex'),
});
const SCRIPTS = { get: script(GET), set: script(SET), delete: script(DELETE) };

/** Escapes Redis glob characters, so a prefix matches literally in `SCAN MATCH`. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
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
 * delegram's server store: durable state in Redis through node-redis (Redis's official client),
 * for bots with several processes or a machine that may be replaced. Each call is one Lua script,
 * so compare-and-set, the version (one `INCR` counter for the store) and the expiry are checked
 * and written atomically on the server; calls made in the same tick go out in one pipeline
 * (node-redis writes them together). Every command has a timeout (`RedisTimeoutError`), which
 * delegram's state machinery retries with back-off. The guarantees need `appendonly yes` with
 * `appendfsync always` and `maxmemory-policy noeviction` on the server (see the README).
 *
 * @example
 * ```ts
 * const store = new RedisStore({ url: process.env.REDIS_URL });
 * const bot = new DelegatorBot(token, patterns, { store });
 * ```
 */
export class RedisStore implements StateStore {
  private readonly client: Client;
  private readonly owned: boolean;
  private readonly prefix: string;
  private readonly counter: string;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private connecting: Promise<unknown> | undefined;
  private closed = false;
  /** Commands sent and not answered yet: `close()` lets them finish. */
  private readonly inFlight = new Set<Promise<unknown>>();

  /** @param options - a URL or a client, the key prefix, the command timeout, the clock */
  constructor(options: RedisStoreOptions) {
    checkRedisOptions(options);
    this.owned = options.client === undefined;
    this.client = options.client ?? createClient({ url: options.url!, disableOfflineQueue: false });
    // An unobserved 'error' event would crash the process; failures reach callers as rejections.
    this.client.on('error', (error) => log('client error: %s', (error as Error)?.message));
    this.prefix = options.prefix ?? 'delegram:';
    this.counter = `${this.prefix}\u0000version`;
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.commandTimeoutMs ?? 5_000;
  }

  get(key: string): Promise<StoredValue | undefined> {
    const bad = refused(() => checkStoreArgs(key));
    if (bad !== undefined) return bad;
    return this.run('get', SCRIPTS.get, [this.prefix + key], [String(this.clock.now())]).then(
      (reply) => {
        if (reply === null) return undefined;
        const [value, version] = reply as [string, string];
        return { value, version: Number(version) };
      },
    );
  }

  set(key: string, value: string, options: SetOptions = {}): Promise<SetResult> {
    const bad = refused(() => {
      checkStoreArgs(key, value, options);
      if (typeof value !== 'string') throw new TypeError('a state store value must be a string');
    });
    if (bad !== undefined) return bad;
    const args = [
      value,
      options.ifVersion === undefined ? '' : String(options.ifVersion),
      options.ttlMs === undefined ? '' : String(options.ttlMs),
      String(this.clock.now()),
    ];
    return this.run('set', SCRIPTS.set, [this.prefix + key, this.counter], args).then((reply) => {
      const r = reply as [number, ...string[]];
      if (Number(r[0]) === 1) return { ok: true, version: Number(r[1]) };
      return {
        ok: false,
        current: r.length > 1 ? { value: String(r[1]), version: Number(r[2]) } : undefined,
      };
    });
  }

  delete(key: string, options: DeleteOptions = {}): Promise<boolean> {
    const bad = refused(() => checkStoreArgs(key, undefined, options));
    if (bad !== undefined) return bad;
    const args = [
      options.ifVersion === undefined ? '' : String(options.ifVersion),
      String(this.clock.now()),
    ];
    return this.run('delete', SCRIPTS.delete, [this.prefix + key], args).then(
      (reply) => Number(reply) === 1,
    );
  }

  entries(prefix: string): AsyncIterable<StoredEntry> {
    if (typeof prefix !== 'string') throw new TypeError('entries(prefix): prefix must be a string');
    const match = `${globEscape(this.prefix + prefix)}*`;
    const skip = this.prefix.length;
    const store = this; // eslint-disable-line @typescript-eslint/no-this-alias
    return {
      async *[Symbol.asyncIterator]() {
        let cursor = '0';
        do {
          const [next, keys] = (await store.command('entries', [
            'SCAN',
            cursor,
            'MATCH',
            match,
            'COUNT',
            '1000',
          ])) as [string, string[]];
          cursor = next;
          const found = await Promise.all(
            keys
              .filter((k) => k !== store.counter)
              .map(async (k) => ({ key: k.slice(skip), stored: await store.get(k.slice(skip)) })),
          );
          for (const { key, stored } of found) {
            if (stored !== undefined) yield { key, ...stored };
          }
        } while (cursor !== '0');
      },
    };
  }

  /** Closes the connection if the store made it (a client you passed stays open). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // pending commands get up to the command timeout to finish
    let timer: unknown;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise<void>(
        (resolve) => (timer = this.clock.setTimeout(() => resolve(), this.timeoutMs)),
      ),
    ]);
    this.clock.clearTimeout(timer);
    if (!this.owned || !this.client.isOpen) return;
    if (this.inFlight.size > 0)
      this.client.destroy(); // the server does not answer
    else await this.client.close();
    log('closed');
  }

  private async run(
    operation: string,
    s: Script,
    keys: readonly string[],
    args: readonly string[],
  ): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await this.command(operation, ['EVALSHA', s.sha, ...tail]);
    } catch (error) {
      if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
      return this.command(operation, ['EVAL', s.text, ...tail]); // EVAL caches it for EVALSHA
    }
  }

  /** Sends one command (connecting first), failing after the command timeout. */
  private async command(operation: string, args: readonly string[]): Promise<unknown> {
    if (this.closed) throw new StoreClosedError('RedisStore');
    let timer: unknown;
    const timeout = new Promise<never>((_, reject) => {
      timer = this.clock.setTimeout(
        () => reject(new RedisTimeoutError(operation, this.timeoutMs)),
        this.timeoutMs,
      );
    });
    const sent = this.send(args);
    this.inFlight.add(sent);
    // after a timeout, its late failure is nobody's
    sent.then(
      () => this.inFlight.delete(sent),
      () => this.inFlight.delete(sent),
    );
    try {
      return await Promise.race([sent, timeout]);
    } finally {
      this.clock.clearTimeout(timer);
    }
  }

  private async send(args: readonly string[]): Promise<unknown> {
    if (!this.client.isOpen) {
      this.connecting ??= this.client.connect().finally(() => (this.connecting = undefined));
      await this.connecting;
    }
    return this.client.sendCommand(args);
  }
}
