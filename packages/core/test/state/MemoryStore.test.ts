import { ManualClock } from '@delegram/api';
import { MemoryStore } from 'delegram';
import { stateStoreContract } from 'delegram/testing';
import { describe, expect, it } from 'vitest';

describe('MemoryStore', () => {
  describe('passes the state store contract', () => {
    for (const c of stateStoreContract) {
      it(c.name, () =>
        c.run(() => {
          const clock = new ManualClock(1_700_000_000_000);
          const store = new MemoryStore({ clock });
          return Promise.resolve({
            store,
            advance: (ms: number) => clock.advance(ms),
            cleanup: () => store.close(),
          });
        }),
      );
    }
  });

  it('sweeps expired keys as it grows, so expiring state does not pile up', async () => {
    const clock = new ManualClock();
    const store = new MemoryStore({ clock });
    for (let i = 0; i < 1000; i++) await store.set(`old:${i}`, 'v', { ttlMs: 10 });
    await clock.advance(11);
    for (let i = 0; i < 100; i++) await store.set(`new:${i}`, 'v', { ttlMs: 10 });
    expect(store.size).toBeLessThanOrEqual(100);
  });
});
