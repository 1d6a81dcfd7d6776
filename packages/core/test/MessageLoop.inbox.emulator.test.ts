import { join } from 'node:path';
import type { Update } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { Bot } from '../src/Bot.js';
import { StopTimeoutError } from '../src/errors.js';
import { InboxWriteError } from '../src/inbox/errors.js';
import { FileInbox } from '../src/inbox/FileInbox.js';
import { MessageLoop } from '../src/MessageLoop.js';
import {
  botOf,
  inboxWorld,
  inRealTime,
  journalPath,
  sendRounds,
  useCleanups,
} from './support/inboxKit.js';
import { chatOf } from './support/loopKit.js';
import { mountSmallDisk } from './support/smallDisk.js';
import type { SmallDisk } from './support/smallDisk.js';

// MessageLoop with a FileInbox, end to end against @delegram/emulator over real HTTP, on the
// system clock: updates are journaled, confirmed at once (Telegram never sends one twice),
// handled once in per-chat order, and what a crash or a stop left unfinished is handled again
// from the journal, in order, exactly those.

const cleanup = useCleanups();

/** A handler recording each update once per call, and each chat's order. */
function recorder() {
  const handled = new Map<number, number>();
  const lastSeq = new Map<number, number>();
  let outOfOrder = 0;
  const record = (update: Update, chat: number, seq: number): void => {
    if ((lastSeq.get(chat) ?? -1) !== seq - 1) outOfOrder += 1;
    lastSeq.set(chat, seq);
    handled.set(update.update_id, (handled.get(update.update_id) ?? 0) + 1);
  };
  return { handled, record, outOfOrder: () => outOfOrder, lastSeq };
}

