import { describe, expect, it } from 'vitest';
import { ReceiptWindow } from '../../src/loop/ReceiptWindow.js';

describe('ReceiptWindow', () => {
  it('confirms everything taken in, finished or not', () => {
    const w = new ReceiptWindow();
    expect(w.nextOffset).toBeUndefined();
    const a = w.add(10);
    w.add(11);
    const c = w.add(12);
    expect(w.nextOffset).toBe(13);
    expect(w.unfinished).toBe(3);
    w.finish(c);
    w.finish(c); // twice is harmless
    w.finish(a);
    expect(w.unfinishedIds()).toEqual([11]);
    expect(w.unfinished).toBe(1);
    expect(w.size).toBe(0); // a poll brings nothing again
  });

  it('tells new updates from ones already taken in, and accepts an id restart when idle', () => {
    const w = new ReceiptWindow();
    const five = w.add(5);
    expect(w.isNew(5, 6)).toBe(false);
    expect(w.isNew(6, 6)).toBe(true);
    expect(w.isNew(2, 6)).toBe(false); // something in progress: not a restart
    w.finish(five);
    expect(w.isNew(2, 6)).toBe(true);
    w.add(2);
    expect(w.nextOffset).toBe(3);
  });

  it('remembers only what is in progress, even with one update stuck for good', () => {
    const w = new ReceiptWindow();
    w.add(1); // never finishes
    for (let id = 2; id <= 200_000; id++) w.finish(w.add(id));
    expect(w.unfinished).toBe(1);
    expect(w.unfinishedIds()).toEqual([1]);
    expect(w.nextOffset).toBe(200_001);
  });
});
