import { randomUUID } from 'node:crypto';
import { ManualClock, OptionsError } from '@delegram/api';
import { RedisStore, RedisTimeoutError } from '@delegram/redis';
import { stateStoreContract } from 'delegram/testing';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from './redisServer.js';

const url = inject('redisUrl');
/** Each case its own key prefix on the run's one server, so cases never see each other's keys. */
const prefix = () => `t:${randomUUID()}:`;

describe('RedisStore', () => {
  describe('passes the state store contract', () => {
    for (const c of stateStoreContract) {
      it(c.name, () =>
        c.run(() => {
          const clock = new ManualClock(Date.now());
          const p = prefix();
          const store = new RedisStore({ url, prefix: p, clock });
          const twin = new RedisStore({ url, prefix: p, clock }); // another process's connection
          return Promise.resolve({
            store,
            twin,
            advance: (ms: number) => clock.advance(ms),
            cleanup: async () => {
              await store.close();
              await twin.close();
            },
          });
        }),
      );
    }
  });

  it('takes a prefix literally, glob characters and all', async () => {
    const store = new RedisStore({ url, prefix: `${prefix()}[*?]` });
    await store.set('a*b', '1');
    await store.set('a?c', '2');
    await store.set('axb', '3');
    const keys: string[] = [];
    for await (const e of store.entries('a*')) keys.push(e.key);
    expect(keys).toEqual(['a*b']);
    await store.close();
  });

  it('fails a command to a server that does not answer with a RedisTimeoutError', async () => {
    const store = new RedisStore({
      url: `redis://127.0.0.1:${await freePort()}`,
      commandTimeoutMs: 200,
    });
    await expect(store.get('k')).rejects.toBeInstanceOf(RedisTimeoutError);
    await store.close();
  });

  it('refuses bad options with a typed error naming the option', () => {
    expect(() => new RedisStore({})).toThrow(OptionsError);
    expect(() => new RedisStore({ uri: url } as never)).toThrow(/url/);
    expect(() => new RedisStore({ url, commandTimeoutMs: -1 })).toThrow(OptionsError);
  });
});
