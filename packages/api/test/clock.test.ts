import { describe, expect, it } from 'vitest';
import { ManualClock, sleep, systemClock } from '../src/clock.js';

describe('ManualClock', () => {
  it('fires timers in due order and only when time reaches them', async () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 20);
    clock.setTimeout(() => fired.push('a'), 10);
    clock.setTimeout(() => fired.push('c'), 20);
    await clock.advance(9);
    expect(fired).toEqual([]);
    await clock.advance(11);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(1020);
  });

  it('does not fire cancelled timers and counts pending ones', async () => {
    const clock = new ManualClock();
    let n = 0;
    const id = clock.setTimeout(() => n++, 5);
    clock.setTimeout(() => n++, 6);
    clock.clearTimeout(id);
    expect(clock.pending).toBe(1);
    await clock.advance(10);
    expect(n).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it('fires timers scheduled by promise chains started from an earlier timer', async () => {
    const clock = new ManualClock();
    const log: number[] = [];
    clock.setTimeout(() => {
      void Promise.resolve().then(() => {
        log.push(clock.now());
        clock.setTimeout(() => log.push(clock.now()), 100);
      });
    }, 100);
    await clock.advance(250);
    expect(log).toEqual([100, 200]);
  });

  it('lets sleep be aborted', async () => {
    const clock = new ManualClock();
    const ac = new AbortController();
    const p = sleep(clock, 1000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
  });

  it('resolves sleep when the time has passed', async () => {
    const clock = new ManualClock();
    let done = false;
    void sleep(clock, 50).then(() => (done = true));
    await clock.advance(49);
    expect(done).toBe(false);
    await clock.advance(1);
    expect(done).toBe(true);
  });
});

describe('systemClock', () => {
  it('waits out a delay longer than a Node timer holds instead of firing at once', async () => {
    const fired: string[] = [];
    const long = systemClock.setTimeout(() => fired.push('long'), Number.MAX_SAFE_INTEGER);
    const cancelled = systemClock.setTimeout(() => fired.push('cancelled'), 2 ** 31);
    systemClock.clearTimeout(cancelled);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fired).toEqual([]);
    systemClock.clearTimeout(long);
  });
});
