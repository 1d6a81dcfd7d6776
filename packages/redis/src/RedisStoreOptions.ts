import { checkOptions, describeValue, is, OptionsError } from '@delegram/api';
import type { Clock } from '@delegram/api';
import type { RedisClientType } from 'redis';

/** Options of {@link RedisStore}: a URL to connect to, or a client of your own. */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (the store makes, connects and closes the client). */
  readonly url?: string | undefined;
  /** A node-redis client you made (connected or not); the store does not close it. */
  readonly client?: RedisClientType | undefined;
  /** Put before every key (default `'delegram:'`), so several bots can share a server. */
  readonly prefix?: string | undefined;
  /** How long a command may take before it fails with `RedisTimeoutError` (default 5000 ms). */
  readonly commandTimeoutMs?: number | undefined;
  /** The clock expiries and timeouts are measured on (default: the system clock). */
  readonly clock?: Clock | undefined;
}

/**
 * Checks a {@link RedisStore}'s options (for JavaScript callers).
 *
 * @param options - what the caller gave
 * @throws OptionsError naming the option (and the closest valid one)
 * @internal
 */
export function checkRedisOptions(options: RedisStoreOptions): void {
  const owner = 'new RedisStore(options)';
  checkOptions(
    owner,
    options,
    {
      url: is.string,
      client: is.object,
      prefix: is.string,
      commandTimeoutMs: {
        expected: 'a positive integer number of milliseconds',
        test: (v) => Number.isSafeInteger(v) && (v as number) > 0,
      },
      clock: is.clock,
    },
    { aliases: { uri: 'url', redis: 'client', keyPrefix: 'prefix', timeout: 'commandTimeoutMs' } },
  );
  if ((options?.url === undefined) === (options?.client === undefined)) {
    throw new OptionsError(
      owner,
      'url',
      'a URL, or a client, but not both',
      describeValue(options?.url),
    );
  }
}
