import assert from 'node:assert/strict';
import { StoreClosedError } from '../state/errors.js';
import type { StateStore, StoredEntry } from '../state/StateStore.js';

/**
 * A store opened for one contract case: the store, how to move its clock, and optionally a second
 * store object over the same data (what another process would see).
 */
export interface StoreUnderTest {
  /** The store, fresh and empty. */
  readonly store: StateStore;
  /** Moves the clock the store measures expiry on forward by `ms` milliseconds. */
  advance(ms: number): Promise<void>;
  /** A second store object on the same data (another connection, another process's view). */
  readonly twin?: StateStore | undefined;
  /** Releases everything the case opened (the store is closed by then, or not: close both). */
  cleanup(): Promise<void>;
}

/** One case of {@link stateStoreContract}. */
export interface StateStoreContractCase {
  /** What the case checks, in plain words (use it as the test name). */
  readonly name: string;
  /**
   * Runs the case; it rejects with an `AssertionError` when the store breaks the contract.
   *
   * @param open - opens a fresh, empty store for this case
   */
  run(open: () => Promise<StoreUnderTest>): Promise<void>;
}

async function within(
  open: () => Promise<StoreUnderTest>,
  body: (t: StoreUnderTest) => Promise<void>,
): Promise<void> {
  const t = await open();
  try {
    await body(t);
  } finally {
    await t.cleanup();
  }
}

