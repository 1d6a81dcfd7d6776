import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../src/Bot.js';
import type { ErrorInfo } from '../../src/BotEvents.js';
import { InboxWriteError } from '../../src/inbox/errors.js';
import { FileInbox } from '../../src/inbox/FileInbox.js';
import type { Incoming } from '../../src/Incoming.js';
import { WebhookServer } from '../../src/webhook/WebhookServer.js';
import {
  botOf,
  inboxWorld,
  inRealTime,
  journalPath,
  sendRounds,
  useCleanups,
} from '../support/inboxKit.js';
import type { InboxWorld } from '../support/inboxKit.js';
import { mountSmallDisk } from '../support/smallDisk.js';
import type { SmallDisk } from '../support/smallDisk.js';

// The webhook path with an inbox, against the emulator's webhook delivery (Telegram's rules:
// a chat's next update after the previous one was answered, retries on errors): 200 once the
// update is journaled, handled after; a restarted server handles what was left unfinished; a
// full disk answers 503 so that the update comes again.

const cleanup = useCleanups();

interface World extends InboxWorld {
  bot: Bot;
  errors: [unknown, ErrorInfo][];
}

async function world(chatCount: number): Promise<World> {
  const w = await inboxWorld(chatCount, 'hook_inbox_bot', cleanup);
  return { ...w, ...botOf(w) };
}

async function serve(w: World, inbox: FileInbox, handler: (msg: unknown, i: Incoming) => unknown) {
  cleanup(() => inbox.close()); // after the server stopped (the file handle)
  const server = new WebhookServer(w.bot, { inbox, handler });
  const { url } = await server.start();
  cleanup(() => server.stop());
  await w.bot.api.call('setWebhook', { url });
  return server;
}

const textOf = (msg: unknown): string => (msg as { text: string }).text.split(' ')[0]!;
const chatIdOf = (msg: unknown): number => (msg as { chat: { id: number } }).chat.id;

describe('webhook with an inbox, on the emulator', () => {
  it('answers once journaled, handles every update once in per-chat order, leaves nothing behind', async () => {
    const w = await world(50);
    const inbox = new FileInbox(journalPath(cleanup));
    const seen = new Map<number, string[]>();
    await serve(w, inbox, async (msg) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const list = seen.get(chatIdOf(msg)) ?? [];
      list.push(textOf(msg));
      seen.set(chatIdOf(msg), list);
    });
    await sendRounds(w, 4);
    await inRealTime(
      () => [...seen.values()].reduce((n, l) => n + l.length, 0) === 200,
      '200 updates',
    );
    await w.emu.waitForIdle({ timeoutMs: 10_000 });
    expect([...seen.values()].every((l) => l.join() === '0,1,2,3')).toBe(true);
    expect(inbox.stats).toMatchObject({ appended: 200, done: 200 });
    expect(w.errors).toEqual([]);
    await inbox.close();
    const check = new FileInbox(inbox.path);
    expect((await check.open()).unfinished).toEqual([]);
    await check.close();
  }, 30_000);

  it('a restarted server handles exactly what the previous one left unfinished', async () => {
    const w = await world(10);
    const path = journalPath(cleanup);
    const first = await serve(w, new FileInbox(path), (msg) =>
      textOf(msg) === '1' ? new Promise(() => {}) : undefined,
    );
    await sendRounds(w, 2);
    await w.emu.waitForIdle({ timeoutMs: 10_000 }); // every update answered 200: journaled
    await first.stop(); // and the process dies: no close of the inbox
    const again: string[] = [];
    await serve(w, new FileInbox(path), (msg) => void again.push(textOf(msg)));
    await inRealTime(() => again.length === 10, 'the ten unfinished updates');
    expect(again).toEqual(Array(10).fill('1'));
  }, 30_000);

  it('answers 503 while the journal cannot be written, and handles the update once it can', async () => {
    let disk: SmallDisk | undefined = mountSmallDisk(256 * 1024);
    cleanup(() => disk?.unmount());
    const w = await world(5);
    const handled: string[] = [];
    const inbox = new FileInbox(join(disk.dir, 'bot.inbox'));
    await serve(w, inbox, (msg) => void handled.push(textOf(msg)));
    disk.fill(0);
    await sendRounds(w, 1, 0, ' ' + 'x'.repeat(5000));
    await inRealTime(() => w.errors.length >= 5, 'five refused deliveries');
    expect(handled).toEqual([]);
    expect(w.errors[0]![0]).toBeInstanceOf(InboxWriteError);
    expect(w.errors[0]![1]).toMatchObject({ source: 'inbox', outcome: 'retry' });
    expect(w.account.updates.pendingCount).toBe(5); // Telegram keeps them and retries
    disk.free();
    await inRealTime(() => handled.length === 5, 'the five updates, after the retry');
    expect(handled).toEqual(Array(5).fill('0'));
    await inbox.close();
    disk.unmount();
    disk = undefined;
  }, 30_000);
});
