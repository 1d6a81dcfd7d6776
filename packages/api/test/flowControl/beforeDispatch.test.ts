import { describe, expect, it } from 'vitest';

import { beforeDispatch } from '../../src/flowControl/beforeDispatch.js';
import { harness } from './harness.js';

describe('flowControl: beforeDispatch', () => {
  it('runs the hook when the call leaves its queue, not when it is queued', async () => {
    const h = harness({ privateBurst: 1 });
    const ran: string[] = [];
    const outcomes = ['a', 'b', 'c'].map((text) =>
      beforeDispatch(
        () => {
          ran.push(`${text}@${h.clock.now() - 1_000_000}`);
        },
        () => h.send(5, text),
      ),
    );
    await h.settle();
    expect(ran).toEqual(['a@0']);
    expect(h.textsTo(5)).toEqual(['a']);
    await h.clock.advance(5000);
    expect(h.textsTo(5)).toEqual(['a', 'b', 'c']);
    // each hook ran right before its call went out: a token's refill (1 s + margin) apart
    expect(ran).toEqual(['a@0', 'b@1025', 'c@2050']);
    expect(outcomes.every((o) => o.settled && o.error === undefined)).toBe(true);
  });

  it('waits for the hook; a hook that throws fails the call, which is not sent', async () => {
    const h = harness();
    let release: () => void = () => undefined;
    const slow = beforeDispatch(
      () => new Promise<void>((resolve) => (release = resolve)),
      () => h.send(5, 'slow'),
    );
    await h.settle();
    expect(h.arrivals).toHaveLength(0);
    release();
    await h.settle();
    expect(h.textsTo(5)).toEqual(['slow']);
    expect(slow.settled).toBe(true);

    const failed = beforeDispatch(
      () => {
        throw new Error('journal down');
      },
      () => h.send(6, 'never'),
    );
    await h.settle();
    expect(failed.error).toEqual(new Error('journal down'));
    expect(h.textsTo(6)).toEqual([]);
    // the chat's queue goes on
    h.send(6, 'next');
    await h.settle();
    expect(h.textsTo(6)).toEqual(['next']);
  });

  it('runs the hook at once for calls that are not rate-limited or with flow control off', async () => {
    for (const h of [harness(), harness({ enabled: false })]) {
      const ran: string[] = [];
      beforeDispatch(
        () => {
          ran.push('hook');
        },
        () => h.call('answerCallbackQuery', { callback_query_id: 'q' }),
      );
      await h.settle();
      expect(ran).toEqual(['hook']);
      expect(h.arrivals.map((a) => a.method)).toEqual(['answerCallbackQuery']);
    }
  });

  it('refuses a hook or fn that is not a function', () => {
    expect(() => beforeDispatch('x' as never, () => 1)).toThrow(TypeError);
    expect(() => beforeDispatch(() => undefined, 5 as never)).toThrow(TypeError);
  });
});
