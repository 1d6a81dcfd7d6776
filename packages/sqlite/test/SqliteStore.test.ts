import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, OptionsError } from '@delegram/api';
import { SqliteStore } from '@delegram/sqlite';
import { StoreClosedError } from 'delegram';
import { stateStoreContract } from 'delegram/testing';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'delegram-sqlite-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `s${n++}.db`);

describe('SqliteStore', () => {
  describe('passes the state store contract', () => {
    for (const c of stateStoreContract) {
      it(c.name, () =>
        c.run(() => {
          const clock = new ManualClock(1_700_000_000_000);
          const path = freshPath();
          const store = new SqliteStore({ path, clock });
          const twin = new SqliteStore({ path, clock }); // a second connection to the same file
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

  it('commits the writes of one tick in one transaction, each resolving after it', async () => {
    const store = new SqliteStore({ path: freshPath() });
    const writes = Array.from({ length: 200 }, (_, i) => store.set(`k:${i}`, String(i)));
    await Promise.all(writes);
    expect(store.transactions).toBe(1);
    await store.set('one', 'more');
    expect(store.transactions).toBe(2);
    await store.close();
  });

  it('keeps values, and versions that only grow, across a reopen of the file', async () => {
    const path = freshPath();
    const first = new SqliteStore({ path });
    const a = await first.set('a', '1');
    await first.delete('a');
    await first.close();
    const again = new SqliteStore({ path, synchronous: 'full' });
    expect(await again.get('a')).toBeUndefined();
    const b = await again.set('b', '2');
    expect(b.ok && a.ok && b.version > a.version).toBe(true);
    await again.close();
    const third = new SqliteStore({ path });
    expect((await third.get('b'))?.value).toBe('2');
    await third.close();
    await expect(third.get('b')).rejects.toBeInstanceOf(StoreClosedError);
  });

  it('fails a call with bad arguments alone, not the other calls of its tick', async () => {
    const store = new SqliteStore({ path: freshPath() });
    const [good, bad] = await Promise.allSettled([store.set('good', 'v'), store.set('', 'v')]);
    expect(good.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    expect((await store.get('good'))?.value).toBe('v');
    await store.close();
  });

  it('refuses bad options with a typed error naming the option', () => {
    expect(() => new SqliteStore({} as never)).toThrow(OptionsError);
    expect(() => new SqliteStore({ file: 'x.db' } as never)).toThrow(/path/);
    expect(() => new SqliteStore({ path: freshPath(), synchronous: 'extra' as never })).toThrow(
      OptionsError,
    );
    expect(() => new SqliteStore({ path: freshPath(), table: 'x; drop' })).toThrow(/identifier/);
  });
});
