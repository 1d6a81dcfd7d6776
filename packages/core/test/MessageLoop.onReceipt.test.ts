import { HttpError, UnauthorizedError } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { InvalidTokenError, StopTimeoutError } from '../src/errors.js';
import type { Incoming } from '../src/Incoming.js';
import { MessageLoop } from '../src/MessageLoop.js';
import type { FakeTelegram } from './support/FakeTelegram.js';
import { until } from './support/FakeTelegram.js';
import { chatOf, fakeLoopSetup, msg, textOf, turns } from './support/loopKit.js';

// confirm: 'on-receipt' with an in-memory Telegram (offset semantics) and a ManualClock.

/** A handler whose calls wait until released by text; records starts and ends. */
function gated(): {
  handler: (msg: unknown, incoming: Incoming) => Promise<void>;
  started: string[];
  finished: string[];
  release: (...texts: string[]) => void;
  running: () => number;
} {
  const gates = new Map<string, () => void>();
  const started: string[] = [];
  const finished: string[] = [];
  return {
    started,
    finished,
    handler: async (_msg, incoming) => {
      const text = textOf(incoming);
      started.push(text);
      await new Promise<void>((resolve) => gates.set(text, resolve));
      finished.push(text);
    },
    release: (...texts) => {
      for (const text of texts) gates.get(text)?.();
    },
    running: () => started.length - finished.length,
  };
}

const offsets = (tg: FakeTelegram): unknown[] =>
  tg.callsOf('getUpdates').map((c) => c.payload['offset']);

