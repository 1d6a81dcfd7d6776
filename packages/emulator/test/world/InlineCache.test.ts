import { ManualClock } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { InlineCache } from '../../src/world/InlineCache.js';
import type { InlineQueryAnswer } from '../../src/world/QueryAnswers.js';

function answer(cacheTime: number, isPersonal = false): InlineQueryAnswer {
  return { results: [], nextOffset: '', cacheTime, isPersonal };
}

describe('InlineCache', () => {
  it('prefers a person’s own answer to the shared one and forgets both when they expire', async () => {
    const clock = new ManualClock();
    const cache = new InlineCache(clock);
    cache.store(1, 10, 'q', '', 'shared', answer(60));
    cache.store(1, 11, 'q', '', 'mine', answer(30, true));
    expect(cache.lookup(1, 11, 'q', '')?.queryId).toBe('mine');
    expect(cache.lookup(1, 12, 'q', '')?.queryId).toBe('shared');
    expect(cache.lookup(2, 12, 'q', '')).toBeUndefined();
    await clock.advance(30_000);
    expect(cache.lookup(1, 11, 'q', '')?.queryId).toBe('shared');
    await clock.advance(30_000);
    expect(cache.lookup(1, 11, 'q', '')).toBeUndefined();
  });

  it('sweeps stale entries once it holds many', async () => {
    const clock = new ManualClock();
    const cache = new InlineCache(clock);
    for (let i = 0; i < 1000; i++) cache.store(1, 10, `q${i}`, '', String(i), answer(1));
    expect(cache.size).toBe(1000);
    await clock.advance(1_000);
    cache.store(1, 10, 'fresh', '', 'f', answer(1));
    expect(cache.size).toBe(1);
  });

  it('does not rescan fresh entries on every store: the next sweep waits until they doubled', async () => {
    const clock = new ManualClock();
    const cache = new InlineCache(clock);
    for (let i = 0; i < 1001; i++) cache.store(1, 10, `a${i}`, '', String(i), answer(60));
    // The sweep at 1000 found nothing stale: the next one comes at 2000 entries.
    await clock.advance(61_000);
    for (let i = 0; i < 998; i++) cache.store(1, 10, `b${i}`, '', String(i), answer(60));
    cache.store(1, 10, 'c', '', 'c', answer(60));
    expect(cache.size).toBe(2000);
    cache.store(1, 10, 'd', '', 'd', answer(60));
    expect(cache.size).toBe(1000);
  });
});
