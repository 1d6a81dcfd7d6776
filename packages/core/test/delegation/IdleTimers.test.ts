import { ManualClock } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { IdleList } from '../../src/delegation/IdleTimers.js';
import type { IdleNode } from '../../src/delegation/IdleTimers.js';
import { NodeTimerClock } from '../support/NodeTimerClock.js';

const node = (): IdleNode => ({
  idleList: undefined,
  idlePrev: undefined,
  idleNext: undefined,
  idleDeadline: 0,
});

describe('IdleList', () => {
  it('expires nodes in deadline order with a single clock timer', async () => {
    const clock = new ManualClock();
    const expired: string[] = [];
    const names = new Map<IdleNode, string>();
    const list = new IdleList(clock, 1_000, (n) => expired.push(names.get(n)!));
    const [a, b, c] = [node(), node(), node()];
    names.set(a, 'a').set(b, 'b').set(c, 'c');
    list.touch(a);
    await clock.advance(100);
    list.touch(b);
    await clock.advance(100);
    list.touch(c);
    expect(clock.pending).toBe(1);
    list.touch(a); // reset: a now expires at 1200
    await clock.advance(900); // t=1100: b
    expect(expired).toEqual(['b']);
    await clock.advance(100); // t=1200: c and a
    expect(expired).toEqual(['b', 'c', 'a']);
    expect(list.armed).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('clears its timer when the last node is removed', () => {
    const clock = new ManualClock();
    const list = new IdleList(clock, 1_000, () => {});
    const a = node();
    list.touch(a);
    expect(clock.pending).toBe(1);
    list.remove(a);
    expect(clock.pending).toBe(0);
    expect(a.idleList).toBeUndefined();
  });

  it('waits out a timeout past the longest timer delay without spinning', async () => {
    const clock = new NodeTimerClock();
    const days30 = 30 * 24 * 3600 * 1000;
    const expired: number[] = [];
    const list = new IdleList(clock, days30, () => expired.push(clock.now()));
    list.touch(node());
    await clock.advance(60_000);
    expect(expired).toEqual([]);
    expect(clock.timersSet).toBe(1);
    await clock.runAll();
    expect(expired).toEqual([days30]);
    expect(clock.timersSet).toBe(2);
    expect(list.armed).toBe(0);
  });
});
