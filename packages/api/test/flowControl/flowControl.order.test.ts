import { describe, expect, it } from 'vitest';

import { TooManyRequestsError } from '../../src/TelegramError.js';
import { harness, tooMany } from './harness.js';

describe('flowControl: order and 429s', () => {
  it('sends the calls of one chat in call order, one in flight at a time', async () => {
    const h = harness({ privateBurst: 10 });
    h.script(() => 'hold');
    const outcomes = [0, 1, 2, 3, 4].map((i) => h.send(7, `m${i}`));
    await h.settle();
    for (let i = 0; i < 5; i++) {
      expect(h.arrivals).toHaveLength(i + 1); // the next waits for the previous answer
      expect(h.fc.stats().inFlight).toBe(1);
      h.arrivals[i]!.resolve({ message_id: i });
      await h.settle();
    }
    expect(h.textsTo(7)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(outcomes.map((o) => o.value)).toEqual([0, 1, 2, 3, 4].map((i) => ({ message_id: i })));
  });

  it('retries a 429 first, after retry_after, so that later calls never overtake it', async () => {
    const h = harness();
    let failed = false;
    h.script((call) => {
      if (call.payload['text'] === 'm1' && !failed) {
        failed = true;
        return { error: tooMany('sendMessage', 2) };
      }
      return { ok: { text: call.payload['text'] } };
    });
    const outcomes = [0, 1, 2, 3, 4].map((i) => h.send(7, `m${i}`));
    await h.clock.advance(20_000);
    expect(h.textsTo(7)).toEqual(['m0', 'm1', 'm1', 'm2', 'm3', 'm4']);
    const [first, retry] = h.arrivals.filter((a) => a.payload['text'] === 'm1');
    expect(retry!.at - first!.at).toBe(2000 + 25); // retry_after plus the safety margin
    expect(outcomes.map((o) => o.value)).toEqual([0, 1, 2, 3, 4].map((i) => ({ text: `m${i}` })));
    expect(h.fc.stats()).toMatchObject({ sent: 5, rateLimited: 1, retried: 1, queued: 0 });
  });

  it('pauses only the chat that got the 429; other chats keep going', async () => {
    const h = harness();
    let failed = false;
    h.script((call) => {
      if (call.payload['chat_id'] === 1 && !failed) {
        failed = true;
        return { error: tooMany('sendMessage', 30) };
      }
      return { ok: true };
    });
    h.send(1, 'a0');
    h.send(1, 'a1');
    for (let i = 0; i < 5; i++) h.send(2, `b${i}`);
    await h.clock.advance(10_000);
    expect(h.textsTo(2)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
    expect(h.textsTo(1)).toEqual(['a0']);
    expect(h.fc.stats().pausedChats).toBe(1);
    await h.clock.advance(20_100);
    expect(h.textsTo(1)).toEqual(['a0', 'a0', 'a1']);
    expect(h.fc.stats().pausedChats).toBe(0);
  });

  it('takes 429s from 3 chats within a second as the bot-wide limit and pauses every chat', async () => {
    const h = harness();
    const retryAfter: Record<number, number> = { 1: 5, 2: 7, 3: 6 };
    const failed = new Set<unknown>();
    h.script((call) => {
      const chat = call.payload['chat_id'] as number;
      if (retryAfter[chat] !== undefined && !failed.has(chat)) {
        failed.add(chat);
        return { error: tooMany('sendMessage', retryAfter[chat]) };
      }
      return { ok: true };
    });
    const pauses: unknown[] = [];
    h.fc.on('pause', (e) => pauses.push(e));
    const start = h.clock.now();
    h.send(1, 'x');
    h.send(2, 'x');
    h.send(3, 'x');
    await h.settle();
    expect(h.fc.stats().globalPauseUntil).toBe(start + 7025);
    expect(pauses).toContainEqual({ scope: 'bot', chatId: undefined, until: start + 7025 });
    const other = h.send(4, 'late');
    const me = h.call('getMe', {});
    await h.clock.advance(7000);
    expect(me.settled).toBe(true); // not limited, not paused
    expect(h.textsTo(4)).toEqual([]);
    await h.clock.advance(25);
    expect(h.textsTo(4)).toEqual(['late']);
    await h.clock.advance(100);
    expect(other.value).toBe(true);
    expect(h.fc.stats().globalPauseUntil).toBeUndefined();
  });

  it('keeps a pause per chat when 429s come from fewer chats than globalPauseChats', async () => {
    const h = harness({ globalPauseChats: 3 });
    const failed = new Set<unknown>();
    h.script((call) => {
      const chat = call.payload['chat_id'];
      if ((chat === 1 || chat === 2) && !failed.has(chat)) {
        failed.add(chat);
        return { error: tooMany('sendMessage', 5) };
      }
      return { ok: true };
    });
    h.send(1, 'x');
    h.send(2, 'x');
    await h.settle();
    h.send(3, 'free');
    await h.settle();
    expect(h.fc.stats().globalPauseUntil).toBeUndefined();
    expect(h.textsTo(3)).toEqual(['free']);
  });

  it('rejects with the 429 after max429Retries, and the chat queue goes on', async () => {
    const h = harness({ max429Retries: 2 });
    h.script((call) =>
      call.payload['text'] === 'doomed' ? { error: tooMany('sendMessage', 1) } : { ok: true },
    );
    const doomed = h.send(5, 'doomed');
    const next = h.send(5, 'next');
    await h.clock.advance(10_000);
    expect(doomed.error).toBeInstanceOf(TooManyRequestsError);
    expect(h.textsTo(5)).toEqual(['doomed', 'doomed', 'doomed', 'next']);
    expect(next.value).toBe(true);
    expect(h.fc.stats()).toMatchObject({ rateLimited: 3, retried: 2, sent: 1 });
  });

  it('passes other errors to the caller at once and goes on with the chat', async () => {
    const h = harness();
    const boom = new Error('chat not found');
    h.script((call) => (call.payload['text'] === 'bad' ? { error: boom } : { ok: 1 }));
    const bad = h.send(5, 'bad');
    const good = h.send(5, 'good');
    await h.settle();
    expect(bad.error).toBe(boom);
    expect(good.value).toBe(1);
  });

  it('keeps the order of edits of one inline message, which count only bot-wide', async () => {
    const h = harness({ privateBurst: 1 });
    for (let i = 0; i < 5; i++) {
      h.call('editMessageText', { inline_message_id: 'abc', text: `e${i}` });
    }
    await h.settle();
    expect(h.arrivals.map((a) => a.payload['text'])).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
  });
});
