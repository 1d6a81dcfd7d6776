import { ManualClock } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import type { BotEvent } from '../../src/flavor.js';
import { EventScheduler } from '../../src/delegation/EventScheduler.js';
import { DelegateScheduler } from '../../src/delegation/DelegateScheduler.js';
import { DelegatorStoppedError } from '../../src/delegation/errors.js';
import { NodeTimerClock } from '../support/NodeTimerClock.js';

function setup(): {
  clock: ManualClock;
  fired: [number, BotEvent][];
  scheduler: EventScheduler;
  errors: unknown[];
} {
  const clock = new ManualClock();
  const fired: [number, BotEvent][] = [];
  const errors: unknown[] = [];
  const scheduler = new EventScheduler(
    clock,
    (event) => {
      fired.push([clock.now(), event]);
      return Promise.resolve();
    },
    (error) => errors.push(error),
  );
  return { clock, fired, scheduler, errors };
}

describe('EventScheduler', () => {
  it('after close() cancels what is pending, refuses new events and leaves no timer', async () => {
    const { clock, fired, scheduler } = setup();
    scheduler.eventLater(5, { _a: {} });
    scheduler.close();
    expect(() => scheduler.eventLater(1, { _late: {} })).toThrow(DelegatorStoppedError);
    expect(() => scheduler.eventNow({ _late: {} })).toThrow(DelegatorStoppedError);
    expect(scheduler.size).toBe(0);
    expect(clock.pending).toBe(0);
    await clock.advance(10_000);
    expect(fired).toEqual([]);
  });

  it('fires events at absolute times and after delays, in time order', async () => {
    const { clock, fired, scheduler } = setup();
    scheduler.eventLater(5, { _b: {} });
    scheduler.eventAt(2, { _a: {} });
    scheduler.eventNow({ _now: {} });
    await clock.runAll();
    expect(fired).toEqual([
      [0, { _now: {} }],
      [2_000, { _a: {} }],
      [5_000, { _b: {} }],
    ]);
  });

  it('cancels a pending event and tells when it had already fired', async () => {
    const { clock, fired, scheduler } = setup();
    const a = scheduler.eventLater(1, { _a: {} });
    const b = scheduler.eventLater(2, { _b: {} });
    expect(scheduler.cancel(b)).toBe(true);
    await clock.runAll();
    expect(fired.map(([, e]) => Object.keys(e)[0])).toEqual(['_a']);
    expect(scheduler.cancel(a)).toBe(false);
    expect(scheduler.cancel(b)).toBe(false);
  });

  it('evaluates a function at fire time and skips undefined', async () => {
    const { clock, fired, scheduler } = setup();
    let n = 0;
    scheduler.eventLater(1, () => ({ _count: { n: ++n } }));
    scheduler.eventLater(1, () => undefined);
    await clock.runAll();
    expect(fired).toEqual([[1_000, { _count: { n: 1 } }]]);
  });

  it('rejects something that is not an event', () => {
    const { scheduler } = setup();
    expect(() => scheduler.eventNow({ alarm: {} } as unknown as BotEvent)).toThrow(
      /exactly one key starting with "_"/,
    );
  });

  it('cancels everything with cancelAll', async () => {
    const { clock, fired, scheduler } = setup();
    scheduler.eventLater(1, { _a: {} });
    scheduler.cancelAll();
    await clock.runAll();
    expect(fired).toEqual([]);
    expect(scheduler.size).toBe(0);
  });
});

describe('EventScheduler with delays past the longest timer delay', () => {
  /** A scheduler on a clock with Node's timer limit, recording when events fire. */
  function onNodeTimers(): { clock: NodeTimerClock; fired: number[]; scheduler: EventScheduler } {
    const clock = new NodeTimerClock();
    const fired: number[] = [];
    const scheduler = new EventScheduler(
      clock,
      () => {
        fired.push(clock.now());
        return Promise.resolve();
      },
      () => {},
    );
    return { clock, fired, scheduler };
  }

  it('fires an event 30 days away after 30 days, not at once', async () => {
    const { clock, fired, scheduler } = onNodeTimers();
    const days30 = 30 * 24 * 3600;
    scheduler.eventLater(days30, { _reminder: {} });
    await clock.advance(24 * 3600 * 1000);
    expect(fired).toEqual([]);
    expect(scheduler.size).toBe(1);
    await clock.runAll();
    expect(fired).toEqual([days30 * 1000]);
    expect(scheduler.size).toBe(0);
  });

  it('cancels such an event after its timer was re-armed', async () => {
    const { clock, fired, scheduler } = onNodeTimers();
    const handle = scheduler.eventLater(60 * 24 * 3600, { _later: {} });
    await clock.advance(25 * 24 * 3600 * 1000);
    expect(scheduler.cancel(handle)).toBe(true);
    await clock.runAll();
    expect(fired).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});

describe('DelegateScheduler', () => {
  it("stamps the delegate's events with its event space and id", async () => {
    const { clock, fired, scheduler } = setup();
    const own = new DelegateScheduler(scheduler, 3, 42);
    own.eventLater(1, '_alarm', { text: 'wake' });
    await clock.runAll();
    expect(fired).toEqual([[1_000, { _alarm: { text: 'wake', source: { space: 3, id: 42 } } }]]);
    expect(() => own.eventNow('alarm' as `_${string}`)).toThrow(/must start with "_"/);
  });
});
