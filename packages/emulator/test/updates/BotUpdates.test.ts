import { ManualClock } from '@delegram/api';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/ApiError.js';
import { BotUpdates } from '../../src/updates/BotUpdates.js';

const message = (n: number): object => ({ message_id: n, text: `m${n}` });

describe('BotUpdates', () => {
  let clock: ManualClock;
  let updates: BotUpdates;
  beforeEach(() => {
    clock = new ManualClock(1_000_000);
    updates = new BotUpdates({ clock });
  });
  const ids = async (params = {}): Promise<number[]> =>
    (await updates.getUpdates(params)).map((u) => u.update_id);

  it('numbers updates sequentially and keeps them until an offset confirms them', async () => {
    for (let i = 1; i <= 3; i++) updates.push('message', message(i), 'chat:1');
    expect(await ids()).toEqual([1, 2, 3]);
    expect(await ids()).toEqual([1, 2, 3]);
    expect(await ids({ offset: 3 })).toEqual([3]);
    expect(await ids()).toEqual([3]);
    expect(await ids({ offset: 4 })).toEqual([]);
    expect(updates.pendingCount).toBe(0);
  });

  it('keeps only the last -offset updates for a negative offset', async () => {
    for (let i = 1; i <= 5; i++) updates.push('message', message(i), 'chat:1');
    expect(await ids({ offset: -2 })).toEqual([4, 5]);
    expect(await ids()).toEqual([4, 5]);
  });

  it('treats an offset beyond the next id as confirming everything', async () => {
    updates.push('message', message(1), 'chat:1');
    expect(await ids({ offset: 1000 })).toEqual([]);
    updates.push('message', message(2), 'chat:1');
    expect(await ids()).toEqual([2]);
  });

  it('clamps limit to 1..100', async () => {
    for (let i = 1; i <= 150; i++) updates.push('message', message(i), `chat:${i}`);
    expect(await ids({ limit: 0 })).toEqual([1]);
    expect((await ids({ limit: 1000 })).length).toBe(100);
    expect(await ids({ limit: 2 })).toEqual([1, 2]);
  });

  it('stops adding updates once the answer reaches about 4 MB', async () => {
    const big = 'x'.repeat(1_500_000);
    for (let i = 1; i <= 4; i++) updates.push('message', { message_id: i, text: big }, 'chat:1');
    expect(await ids()).toEqual([1, 2]);
    updates.push('message', { message_id: 5, text: 'y'.repeat(5_000_000) }, 'chat:1');
    expect(await ids({ offset: 5 })).toEqual([5]);
  });

  it('answers a waiting poll as soon as an update arrives, batching a burst', async () => {
    const poll = updates.getUpdates({ timeout: 30 });
    expect(updates.polling).toBe(true);
    updates.push('message', message(1), 'chat:1');
    updates.push('message', message(2), 'chat:2');
    expect((await poll).map((u) => u.update_id)).toEqual([1, 2]);
    expect(updates.polling).toBe(false);
  });

  it('answers an empty list when the timeout passes, clamped to 50 s', async () => {
    let done = false;
    const poll = updates.getUpdates({ timeout: 600 }).then((r) => ((done = true), r));
    await clock.advance(49_999);
    expect(done).toBe(false);
    await clock.advance(1);
    expect(await poll).toEqual([]);
  });

  it('ends the earlier waiting poll with 409 when a second poll waits', async () => {
    const first = updates.getUpdates({ timeout: 30 });
    const second = updates.getUpdates({ timeout: 30 });
    const error = (await first.catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.errorCode).toBe(409);
    expect(error.description).toBe(
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    );
    updates.push('message', message(1), 'chat:1');
    expect((await second).length).toBe(1);
  });

  it('answers a conflict within 3 s of the previous one 3 s late', async () => {
    const first = updates.getUpdates({ timeout: 30 });
    const second = updates.getUpdates({ timeout: 30 });
    await expect(first).rejects.toMatchObject({ errorCode: 409 });
    await clock.advance(1000);
    let settled = false;
    const late = second.catch((e: unknown) => ((settled = true), e));
    const third = updates.getUpdates({ timeout: 30 });
    await clock.advance(2999);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect(await late).toMatchObject({ errorCode: 409 });
    updates.push('message', message(1), 'chat:1');
    expect((await third).length).toBe(1);
  });

  it('lets a request that is answered at once leave the waiting poll alone', async () => {
    const waiting = updates.getUpdates({ timeout: 30 });
    expect(await updates.getUpdates({ timeout: 0 })).toEqual([]);
    expect(updates.polling).toBe(true);
    updates.push('message', message(1), 'chat:1');
    expect((await waiting).length).toBe(1);
  });

  it('ends a waiting poll quietly when the client goes away', async () => {
    const controller = new AbortController();
    const poll = updates.getUpdates({ timeout: 30 }, controller.signal);
    controller.abort();
    expect(await poll).toEqual([]);
    expect(updates.polling).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('refuses getUpdates with 409 while a webhook is set', async () => {
    updates.setWebhook({ url: 'http://127.0.0.1:9/hook', maxConnections: 1 });
    const error = (await updates.getUpdates({}).catch((e: unknown) => e)) as ApiError;
    expect(error.errorCode).toBe(409);
    expect(error.description).toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
    updates.dispose();
  });

  it('applies allowed_updates when updates are created, not to those already queued', async () => {
    updates.push('message', message(1), 'chat:1');
    expect(await ids({ allowed_updates: ['CALLBACK_QUERY', 'no_such_kind'] })).toEqual([1]);
    expect(updates.push('message', message(2), 'chat:1')).toBeUndefined();
    expect(updates.push('callback_query', { id: 'q' }, 'user:1')?.update_id).toBe(2);
    expect(await ids()).toEqual([1, 2]);
  });

  it('leaves out chat_member and reactions by default and for an empty list', async () => {
    expect(updates.push('chat_member', {}, 'chat:1')).toBeUndefined();
    await ids({ allowed_updates: ['chat_member'] });
    expect(updates.push('chat_member', {}, 'chat:1')).toBeDefined();
    await ids({ allowed_updates: [] });
    expect(updates.push('message_reaction', {}, 'chat:1')).toBeUndefined();
    expect(updates.push('message', message(1), 'chat:1')).toBeDefined();
  });

  it('keeps the allowed_updates of an earlier call when a call leaves them out', async () => {
    await ids({ allowed_updates: ['poll'] });
    await ids({ offset: 0 });
    expect(updates.push('message', message(1), 'chat:1')).toBeUndefined();
  });

  it('drops updates nobody confirmed within 24 hours of emulated time', async () => {
    updates.push('message', message(1), 'chat:1');
    await clock.advance(12 * 3600_000);
    updates.push('message', message(2), 'chat:1');
    await clock.advance(12 * 3600_000);
    expect(await ids()).toEqual([2]);
    expect(updates.pendingCount).toBe(1);
  });
});
