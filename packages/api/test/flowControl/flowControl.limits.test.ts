import { describe, expect, it } from 'vitest';

import { harness } from './harness.js';

/** The most arrivals in any window of `spanMs` (a window [t, t + spanMs) starting at each). */
function busiestWindow(times: readonly number[], spanMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - spanMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('flowControl: rate limits', () => {
  it('sends at most 20 calls to a group in any sliding 60 s window', async () => {
    const h = harness();
    const t0 = h.clock.now();
    for (let i = 0; i < 10; i++) h.send(-100, `a${i}`);
    await h.clock.advance(30_000);
    for (let i = 0; i < 10; i++) h.send(-100, `b${i}`);
    await h.clock.advance(10_000);
    for (let i = 0; i < 15; i++) h.send(-100, `c${i}`);
    await h.clock.advance(120_000);
    const times = h.arrivals.map((a) => a.at);
    expect(times).toHaveLength(35);
    expect(busiestWindow(times, 60_000)).toBeLessThanOrEqual(20);
    // a sliding window, not minute buckets: the c calls go as soon as the a calls fall out
    const cTimes = h.arrivals.filter((a) => String(a.payload['text']).startsWith('c'));
    expect(cTimes.slice(0, 10).every((a) => a.at === t0 + 60_025)).toBe(true);
    expect(cTimes.slice(10).every((a) => a.at === t0 + 90_025)).toBe(true);
    expect(h.textsTo(-100)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `a${i}`),
      ...Array.from({ length: 10 }, (_, i) => `b${i}`),
      ...Array.from({ length: 15 }, (_, i) => `c${i}`),
    ]);
  });

  it('treats @usernames as channels with the group limit', async () => {
    const h = harness({ groupPerMinute: 2 });
    for (let i = 0; i < 3; i++) h.send('@News', `n${i}`);
    h.send('@news', 'n3'); // same channel, any case
    await h.settle();
    expect(h.arrivals).toHaveLength(2);
    await h.clock.advance(60_025);
    expect(h.arrivals).toHaveLength(4);
  });

  it('sends at most 30 calls per sliding second for the whole bot', async () => {
    const h = harness();
    const t0 = h.clock.now();
    for (let chat = 1; chat <= 100; chat++) h.send(chat, 'news');
    await h.settle();
    expect(h.arrivals).toHaveLength(30);
    await h.clock.advance(1024);
    expect(h.arrivals).toHaveLength(30);
    await h.clock.advance(1);
    expect(h.arrivals).toHaveLength(60);
    await h.clock.advance(5000);
    expect(h.arrivals).toHaveLength(100);
    expect(
      busiestWindow(
        h.arrivals.map((a) => a.at),
        1000,
      ),
    ).toBe(30);
    expect(h.arrivals.at(-1)!.at).toBe(t0 + 3 * 1025);
  });

  it('counts a call that was slow on its way from when its answer came, not from when it left', async () => {
    const h = harness({ botPerSecond: 2, safetyMarginMs: 0 });
    const held: { resolve: (v: unknown) => void }[] = [];
    h.script((call) => {
      if (call.payload['text'] === 'slow') {
        held.push(call);
        return 'hold';
      }
      return { ok: { message_id: 1 } };
    });
    h.send(1, 'slow');
    h.send(2, 'quick');
    h.send(3, 'third');
    await h.settle();
    expect(h.arrivals.map((a) => a.at - 1_000_000)).toEqual([0, 0]);
    // the slow call is answered after 600 ms: Telegram may have counted it only then (the
    // quick call's round trip, 0 ms here, says the answer's way back takes no time)
    await h.clock.advance(600);
    held[0]!.resolve({ message_id: 2 });
    await h.clock.advance(1000);
    expect(h.arrivals.map((a) => a.at - 1_000_000)).toEqual([0, 0, 1600]);
  });

  it('starts paced: the first calls after a start go evenly spaced at the bot-wide rate', async () => {
    const h = harness({ startPaced: true, botPerSecond: 10, safetyMarginMs: 0 });
    for (let chat = 1; chat <= 25; chat++) h.send(chat, 'x');
    await h.clock.advance(3000);
    const at = h.arrivals.map((a) => a.at - 1_000_000);
    expect(at.slice(0, 3)).toEqual([100, 200, 300]);
    expect(at).toHaveLength(25);
    expect(busiestWindow(at, 1000)).toBeLessThanOrEqual(10);
    // later, after a quiet second, a burst goes at once again
    for (let chat = 1; chat <= 5; chat++) h.send(chat, 'y');
    await h.clock.advance(0);
    expect(h.arrivals.slice(25).map((a) => a.at - 1_000_000)).toEqual(Array(5).fill(3000));
  });

  it('lets a private chat burst, then about one message per second', async () => {
    const h = harness({ privateBurst: 3, privatePerSecond: 1 });
    const t0 = h.clock.now();
    for (let i = 0; i < 6; i++) h.send(42, `m${i}`);
    await h.clock.advance(10_000);
    expect(h.arrivals.map((a) => a.at - t0)).toEqual([0, 0, 0, 1025, 2050, 3075]);
  });

  it('finishes a broadcast within 5% of the fastest the bot-wide limit allows', async () => {
    const h = harness();
    const chats = 3000;
    const t0 = h.clock.now();
    const outcomes = Array.from({ length: chats }, (_, i) => h.send(i + 1, 'news'));
    while (outcomes.some((o) => !o.settled)) await h.clock.advance(1000);
    const last = Math.max(...h.arrivals.map((a) => a.at)) - t0;
    const theoretical = (Math.ceil(chats / 30) - 1) * 1000;
    expect(last).toBeGreaterThanOrEqual(theoretical);
    expect(last).toBeLessThanOrEqual(theoretical * 1.05);
    expect(
      busiestWindow(
        h.arrivals.map((a) => a.at),
        1000,
      ),
    ).toBeLessThanOrEqual(30);
  });

  it('uses exact windows with safetyMarginMs: 0', async () => {
    const h = harness({ safetyMarginMs: 0, botPerSecond: 2 });
    const t0 = h.clock.now();
    for (let chat = 1; chat <= 5; chat++) h.send(chat, 'x');
    await h.clock.advance(5000);
    expect(h.arrivals.map((a) => a.at - t0)).toEqual([0, 0, 1000, 1000, 2000]);
  });

  it('passes calls that are not limited straight through, even while everything waits', async () => {
    const h = harness({ botPerSecond: 1 });
    for (let i = 0; i < 5; i++) h.send(1, `m${i}`);
    for (let chat = 2; chat < 10; chat++) h.send(chat, 'bulk');
    await h.settle();
    expect(h.arrivals).toHaveLength(1);
    const quick = [
      h.call('sendChatAction', { chat_id: 1, action: 'typing' }),
      h.call('answerCallbackQuery', { callback_query_id: 'q' }),
      h.call('answerInlineQuery', { inline_query_id: 'q', results: [] }),
      h.call('getMe', {}),
      h.call('getChat', { chat_id: 1 }),
    ];
    await h.settle();
    expect(quick.every((o) => o.settled && o.error === undefined)).toBe(true);
    expect(h.arrivals.map((a) => a.method).slice(1)).toEqual([
      'sendChatAction',
      'answerCallbackQuery',
      'answerInlineQuery',
      'getMe',
      'getChat',
    ]);
    expect(h.fc.stats().delayed).toBe(12); // only the limited calls that had to wait
  });

  it('limits sendMediaGroup, copy, forward, edit and stopPoll calls like messages', async () => {
    const h = harness({ privateBurst: 1 });
    h.call('sendMediaGroup', { chat_id: 3, media: [] });
    h.call('copyMessage', { chat_id: 3, from_chat_id: 4, message_id: 1 });
    h.call('forwardMessages', { chat_id: 3, from_chat_id: 4, message_ids: [1] });
    h.call('editMessageText', { chat_id: 3, message_id: 1, text: 'x' });
    h.call('stopPoll', { chat_id: 3, message_id: 2 });
    await h.settle();
    expect(h.arrivals.map((a) => a.method)).toEqual(['sendMediaGroup']);
    await h.clock.advance(4 * 1025);
    expect(h.arrivals.map((a) => a.method)).toEqual([
      'sendMediaGroup',
      'copyMessage',
      'forwardMessages',
      'editMessageText',
      'stopPoll',
    ]);
  });
});
