import { ManualClock } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import type { BotEvent } from '../../src/flavor.js';
import { EventScheduler } from '../../src/delegation/EventScheduler.js';
import { DelegateScheduler } from '../../src/delegation/DelegateScheduler.js';

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
