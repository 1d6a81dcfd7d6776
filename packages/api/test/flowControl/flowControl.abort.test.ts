import { describe, expect, it } from 'vitest';

import { AbortError } from '../../src/AbortError.js';
import { FlowControlDelayError } from '../../src/flowControl/FlowControlDelayError.js';
import { withPriority } from '../../src/flowControl/withPriority.js';
import { harness, tooMany } from './harness.js';

describe('flowControl: aborts and queue delays', () => {
  it('takes an aborted call out of its queue at once; the queue goes on', async () => {
    const h = harness({ privateBurst: 1 });
    const controller = new AbortController();
    const outcomes = [0, 1, 2, 3].map((i) =>
      h.send(9, `m${i}`, i === 2 ? controller.signal : undefined),
    );
    await h.settle();
    expect(h.fc.stats().queued).toBe(3);
    controller.abort(new Error('user left'));
    await h.settle();
    expect(outcomes[2]!.error).toBeInstanceOf(AbortError);
    expect((outcomes[2]!.error as AbortError).cause).toEqual(new Error('user left'));
    expect(h.fc.stats()).toMatchObject({ queued: 2, aborted: 1 });
    await h.clock.advance(5000);
    expect(h.textsTo(9)).toEqual(['m0', 'm1', 'm3']);
    expect(outcomes[3]!.settled && outcomes[3]!.error === undefined).toBe(true);
  });

  it('passes the signal on to prev', async () => {
    const h = harness();
    const controller = new AbortController();
    h.send(9, 'x', controller.signal);
    await h.settle();
    expect(h.arrivals[0]!.signal).toBe(controller.signal);
  });

  it('rejects a call whose signal already aborted without sending it', async () => {
    const h = harness();
    const outcome = h.send(9, 'x', AbortSignal.abort());
    await h.settle();
    expect(outcome.error).toBeInstanceOf(AbortError);
    expect(h.arrivals).toHaveLength(0);
  });

  it('lets a call waiting out a 429 leave when aborted; the chat stays paused', async () => {
    const h = harness();
    let failed = false;
    h.script(() => {
      if (failed) return { ok: true };
      failed = true;
      return { error: tooMany('sendMessage', 10) };
    });
    const controller = new AbortController();
    const start = h.clock.now();
    const first = h.send(9, 'first', controller.signal);
    const second = h.send(9, 'second');
    await h.clock.advance(3000);
    expect(first.settled).toBe(false);
    controller.abort();
    await h.settle();
    expect(first.error).toBeInstanceOf(AbortError);
    await h.clock.advance(7024);
    expect(h.textsTo(9)).toEqual(['first']);
    await h.clock.advance(1);
    expect(h.textsTo(9)).toEqual(['first', 'second']);
    expect(h.arrivals[1]!.at).toBe(start + 10_025);
    expect(second.value).toBe(true);
  });

  it('rejects a call that would wait longer than maxQueueDelayMs with FlowControlDelayError', async () => {
    const h = harness({ maxQueueDelayMs: 5000, privateBurst: 1, privatePerSecond: 1 });
    const start = h.clock.now();
    const outcomes = Array.from({ length: 10 }, (_, i) => h.send(9, `m${i}`));
    await h.clock.advance(20_000);
    const delivered = h.textsTo(9);
    expect(delivered).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']); // at 0, 1025, ... 4100; 5125 > 5000
    const error = outcomes[5]!.error as FlowControlDelayError;
    expect(error).toBeInstanceOf(FlowControlDelayError);
    expect(error).toMatchObject({
      name: 'FlowControlDelayError',
      method: 'sendMessage',
      chatId: 9,
      waitedMs: 5000,
      limitMs: 5000,
      priority: 'interactive',
    });
    expect(outcomes.slice(5).every((o) => o.error instanceof FlowControlDelayError)).toBe(true);
    expect(h.fc.stats().expired).toBe(5);
    h.send(9, 'after');
    await h.settle();
    expect(h.textsTo(9).at(-1)).toBe('after');
    expect(h.arrivals.at(-1)!.at - start).toBe(20_000);
  });

  it('applies maxQueueDelayMs per priority', async () => {
    const h = harness({ botPerSecond: 1, maxQueueDelayMs: { interactive: 1500, bulk: 500 } });
    h.send(1, 'fills the window');
    const interactive = h.send(2, 'i');
    const bulk = withPriority('bulk', () => h.send(3, 'b'));
    await h.clock.advance(600);
    expect(bulk.error).toBeInstanceOf(FlowControlDelayError);
    expect(interactive.settled).toBe(false);
    await h.clock.advance(1000);
    expect(interactive.value).toBeDefined();
  });

  it('gives up at once when a 429 pause is longer than the call may still wait', async () => {
    const h = harness({ maxQueueDelayMs: 60_000 });
    h.script(() => ({ error: tooMany('sendMessage', 120) }));
    const start = h.clock.now();
    const outcome = h.send(9, 'x');
    const behind = h.send(9, 'y');
    await h.settle();
    expect(outcome.error).toBeInstanceOf(FlowControlDelayError);
    expect(behind.error).toBeInstanceOf(FlowControlDelayError);
    expect(h.clock.now()).toBe(start);
  });

  it('rejects at once a new call that could only go after a longer bot-wide pause', async () => {
    const h = harness({ maxQueueDelayMs: 60_000 });
    h.script((call) =>
      call.payload['chat_id'] === 4 ? { ok: true } : { error: tooMany('sendMessage', 120) },
    );
    for (let chat = 1; chat <= 3; chat++) h.send(chat, 'x');
    await h.settle();
    expect(h.fc.stats().globalPauseUntil).toBeDefined();
    const late = h.send(4, 'late');
    await h.settle();
    expect(late.error).toBeInstanceOf(FlowControlDelayError);
    expect((late.error as FlowControlDelayError).waitedMs).toBe(0);
  });
});
