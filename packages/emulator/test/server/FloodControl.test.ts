import { ManualClock } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/ApiError.js';
import { FloodControl } from '../../src/server/FloodControl.js';

function retryAfter(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errorCode).toBe(429);
    return (error as ApiError).parameters?.retry_after;
  }
}

describe('FloodControl', () => {
  it('lets a private chat burst, then holds it to about one message per second', () => {
    const flood = new FloodControl();
    for (let i = 0; i < 10; i++) flood.take(1, 'sendMessage', 5, 0);
    expect(retryAfter(() => flood.take(1, 'sendMessage', 5, 0))).toBe(1);
    expect(retryAfter(() => flood.take(1, 'sendMessage', 5, 1000))).toBeUndefined();
    expect(retryAfter(() => flood.take(1, 'sendMessage', 5, 1500))).toBe(1);
  });

  it('allows 20 messages per minute in a group', () => {
    const flood = new FloodControl();
    for (let i = 0; i < 20; i++) flood.take(1, 'sendMessage', -100, i * 1000);
    const wait = retryAfter(() => flood.take(1, 'sendMessage', -100, 30_000));
    expect(wait).toBe(30);
    expect(retryAfter(() => flood.take(1, 'sendMessage', -100, 60_001))).toBeUndefined();
  });

  it('allows 30 messages per second for the whole bot', () => {
    const flood = new FloodControl();
    for (let chat = 1; chat <= 30; chat++) flood.take(1, 'sendMessage', chat, 0);
    expect(retryAfter(() => flood.take(1, 'sendMessage', 31, 500))).toBe(1);
    expect(retryAfter(() => flood.take(2, 'sendMessage', 31, 500))).toBeUndefined();
  });

  it('scales every rate (not the burst) and counts what it refused', () => {
    const flood = new FloodControl({ scale: 10 });
    expect(flood.limits).toEqual({
      perChatPerSecond: 10,
      perChatBurst: 10,
      perGroupPerMinute: 200,
      perBotPerSecond: 300,
    });
    for (let chat = 1; chat <= 300; chat++) flood.take(1, 'sendMessage', chat, 0);
    expect(retryAfter(() => flood.take(1, 'sendMessage', 301, 500))).toBe(1);
    for (let i = 0; i < 10; i++) flood.take(1, 'sendMessage', 999, 1000 + i);
    expect(retryAfter(() => flood.take(1, 'sendMessage', 999, 1010))).toBe(1);
    // a tenth of a second later the chat has a token again (10/s)
    expect(retryAfter(() => flood.take(1, 'sendMessage', 999, 1110))).toBeUndefined();
    expect(flood.refused).toBe(2);
    expect(() => new FloodControl({ scale: 0 })).toThrow(RangeError);
  });

  it('counts time on its own clock when given one', async () => {
    const clock = new ManualClock(0);
    const flood = new FloodControl({ clock });
    for (let i = 0; i < 10; i++) flood.take(1, 'sendMessage', 5, 999_999);
    // the time passed in is ignored: only the given clock counts
    expect(retryAfter(() => flood.take(1, 'sendMessage', 5, 5_000_000))).toBe(1);
    await clock.advance(1000);
    expect(retryAfter(() => flood.take(1, 'sendMessage', 5, 0))).toBeUndefined();
  });

  it('counts only sending and editing methods', () => {
    expect(FloodControl.appliesTo('sendPhoto')).toBe(true);
    expect(FloodControl.appliesTo('editMessageText')).toBe(true);
    expect(FloodControl.appliesTo('copyMessages')).toBe(true);
    expect(FloodControl.appliesTo('sendChatAction')).toBe(false);
    expect(FloodControl.appliesTo('getMe')).toBe(false);
    expect(FloodControl.appliesTo('answerCallbackQuery')).toBe(false);
  });

  it('gives the slot back when the call is undone', () => {
    const flood = new FloodControl({ perChatBurst: 1 });
    flood.take(1, 'sendMessage', 5, 0)();
    expect(retryAfter(() => flood.take(1, 'sendMessage', 5, 0))).toBeUndefined();
  });

  it('does nothing when switched off', () => {
    const flood = new FloodControl({ enabled: false });
    for (let i = 0; i < 100; i++) flood.take(1, 'sendMessage', 5, 0);
    flood.enabled = true;
    expect(retryAfter(() => flood.take(1, 'sendMessage', 6, 0))).toBeUndefined();
  });
});
