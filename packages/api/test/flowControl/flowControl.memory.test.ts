import { describe, expect, it } from 'vitest';

import { harness, tooMany } from './harness.js';

describe('flowControl: memory', () => {
  it('drops the queues and buckets of idle chats once they are at rest', async () => {
    const h = harness();
    for (let chat = 1; chat <= 50; chat++) h.send(chat, 'a');
    for (let i = 0; i < 10; i++) h.send(-500, `g${i}`);
    await h.clock.advance(5000);
    expect(h.fc.stats()).toMatchObject({ queued: 0, inFlight: 0 });
    expect(h.fc.stats().trackedChats).toBe(1); // the group remembers its minute
    await h.clock.advance(60_000);
    expect(h.fc.stats().trackedChats).toBe(0);
    expect(h.clock.pending).toBe(0); // no timers left behind
  });

  it('keeps a paused chat until its pause ends, then drops it', async () => {
    const h = harness({ max429Retries: 0 });
    h.script(() => ({ error: tooMany('sendMessage', 30) }));
    h.send(1, 'x');
    await h.clock.advance(10_000);
    expect(h.fc.stats()).toMatchObject({ trackedChats: 1, pausedChats: 1 });
    await h.clock.advance(21_000);
    expect(h.fc.stats()).toMatchObject({ trackedChats: 0, pausedChats: 0 });
  });

  it('stays bounded while messages go to 100 000 chats', async () => {
    const h = harness({ botPerSecond: 1000 });
    let most = 0;
    for (let wave = 0; wave < 100; wave++) {
      for (let i = 0; i < 1000; i++) h.send(wave * 1000 + i + 1, 'news');
      await h.clock.advance(1100);
      most = Math.max(most, h.fc.stats().trackedChats);
    }
    await h.clock.advance(5000);
    expect(h.arrivals).toHaveLength(100_000);
    expect(most).toBeLessThanOrEqual(2000);
    expect(h.fc.stats()).toMatchObject({ trackedChats: 0, queued: 0, sent: 100_000 });
    expect(h.clock.pending).toBe(0);
  });
});