describe('MessageLoop with confirm: on-receipt', () => {
  it('confirms received updates with the next poll, before they are handled', async () => {
    const { tg, bot, errors } = fakeLoopSetup();
    const h = gated();
    const loop = new MessageLoop(bot, h.handler, {
      confirm: 'on-receipt',
      sequentialize: chatOf,
      stopTimeoutMs: 0,
    });
    tg.push(msg('a', 1), msg('b', 2), msg('c', 3));
    const running = loop.run();
    await until(() => h.started.length === 3 && tg.callsOf('getUpdates').length === 2);
    expect(offsets(tg)).toEqual([undefined, 4]);
    expect(tg.confirmed).toBe(4); // nothing finished, all three confirmed
    await loop.stop();
    await running;
    const timeout = errors.find(([e]) => e instanceof StopTimeoutError)?.[0] as StopTimeoutError;
    expect(timeout.unfinishedUpdateIds).toEqual([1, 2, 3]);
    expect(timeout.redelivered).toBe(false);
    expect(timeout.message).toMatch(/will not be delivered again/);

    // Running again resumes after them: they are not handed out a second time.
    tg.push(msg('d', 4));
    const again = loop.run();
    await until(() => h.started.length === 4);
    expect(h.started).toEqual(['a', 'b', 'c', 'd']);
    expect(offsets(tg)[2]).toBe(4);
    h.release('a', 'b', 'c', 'd');
    await loop.stop();
    await again;
  });

  it('holds more than limit updates in progress when handlers are slow', async () => {
    const { tg, bot } = fakeLoopSetup();
    const h = gated();
    const loop = new MessageLoop(bot, h.handler, { confirm: 'on-receipt', sequentialize: chatOf });
    for (let i = 1; i <= 450; i++) tg.push(msg(`m${i}`, i));
    const running = loop.run();
    await until(() => h.running() === 450);
    expect(loop.stats.peakInProgress).toBe(450);
    expect(loop.stats.duplicates).toBe(0);
    for (let i = 1; i <= 450; i++) h.release(`m${i}`);
    await until(() => h.finished.length === 450);
    await loop.stop();
    await running;
    expect(tg.confirmed).toBe(451);
  });

  it('waits for room before polling once maxInFlight updates are in progress', async () => {
    const { tg, bot, clock } = fakeLoopSetup();
    const h = gated();
    const loop = new MessageLoop(bot, h.handler, {
      confirm: 'on-receipt',
      maxInFlight: 5,
      sequentialize: chatOf,
    });
    for (let i = 1; i <= 12; i++) tg.push(msg(`m${i}`, i));
    const running = loop.run();
    await until(() => h.started.length === 5);
    await clock.advance(60_000);
    await turns(50);
    // full: no poll, nothing more taken in (the other 7 stay at Telegram)
    expect(tg.callsOf('getUpdates').map((c) => c.payload['limit'])).toEqual([5]);
    expect(h.started).toHaveLength(5);
    h.release('m1', 'm2');
    await until(() => h.started.length === 7);
    const second = tg.callsOf('getUpdates')[1]!.payload;
    expect(second).toMatchObject({ offset: 6, limit: 2 }); // asks only for what there is room for
    await turns(50);
    expect(h.started).toHaveLength(7);
    expect(loop.stats.peakInProgress).toBe(5);
    await until(() => {
      h.release(...h.started); // the rest, as they start
      return h.finished.length === 12;
    });
    await loop.stop();
    await running;
    expect(h.finished).toHaveLength(12);
    expect(loop.stats.peakInProgress).toBe(5);
  });

  it('keeps per-key order, and a plain handler still runs one update at a time', async () => {
    const { tg, bot } = fakeLoopSetup();
    const h = gated();
    const loop = new MessageLoop(bot, h.handler, { confirm: 'on-receipt', sequentialize: chatOf });
    tg.push(msg('a1', 1), msg('a2', 1), msg('b1', 2), msg('a3', 1));
    const running = loop.run();
    await until(() => h.started.length === 2);
    await turns(20);
    expect(h.started).toEqual(['a1', 'b1']);
    h.release('a1');
    await until(() => h.started.includes('a2'));
    h.release('a2', 'b1');
    await until(() => h.started.includes('a3'));
    h.release('a3');
    await until(() => h.finished.length === 4);
    await loop.stop();
    await running;
    expect(h.finished.filter((t) => t.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);

    const plain = fakeLoopSetup();
    const p = gated();
    let most = 0;
    const ordered = new MessageLoop(
      plain.bot,
      async (m, i) => {
        const call = p.handler(m, i);
        most = Math.max(most, p.running());
        await call;
      },
      { confirm: 'on-receipt' },
    );
    plain.tg.push(msg('x'), msg('y'), msg('z'));
    const run2 = ordered.run();
    for (const text of ['x', 'y', 'z']) {
      await until(() => p.started.includes(text));
      await turns(10);
      p.release(text);
    }
    await until(() => p.finished.length === 3);
    await ordered.stop();
    await run2;
    expect(p.finished).toEqual(['x', 'y', 'z']);
    expect(most).toBe(1);
  });

  it('on stop, lets updates received but not yet handed to a handler come again', async () => {
    const { tg, bot } = fakeLoopSetup();
    const h = gated();
    const loop = new MessageLoop(bot, h.handler, { confirm: 'on-receipt', stopTimeoutMs: 0 });
    tg.push(msg('a'), msg('b'), msg('c'));
    const running = loop.run();
    await until(() => h.started.length === 1); // one at a time: b and c wait in the batch
    await loop.stop();
    await running;
    expect(tg.confirmed).toBe(2); // a (in progress) is given up; b and c were never handled

    const next = gated();
    const loop2 = new MessageLoop(bot, next.handler, { confirm: 'on-receipt' });
    const run2 = loop2.run();
    await until(() => next.started.length === 1);
    next.release('b');
    await until(() => next.started.length === 2);
    next.release('c');
    await until(() => next.finished.length === 2);
    await loop2.stop();
    await run2;
    expect(next.finished).toEqual(['b', 'c']);
    h.release('a');
  });

  it('retries a failed poll with the same offset, losing and repeating nothing', async () => {
    const { tg, bot, clock, errors } = fakeLoopSetup();
    const seen: string[] = [];
    const loop = new MessageLoop(bot, (_m, i) => void seen.push(textOf(i)), {
      confirm: 'on-receipt',
      backoff: { initialMs: 100, random: () => 1 },
    });
    tg.push(msg('a'));
    const running = loop.run();
    await until(() => seen.length === 1 && tg.callsOf('getUpdates').length === 2);
    // the long poll at offset 2 is waiting; the next one fails
    tg.failNext(new HttpError('getUpdates', 'network', 'ECONNRESET'));
    tg.push(msg('b'));
    await until(() => seen.length === 2 && tg.callsOf('getUpdates').length === 3);
    tg.push(msg('c'));
    await until(() => errors.length === 1);
    expect(errors[0]![1]).toMatchObject({ source: 'loop', outcome: 'retry', retryInMs: 100 });
    await clock.advance(100);
    await until(() => seen.length === 3);
    await loop.stop();
    await running;
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(offsets(tg)).toEqual([undefined, 2, 3, 3, 4, 4]); // the last: stop's confirmation
  });

  it('after stopping on 401, a new run does not hand out what the last run received', async () => {
    const { tg, bot } = fakeLoopSetup();
    const seen: string[] = [];
    const loop = new MessageLoop(
      bot,
      (_m, i) => {
        seen.push(textOf(i));
        // the poll after this batch (the one that would confirm it) fails
        if (textOf(i) === 'b')
          tg.failNext(new UnauthorizedError('getUpdates', 401, 'Unauthorized'));
      },
      { confirm: 'on-receipt' },
    );
    tg.push(msg('a'), msg('b'));
    await expect(loop.run()).rejects.toBeInstanceOf(InvalidTokenError);
    expect(tg.confirmed).toBe(0); // Telegram still holds a and b
    tg.push(msg('c'));
    const again = loop.run();
    await until(() => seen.length === 3);
    await loop.stop();
    await again;
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(offsets(tg)).toEqual([undefined, 3, 3, 4, 4]); // the last: stop's confirmation
  });

  it('reports a throwing handler and frees its room', async () => {
    const { tg, bot, errors } = fakeLoopSetup();
    const seen: string[] = [];
    const loop = new MessageLoop(
      bot,
      async (_m, i) => {
        await Promise.resolve();
        if (textOf(i) === 'bad') throw new Error('boom');
        seen.push(textOf(i));
      },
      { confirm: 'on-receipt', maxInFlight: 1 },
    );
    const [bad] = tg.push(msg('bad'), msg('good'));
    const running = loop.run();
    await until(() => seen.length === 1);
    await loop.stop();
    await running;
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]).toMatchObject({ source: 'handler', update: bad, outcome: 'continue' });
    expect(loop.stats.failed).toBe(1);
    expect(tg.confirmed).toBe(3);
  });

  it('drops pending updates at start when asked', async () => {
    const { tg, bot } = fakeLoopSetup();
    tg.push(msg('old1'), msg('old2'));
    const seen: string[] = [];
    const loop = new MessageLoop(bot, (_m, i) => void seen.push(textOf(i)), {
      confirm: 'on-receipt',
      dropPendingUpdates: true,
    });
    const running = loop.run();
    await until(() => tg.callsOf('getUpdates').length >= 2);
    tg.push(msg('new'));
    await until(() => seen.length === 1);
    await loop.stop();
    await running;
    expect(seen).toEqual(['new']);
  });

  it('refuses options that do not fit the confirm mode, saying what to do', () => {
    const { bot } = fakeLoopSetup();
    expect(() => new MessageLoop(bot, undefined, { confirm: 'eventually' as never })).toThrow(
      /confirm must be 'after-handling' or 'on-receipt'/,
    );
    expect(() => new MessageLoop(bot, undefined, { maxInFlight: 200 })).toThrow(
      /maxInFlight applies only with confirm: 'on-receipt'/,
    );
    expect(
      () => new MessageLoop(bot, undefined, { confirm: 'after-handling', maxInFlight: 200 }),
    ).toThrow(/maxInFlight/);
    expect(() => new MessageLoop(bot, undefined, { confirm: 'on-receipt', repollMs: 500 })).toThrow(
      /repollMs applies only with confirm: 'after-handling'/,
    );
    expect(
      () => new MessageLoop(bot, undefined, { confirm: 'on-receipt', maxInFlight: 0 }),
    ).toThrow(/maxInFlight must be an integer from 1/);
    expect(
      () => new MessageLoop(bot, undefined, { confirm: 'on-receipt', maxInFlight: 2.5 }),
    ).toThrow(RangeError);
  });
});