describe('MessageLoop with an inbox, on the emulator', () => {
  it('handles every update once, in per-chat order, and Telegram never sends one twice', async () => {
    const w = await inboxWorld(200, 'inbox_bot', cleanup);
    await sendRounds(w, 10);
    const { bot, errors } = botOf(w);
    const r = recorder();
    const inbox = new FileInbox(journalPath(cleanup));
    const loop = new MessageLoop(
      bot,
      async (msg, incoming) => {
        await new Promise((resolve) => setTimeout(resolve, 2 + (incoming.update!.update_id % 7)));
        r.record(incoming.update!, chatOf(incoming)!, Number((msg as { text: string }).text));
      },
      { inbox, timeout: 1, sequentialize: chatOf, maxInFlight: 400 },
    );
    const running = loop.run();
    await inRealTime(() => r.handled.size === 2000, '2,000 updates');
    await sendRounds(w, 2, 10); // more while it runs
    await inRealTime(() => r.handled.size === 2400, '2,400 updates');
    await loop.stop();
    await running;
    expect([...r.handled.values()].every((n) => n === 1)).toBe(true);
    expect(r.outOfOrder()).toBe(0);
    expect(loop.stats.duplicates).toBe(0); // nothing came twice over the network
    expect(loop.stats.peakInProgress).toBeGreaterThan(100); // more than `limit`: confirmed early
    expect(w.account.updates.pendingCount).toBe(0);
    expect(inbox.stats).toMatchObject({ appended: 2400, done: 2400 });
    expect(inbox.stats.syncs).toBeLessThan(200); // one per batch, not one per update
    expect(errors).toEqual([]);
    const check = new FileInbox(inbox.path);
    expect(await check.open()).toMatchObject({ unfinished: [], highestId: expect.any(Number) });
    await check.close();
  }, 60_000);

  it('after a crash between append and handling, handles exactly the unfinished updates again, in order, and skips their network copies', async () => {
    const w = await inboxWorld(20, 'inbox_bot', cleanup);
    await sendRounds(w, 3);
    const path = journalPath(cleanup);
    // The crashed process: it fetched every update, journaled them, handled the first round
    // and died (no close, no confirmation sent to Telegram).
    const crashed = new FileInbox(path, { doneFlushMs: 0 });
    await crashed.open();
    cleanup(() => crashed.close()); // its file handle, after the test
    const { bot: fetcher } = botOf(w);
    const fetched: Update[] = await fetcher.api.getUpdates({ timeout: 0 });
    expect(fetched).toHaveLength(60);
    await crashed.append(fetched);
    const firstRound = fetched.filter((u) => u.message?.text === '0');
    for (const u of firstRound) crashed.done(u.update_id);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the done marks reach the file
    expect(w.account.updates.pendingCount).toBe(60); // Telegram still has all of them

    const { bot, errors } = botOf(w);
    const r = recorder();
    const seen: number[] = [];
    const loop = new MessageLoop(
      bot,
      (msg, incoming) => {
        seen.push(incoming.update!.update_id);
        r.record(incoming.update!, chatOf(incoming)!, Number((msg as { text: string }).text));
      },
      { inbox: new FileInbox(path), timeout: 1 },
    );
    const running = loop.run();
    await inRealTime(() => r.handled.size === 40, 'the 40 unfinished updates');
    await sendRounds(w, 1, 3); // and new ones after them
    await inRealTime(() => r.handled.size === 60, 'the 20 new updates');
    await loop.stop();
    await running;
    const unfinished = fetched.filter((u) => u.message?.text !== '0').map((u) => u.update_id);
    expect(seen.slice(0, 40)).toEqual(unfinished); // exactly those, oldest first
    expect(seen.some((id) => firstRound.some((u) => u.update_id === id))).toBe(false);
    expect(loop.stats.replayed).toBe(40);
    // Their network copies were confirmed by the first poll's offset, never downloaded again.
    expect(loop.stats.duplicates).toBe(0);
    expect([...r.handled.values()].every((n) => n === 1)).toBe(true);
    expect(w.account.updates.pendingCount).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it('keeps updates still running at a stop deadline in the journal for the next run', async () => {
    const w = await inboxWorld(3, 'inbox_bot', cleanup);
    await sendRounds(w, 2);
    const path = journalPath(cleanup);
    const { bot, errors } = botOf(w);
    const first = new MessageLoop(
      bot,
      (msg) => ((msg as { text: string }).text === '1' ? new Promise(() => {}) : undefined),
      { inbox: new FileInbox(path), timeout: 1, concurrency: 10 },
    );
    const running = first.run();
    await inRealTime(() => first.stats.dispatched === 6, 'six dispatched');
    await first.stop({ timeoutMs: 0 });
    await running;
    const timeout = errors.find(([e]) => e instanceof StopTimeoutError)?.[0] as StopTimeoutError;
    expect(timeout.unfinishedUpdateIds).toHaveLength(3);
    expect(timeout).toMatchObject({ redelivered: true, journaled: true });
    expect(timeout.message).toMatch(/stay unfinished in the inbox/);
    expect(w.account.updates.pendingCount).toBe(0); // confirmed: the journal has them
    const again: string[] = [];
    const second = new MessageLoop(bot, (msg) => void again.push((msg as { text: string }).text), {
      inbox: new FileInbox(path),
      timeout: 1,
    });
    const rerun = second.run();
    await inRealTime(() => again.length === 3, 'the three unfinished updates');
    await second.stop();
    await rerun;
    expect(again).toEqual(['1', '1', '1']);
  }, 30_000);

  it('on a full disk reports InboxWriteError and confirms nothing that is neither journaled nor handled', async () => {
    let disk: SmallDisk | undefined = mountSmallDisk(256 * 1024);
    cleanup(() => disk?.unmount());
    const w = await inboxWorld(10, 'inbox_bot', cleanup);
    const { bot, errors } = botOf(w);
    const handled: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inbox = new FileInbox(join(disk.dir, 'bot.inbox'));
    const loop = new MessageLoop(
      bot,
      async (msg) => {
        await gate; // handlers wait, so unhandled updates pile up while the disk is full
        handled.push((msg as { text: string }).text.split(' ')[0]!);
      },
      { inbox, timeout: 1, concurrency: 100, backoff: { initialMs: 20, maxMs: 100 } },
    );
    const running = loop.run();
    await inRealTime(() => loop.stats.polls > 0, 'a first poll');
    disk.fill(0);
    await sendRounds(w, 3, 0, ' ' + 'x'.repeat(1000)); // a batch needs more than the last free page
    await inRealTime(() => errors.length >= 3, 'three failed appends');
    const [error, info] = errors[0]!;
    expect(error).toBeInstanceOf(InboxWriteError);
    expect(error).toMatchObject({ code: 'ENOSPC', operation: 'write' });
    expect(info).toMatchObject({ source: 'inbox', outcome: 'retry' });
    // Received and dispatched, but neither journaled nor handled: Telegram still has them all.
    expect(handled).toEqual([]);
    expect(w.account.updates.pendingCount).toBe(30);
    release(); // handled now, while the disk is still full: then they may be confirmed
    await inRealTime(() => handled.length === 30, 'all 30 handled');
    await inRealTime(() => w.account.updates.pendingCount === 0, 'the handled updates confirmed');
    expect(inbox.stats.appended).toBe(0); // none of them ever reached the journal
    disk.free();
    await sendRounds(w, 1, 3, ' ' + 'x'.repeat(1000));
    await inRealTime(() => handled.length === 40, 'ten more, journaled again');
    await loop.stop();
    await running;
    expect(inbox.stats.appended).toBe(10);
    expect([...new Set(handled)].sort()).toEqual(['0', '1', '2', '3']);
    expect(handled.filter((t) => t === '0')).toHaveLength(10); // each once
    expect(handled).toHaveLength(40);
    disk.unmount();
    disk = undefined;
  }, 30_000);

  it('checks the option: an Inbox, not beside confirm', () => {
    const bot = new Bot('1:x', { api: { apiRoot: 'http://127.0.0.1:9' } });
    const inbox = new FileInbox('unused.inbox');
    expect(() => new MessageLoop(bot, undefined, { inbox, confirm: 'on-receipt' })).toThrow(
      /with an inbox.*remove the confirm option/,
    );
    expect(() => new MessageLoop(bot, undefined, { inbox, repollMs: 500 })).toThrow(/repollMs/);
    expect(() => new MessageLoop(bot, undefined, { inbox: {} as FileInbox })).toThrow(
      /must be an Inbox.*no open\(\)/,
    );
    expect(() => new MessageLoop(bot, undefined, { inbox, maxInFlight: 50 })).not.toThrow();
  });
});
