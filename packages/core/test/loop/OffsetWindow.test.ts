import { describe, expect, it } from 'vitest';
import { OffsetWindow } from '../../src/loop/OffsetWindow.js';

describe('OffsetWindow', () => {
  it('confirms only the finished prefix', () => {
    const w = new OffsetWindow();
    expect(w.nextOffset).toBeUndefined();
    const a = w.add(10);
    const b = w.add(11);
    const c = w.add(12);
    expect(w.nextOffset).toBe(10);
    w.finish(b);
    w.finish(c);
    expect(w.nextOffset).toBe(10);
    expect(w.unfinishedIds()).toEqual([10]);
    w.finish(a);
    expect(w.nextOffset).toBe(13);
    expect(w.size).toBe(0);
    expect(w.unfinished).toBe(0);
  });

  it('tells new updates from ones already taken in', () => {
    const w = new OffsetWindow();
    expect(w.isNew(5, undefined)).toBe(true);
    w.finish(w.add(5));
    const six = w.add(6);
    expect(w.isNew(6, 6)).toBe(false);
    expect(w.isNew(7, 6)).toBe(true);
    w.finish(six);
    // After a week without updates Telegram may restart ids below the offset asked for.
    expect(w.isNew(2, 7)).toBe(true);
  });

  it('stays small and fast over a long run with out-of-order finishing', () => {
    const w = new OffsetWindow();
    const open: ReturnType<OffsetWindow['add']>[] = [];
    for (let id = 1; id <= 200_000; id++) {
      open.push(w.add(id));
      if (open.length === 50) {
        for (const entry of open.reverse()) w.finish(entry);
        open.length = 0;
      }
    }
    expect(w.nextOffset).toBe(200_001);
    expect((w as unknown as { entries: unknown[] }).entries.length).toBeLessThan(2048);
  });
});
