import { RedisStore } from '@delegram/redis';
import { SqliteStore } from '@delegram/sqlite';
import type { StateStore } from 'delegram';

/**
 * The store the crash bot runs on, from its environment: `STORE=sqlite` with `STORE_PATH`, or
 * `STORE=redis` with `REDIS_URL`.
 *
 * @param env - the environment
 * @returns the store
 */
export function openStore(env: NodeJS.ProcessEnv): StateStore {
  switch (env['STORE']) {
    case 'sqlite':
      return new SqliteStore({ path: required(env, 'STORE_PATH') });
    case 'redis':
      return new RedisStore({ url: required(env, 'REDIS_URL'), commandTimeoutMs: 1_000 });
    default:
      throw new TypeError(`STORE must be sqlite or redis, got ${String(env['STORE'])}`);
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new TypeError(`${name} is required`);
  return value;
}
