import { describe, expect, it } from 'vitest';

import { ManualClock } from '../../src/clock.js';
import { flowControl } from '../../src/flowControl/flowControl.js';
import type { FlowControlOptions } from '../../src/flowControl/FlowControlOptions.js';
import { OptionsError } from '../../src/OptionsError.js';
import type { ApiCall } from '../../src/Transformer.js';
import { harness, tooMany } from './harness.js';

function optionsError(options: unknown): OptionsError {
  try {
    flowControl(options as FlowControlOptions);
  } catch (error) {
    if (error instanceof OptionsError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('flowControl: options', () => {
  it('rejects unknown keys with a suggestion', () => {
    const error = optionsError({ maxRetries: 3 });
    expect(error).toMatchObject({ key: 'maxRetries', suggestion: 'max429Retries' });
    expect(optionsError({ botPerSeconds: 3 }).suggestion).toBe('botPerSecond');
  });

  it('rejects wrong types', () => {
    expect(optionsError({ botPerSecond: '30' })).toMatchObject({
      key: 'botPerSecond',
      expected: 'a number',
      received: 'a string',
    });
    expect(optionsError({ clock: {} }).key).toBe('clock');
    expect(optionsError({ defaultPriority: 'urgent' }).key).toBe('defaultPriority');
    expect(optionsError({ maxQueueDelayMs: { interactiv: 1 } }).key).toBe('interactiv');
    expect(optionsError('fast').key).toBe('');
  });

  it.each([
    ['botPerSecond', -1, 'a positive integer'],
    ['botPerSecond', 2.5, 'a positive integer'],
    ['privatePerSecond', 0, 'a positive finite number'],
    ['privatePerSecond', Infinity, 'a positive finite number'],
    ['privateBurst', 0, 'a positive integer'],
    ['groupPerMinute', -20, 'a positive integer'],
    ['safetyMarginMs', -5, 'a finite number >= 0'],
    ['max429Retries', -1, 'an integer >= 0'],
    ['globalPauseChats', 0, 'a positive integer or Infinity'],
    ['maxQueueDelayMs', -1, 'a number >= 0 (Infinity for no limit)'],
  ])('rejects %s: %s as out of range', (key, value, expected) => {
    const error = optionsError({ [key]: value });
    expect(error).toMatchObject({ key, expected, received: String(value) });
    expect(error.message).toContain(`must be ${expected}, got ${value}`);
  });

  it('passes every call straight through with enabled: false', async () => {
    const h = harness({ enabled: false });
    for (let i = 0; i < 100; i++) h.send(1, `m${i}`);
    await h.settle();
    expect(h.arrivals).toHaveLength(100);
    expect(h.fc.stats().delayed).toBe(0);
  });

  it('waits on the clock of the api it is installed in when given none', async () => {
    const clock = new ManualClock();
    const fc = flowControl({ privateBurst: 1, startPaced: false });
    const sent: number[] = [];
    const prev = ((_m: string, _p: unknown) => {
      sent.push(clock.now());
      return Promise.resolve(true);
    }) as ApiCall;
    for (let i = 0; i < 3; i++) {
      void fc.transformer(prev, 'sendMessage', { chat_id: 1, text: 'x' }, undefined, { clock });
    }
    await clock.advance(5000);
    expect(sent).toEqual([0, 1025, 2050]);
  });
});

describe('flowControl: stats and events', () => {
  it('counts what happened and reports queues now', async () => {
    const h = harness({ privateBurst: 1 });
    let failed = false;
    h.script(() => {
      if (failed) return { ok: true };
      failed = true;
      return { error: tooMany('sendMessage', 2) };
    });
    expect(h.fc.stats()).toMatchObject({ queued: 0, sent: 0, longestQueue: 0 });
    const controller = new AbortController();
    for (let i = 0; i < 4; i++) h.send(1, `m${i}`, i === 3 ? controller.signal : undefined);
    h.send(2, 'other');
    await h.settle();
    expect(h.fc.stats()).toMatchObject({
      queued: 4,
      inFlight: 0,
      sent: 1,
      delayed: 3,
      rateLimited: 1,
      retried: 1,
      pausedChats: 1,
      longestQueue: 4,
      trackedChats: 2,
    });
    controller.abort();
    await h.clock.advance(10_000);
    expect(h.fc.stats()).toMatchObject({ queued: 0, sent: 4, aborted: 1, pausedChats: 0 });
  });

  it('emits rateLimited, pause, resume and sent, and survives a throwing listener', async () => {
    const h = harness();
    let failed = false;
    h.script(() => {
      if (failed) return { ok: true };
      failed = true;
      return { error: tooMany('sendMessage', 1) };
    });
    const seen: string[] = [];
    h.fc.on('sent', () => {
      throw new Error('listener bug');
    });
    for (const event of ['rateLimited', 'pause', 'resume', 'sent', 'failed'] as const) {
      h.fc.on(event, () => seen.push(event));
    }
    const off = h.fc.on('sent', () => seen.push('removed'));
    off();
    const start = h.clock.now();
    const outcome = h.send(1, 'x');
    await h.clock.advance(2000);
    expect(outcome.value).toBe(true);
    expect(seen).toEqual(['rateLimited', 'pause', 'resume', 'sent']);
    const events: unknown[] = [];
    h.fc.on('rateLimited', (e) => events.push(e));
    h.fc.on('sent', (e) => events.push(e));
    failed = false;
    h.send(1, 'y');
    await h.clock.advance(2000);
    expect(events).toEqual([
      { method: 'sendMessage', chatId: 1, retryAfterMs: 1025, attempt: 1, willRetry: true },
      { method: 'sendMessage', chatId: 1, priority: 'interactive', waitedMs: 1025, attempts: 2 },
    ]);
    expect(h.clock.now() - start).toBe(4000);
  });
});
