import { describe, expect, it } from 'vitest';

import { currentPriority, withPriority } from '../../src/flowControl/withPriority.js';
import { harness } from './harness.js';

describe('flowControl: priorities', () => {
  it('serves a ready interactive call before every ready bulk call', async () => {
    const h = harness();
    const t0 = h.clock.now();
    const bulk = withPriority('bulk', () =>
      Array.from({ length: 300 }, (_, i) => h.send(1000 + i, 'broadcast')),
    );
    await h.clock.advance(100);
    const reply = h.send(7, 'reply'); // a user talking during the broadcast
    await h.clock.advance(1000);
    expect(reply.settled).toBe(true);
    const replyArrival = h.arrivals.find((a) => a.payload['chat_id'] === 7)!;
    expect(replyArrival.at).toBe(t0 + 1025); // the next bot-wide slot, not after 300 bulk calls
    expect(h.arrivals.filter((a) => a.at === t0 + 1025)[0]!.payload['chat_id']).toBe(7);
    expect(bulk.filter((o) => o.settled)).toHaveLength(59);
  });

  it('keeps call order within one chat whatever the priority, and serves it as interactive', async () => {
    const h = harness();
    const t0 = h.clock.now();
    withPriority('bulk', () => {
      for (let i = 0; i < 60; i++) h.send(1000 + i, 'broadcast');
      h.send(7, 'bulk first');
    });
    h.send(7, 'interactive second');
    await h.clock.advance(10_000);
    expect(h.textsTo(7)).toEqual(['bulk first', 'interactive second']);
    // the chat holds an interactive call, so its bulk head goes before the other bulk chats
    const first = h.arrivals.find((a) => a.payload['text'] === 'bulk first')!;
    expect(first.at).toBe(t0 + 1025);
    expect(h.arrivals.filter((a) => a.at === t0 + 1025)[0]!.payload['chat_id']).toBe(7);
  });

  it('withPriority reaches calls made after awaits inside it', async () => {
    const h = harness({ botPerSecond: 1 });
    const priorities: string[] = [];
    h.fc.on('delayed', (e) => priorities.push(e.priority));
    h.send(1, 'fills the window');
    await withPriority('bulk', async () => {
      await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
      expect(currentPriority()).toBe('bulk');
      h.send(2, 'later');
    });
    h.send(3, 'outside');
    expect(priorities).toEqual(['bulk', 'interactive']);
    expect(currentPriority()).toBeUndefined();
  });

  it('uses defaultPriority outside withPriority', async () => {
    const h = harness({ botPerSecond: 1, defaultPriority: 'bulk' });
    const priorities: string[] = [];
    h.fc.on('delayed', (e) => priorities.push(e.priority));
    h.send(1, 'a');
    h.send(2, 'b');
    withPriority('interactive', () => h.send(3, 'c'));
    await h.clock.advance(1025);
    expect(priorities).toEqual(['bulk', 'interactive']);
    expect(h.arrivals.map((a) => a.payload['text'])).toEqual(['a', 'c']);
  });

  it('rejects an unknown priority', () => {
    expect(() => withPriority('urgent' as never, () => 1)).toThrow(/'interactive' or 'bulk'/);
  });
});
