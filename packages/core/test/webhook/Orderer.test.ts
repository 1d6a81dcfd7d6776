import { ManualClock } from '@delegram/api';
import type { Update } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { Orderer } from '../../src/webhook/Orderer.js';

const u = (id: number): Update => ({ update_id: id });

describe('Orderer', () => {
  it("reproduces telepot's test3_queue.py sequence (maxhold 8 s, 1 s after each feed)", async () => {
    // Numbers are extra pauses in seconds, as in telepot's test script.
    const sequence: (Update | number)[] = [
      u(1),
      u(2), // baseline, no buffering
      u(4),
      u(3), // 1-gap, cleared
      u(7),
      u(5),
      u(6), // 2-gap; 5 returns and leaves a 1-gap; 6 clears
      u(10),
      u(9),
      u(8), // 2-gap, 1-gap, clear 3
      u(15),
      u(12),
      u(13),
      u(11),
      u(14),
      u(17),
      u(18),
      u(21),
      u(20),
      u(19),
      u(16),
      u(22), // no buffering
      u(24),
      9, // skip 23
      u(23), // discarded
      u(26),
      u(27),
      9, // skip 25
      u(25), // discarded
      u(30),
      u(29),
      5,
      u(32),
      u(33),
      2, // clear 29, 30, skip 28
      u(31), // clear 31, 32, 33
      u(39),
      u(36),
      2,
      u(37),
      7, // skip 34, 35 and 38; clear 36, 37, 39
      u(28),
      u(38), // discarded
      u(40),
    ];
    const clock = new ManualClock();
    const delivered: number[] = [];
    const orderer = new Orderer((update) => delivered.push(update.update_id), {
      clock,
      maxholdMs: 8000,
    });
    const dropped: number[] = [];
    for (const step of sequence) {
      if (typeof step === 'number') {
        await clock.advance(step * 1000);
        continue;
      }
      if (!orderer.receive(step)) dropped.push(step.update_id);
      await clock.advance(1000);
    }
    const expected = [
      ...Array.from({ length: 22 }, (_, i) => i + 1),
      24,
      26,
      27,
      29,
      30,
      31,
      32,
      33,
      36,
      37,
      39,
      40,
    ];
    expect(delivered).toEqual(expected);
    expect(dropped).toEqual([23, 25, 28, 38]);
    expect(orderer.held).toBe(0);
  });

  it('holds a gap for maxhold from when it is found, not from later arrivals', async () => {
    const clock = new ManualClock();
    const delivered: number[] = [];
    const orderer = new Orderer((update) => delivered.push(update.update_id), {
      clock,
      maxholdMs: 3000,
    });
    orderer.receive(u(1));
    orderer.receive(u(3)); // gap 2 found at t=0
    await clock.advance(2000);
    orderer.receive(u(4));
    await clock.advance(999);
    expect(delivered).toEqual([1]);
    await clock.advance(1);
    expect(delivered).toEqual([1, 3, 4]);
    expect(orderer.receive(u(2))).toBe(false);
  });

  it('takes a new baseline after a week without updates, when Telegram restarts ids at random', async () => {
    const clock = new ManualClock();
    const delivered: number[] = [];
    const orderer = new Orderer((update) => delivered.push(update.update_id), { clock });
    const week = 7 * 24 * 3600 * 1000;
    orderer.receive(u(5000));
    orderer.receive(u(5001));
    expect(orderer.receive(u(4000))).toBe(false); // a late or repeated update: dropped
    await clock.advance(week);
    // Restarted lower: not dropped (it was, and every update after it)
    expect(orderer.receive(u(17))).toBe(true);
    expect(orderer.receive(u(18))).toBe(true);
    expect(orderer.receive(u(16))).toBe(false);
    await clock.advance(week);
    // Restarted far higher: delivered at once, without holding millions of gaps
    expect(orderer.receive(u(900_000_000))).toBe(true);
    expect(orderer.held).toBe(0);
    expect(delivered).toEqual([5000, 5001, 17, 18, 900_000_000]);
  });
});
