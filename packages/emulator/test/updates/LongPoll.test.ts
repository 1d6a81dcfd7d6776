import { ManualClock, type Update } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/ApiError.js';
import { LongPoll } from '../../src/updates/LongPoll.js';

const update = (id: number): Update => ({ update_id: id });

describe('LongPoll', () => {
  it('answers the waiter with what is queued when woken, up to its limit', async () => {
    const queued: Update[] = [];
    const poll = new LongPoll(new ManualClock(), (limit) => queued.slice(0, limit));
    const waiting = poll.wait(2, 30_000);
    queued.push(update(1), update(2), update(3));
    poll.wake();
    poll.wake();
    expect(await waiting).toEqual([update(1), update(2)]);
    expect(poll.waiting).toBe(false);
  });

  it('keeps waiting when woken with nothing queued', async () => {
    const clock = new ManualClock();
    const poll = new LongPoll(clock, () => []);
    const waiting = poll.wait(100, 1000);
    poll.wake();
    await clock.advance(0);
    expect(poll.waiting).toBe(true);
    await clock.advance(1000);
    expect(await waiting).toEqual([]);
  });

  it('ends the waiter with the given error, or with no updates', async () => {
    const poll = new LongPoll(new ManualClock(), () => []);
    const first = poll.wait(100, 30_000);
    poll.end(new ApiError(409, 'Conflict: terminated by setWebhook request'));
    await expect(first).rejects.toMatchObject({ errorCode: 409 });
    const second = poll.wait(100, 30_000);
    poll.end();
    expect(await second).toEqual([]);
  });

  it('cancels a delayed conflict answer on dispose', () => {
    const clock = new ManualClock();
    const poll = new LongPoll(clock, () => []);
    void poll.wait(100, 30_000).catch(() => undefined);
    void poll.wait(100, 30_000).catch(() => undefined);
    void poll.wait(100, 30_000);
    poll.dispose();
    expect(clock.pending).toBe(0);
  });
});
