import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/loop/backoff.js';

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, jittered between half and all of it', () => {
    const top = { initialMs: 100, maxMs: 1000, random: () => 0.999999 };
    expect([0, 1, 2, 3, 4, 50].map((n) => backoffDelay(n, top))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(backoffDelay(3, { ...top, random: () => 0 })).toBe(400);
  });
});