async function list(store: StateStore, prefix: string): Promise<StoredEntry[]> {
  const out: StoredEntry[] = [];
  for await (const entry of store.entries(prefix)) out.push(entry);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function written(result: Awaited<ReturnType<StateStore['set']>>): number {
  assert.equal(result.ok, true, 'the write should have succeeded');
  return (result as { version: number }).version;
}

const cases: StateStoreContractCase[] = [
  {
    name: 'reads nothing for a key never written',
    run: (open) =>
      within(open, async ({ store }) => {
        assert.equal(await store.get('nobody'), undefined);
      }),
  },
  {
    name: 'reads back what was written, exactly, with a positive version',
    run: (open) =>
      within(open, async ({ store }) => {
        const values = [
          '',
          'plain',
          'ünïcødé 🐈‍⬛ 👍🏽 \u0000 nul',
          '{"json":true}',
          'x'.repeat(1 << 20),
        ];
        for (const [i, value] of values.entries()) {
          const version = written(await store.set(`k${i}`, value));
          assert.ok(Number.isSafeInteger(version) && version > 0, 'versions are positive integers');
          assert.deepEqual(await store.get(`k${i}`), { value, version });
        }
      }),
  },
  {
    name: 'gives every write a version greater than any before, even after a delete',
    run: (open) =>
      within(open, async ({ store }) => {
        const v1 = written(await store.set('a', '1'));
        const v2 = written(await store.set('a', '2'));
        const v3 = written(await store.set('b', '1'));
        assert.ok(v2 > v1 && v3 > v2, 'versions grow');
        assert.equal(await store.delete('a'), true);
        const v4 = written(await store.set('a', '3', { ifVersion: 0 }));
        assert.ok(v4 > v3, 'a key written again after a delete never reuses a version');
      }),
  },
  {
    name: 'creates with ifVersion 0 only when the key is absent',
    run: (open) =>
      within(open, async ({ store }) => {
        const v = written(await store.set('k', 'first', { ifVersion: 0 }));
        const again = await store.set('k', 'second', { ifVersion: 0 });
        assert.deepEqual(again, { ok: false, current: { value: 'first', version: v } });
        assert.deepEqual(await store.get('k'), { value: 'first', version: v });
      }),
  },
  {
    name: 'compare-and-set writes at the current version and refuses a stale one',
    run: (open) =>
      within(open, async ({ store }) => {
        const v1 = written(await store.set('k', 'one'));
        const v2 = written(await store.set('k', 'two', { ifVersion: v1 }));
        const stale = await store.set('k', 'three', { ifVersion: v1 });
        assert.deepEqual(stale, { ok: false, current: { value: 'two', version: v2 } });
        const absent = await store.set('missing', 'x', { ifVersion: v2 });
        assert.deepEqual(absent, { ok: false, current: undefined });
        assert.equal(await store.get('missing'), undefined);
      }),
  },
  {
    name: 'lets exactly one of many concurrent compare-and-sets on one key win',
    run: (open) =>
      within(open, async ({ store, twin }) => {
        const v = written(await store.set('race', 'start'));
        const writers = [store, twin ?? store];
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            writers[i % writers.length]!.set('race', `w${i}`, { ifVersion: v }),
          ),
        );
        const winners = results.filter((r) => r.ok);
        assert.equal(winners.length, 1, 'exactly one writer wins');
        const winner = results.findIndex((r) => r.ok);
        const stored = await store.get('race');
        assert.equal(stored?.value, `w${winner}`);
        for (const r of results) {
          if (!r.ok) assert.equal(r.current?.version, stored?.version, 'losers see the winner');
        }
      }),
  },
  {
    name: 'keeps many writes of one tick apart, each with its own result',
    run: (open) =>
      within(open, async ({ store }) => {
        const results = await Promise.all(
          Array.from({ length: 300 }, (_, i) =>
            store.set(`tick:${i}`, String(i), { ifVersion: 0 }),
          ),
        );
        const versions = results.map(written);
        assert.equal(new Set(versions).size, 300, 'every write has its own version');
        const again = await Promise.all(
          Array.from({ length: 300 }, (_, i) =>
            store.set(`tick:${i}`, `again ${i}`, { ifVersion: i % 2 === 0 ? versions[i]! : 1e9 }),
          ),
        );
        assert.deepEqual(
          again.map((r) => r.ok),
          Array.from({ length: 300 }, (_, i) => i % 2 === 0),
        );
        assert.equal((await store.get('tick:7'))?.value, '7');
        assert.equal((await store.get('tick:8'))?.value, 'again 8');
      }),
  },
  {
    name: 'deletes, optionally only at a version',
    run: (open) =>
      within(open, async ({ store }) => {
        const v = written(await store.set('k', 'v'));
        assert.equal(await store.delete('k', { ifVersion: v + 1 }), false);
        assert.equal((await store.get('k'))?.value, 'v');
        assert.equal(await store.delete('k', { ifVersion: v }), true);
        assert.equal(await store.get('k'), undefined);
        assert.equal(await store.delete('k'), false);
      }),
  },
  {
    name: 'forgets a value when its time to live has passed, and not before',
    run: (open) =>
      within(open, async (t) => {
        const { store } = t;
        written(await store.set('short', 'v', { ttlMs: 1_000 }));
        written(await store.set('kept', 'v', { ttlMs: 1_000 }));
        written(await store.set('kept', 'v2')); // a write without ttlMs removes the expiry
        await t.advance(999);
        assert.equal((await store.get('short'))?.value, 'v');
        await t.advance(2);
        assert.equal(await store.get('short'), undefined);
        assert.equal((await store.get('kept'))?.value, 'v2');
        assert.deepEqual(
          (await list(store, '')).map((e) => e.key),
          ['kept'],
          'entries leave expired keys out',
        );
        written(await store.set('short', 'new', { ifVersion: 0 }));
      }),
  },
  {
    name: 'lists the keys under a prefix, taking the prefix literally',
    run: (open) =>
      within(open, async ({ store }) => {
        const keys = [
          'job:1',
          'job:2',
          'jobs',
          'j%b:3',
          'j_b:4',
          'j*b:5',
          'j?b:6',
          'j[b]:7',
          'state:x',
        ];
        const versions = new Map<string, number>();
        for (const key of keys) versions.set(key, written(await store.set(key, `v ${key}`)));
        assert.deepEqual(
          await list(store, 'job:'),
          ['job:1', 'job:2'].map((key) => ({ key, value: `v ${key}`, version: versions.get(key) })),
        );
        for (const special of ['j%b:', 'j_b:', 'j*b:', 'j?b:', 'j[b]:']) {
          assert.deepEqual(
            (await list(store, special)).map((e) => e.key),
            keys.filter((k) => k.startsWith(special)),
            `prefix ${special} is literal`,
          );
        }
        assert.equal((await list(store, '')).length, keys.length);
        assert.deepEqual(await list(store, 'none:'), []);
      }),
  },
  {
    name: 'shows one connection what another wrote, and fences a stale writer',
    run: (open) =>
      within(open, async ({ store, twin }) => {
        const other = twin ?? store;
        const v1 = written(await store.set('shared', 'from one'));
        assert.deepEqual(await other.get('shared'), { value: 'from one', version: v1 });
        const v2 = written(await other.set('shared', 'from two', { ifVersion: v1 }));
        const stale = await store.set('shared', 'late', { ifVersion: v1 });
        assert.deepEqual(stale, { ok: false, current: { value: 'from two', version: v2 } });
      }),
  },
  {
    name: 'rejects bad arguments with a TypeError instead of storing them',
    run: (open) =>
      within(open, async ({ store }) => {
        const bad: (() => Promise<unknown>)[] = [
          () => store.get(''),
          () => store.get(42 as unknown as string),
          () => store.set('', 'v'),
          () => store.set('k', 42 as unknown as string),
          () => store.set('k', 'v', { ttlMs: 0 }),
          () => store.set('k', 'v', { ttlMs: 1.5 }),
          () => store.set('k', 'v', { ifVersion: -1 }),
          () => store.set('k', 'v', { ttl: 5 } as never),
          () => store.delete(''),
        ];
        for (const call of bad) {
          await assert.rejects(async () => call(), TypeError);
        }
        assert.equal(await store.get('k'), undefined, 'nothing was stored');
      }),
  },
  {
    name: 'finishes writes already made when closed, then refuses calls',
    run: (open) =>
      within(open, async ({ store, twin }) => {
        const pending = Promise.all(
          Array.from({ length: 50 }, (_, i) => store.set(`c:${i}`, String(i))),
        );
        await store.close();
        const results = await pending;
        assert.ok(
          results.every((r) => r.ok),
          'writes made before close() complete',
        );
        await assert.rejects(async () => store.get('c:1'), StoreClosedError);
        await assert.rejects(async () => store.set('c:1', 'x'), StoreClosedError);
        if (twin !== undefined) assert.equal((await twin.get('c:49'))?.value, '49');
      }),
  },
];

/**
 * The contract every {@link StateStore} keeps, as a list of cases with no test framework
 * attached: run each as a test of your own framework. delegram's stores (memory, SQLite, Redis)
 * all run it; a store of your own should too.
 *
 * @example
 * ```ts
 * import { stateStoreContract } from 'delegram/testing';
 * describe('MyStore', () => {
 *   for (const c of stateStoreContract) {
 *     it(c.name, () => c.run(async () => {
 *       const clock = new ManualClock();
 *       const store = new MyStore({ clock });
 *       return { store, advance: (ms) => clock.advance(ms), cleanup: () => store.close() };
 *     }));
 *   }
 * });
 * ```
 */
export const stateStoreContract: readonly StateStoreContractCase[] = cases;
