import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from '@delegram/emulator';
import type { BotAccount, SimChat, SimUser } from '@delegram/emulator';
import { afterEach } from 'vitest';
import { Bot } from '../../src/Bot.js';
import type { ErrorInfo } from '../../src/BotEvents.js';

// What the inbox tests on the emulator share: an emulator with people in private chats with a
// bot, a journal file in a fresh directory, and waiting in real time (journals are on disk).

/** Cleanups registered by the helpers below, run after each test of the file, newest first. */
export type Cleanup = (cleanup: () => Promise<void> | void) => void;

/**
 * Registers an `afterEach` that runs the cleanups given during the test (call it at the top of
 * the test file).
 *
 * @returns the function that registers one cleanup
 */
export function useCleanups(): Cleanup {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return (cleanup) => void cleanups.push(cleanup);
}

/** A started emulator, its bot account, and one person per private chat with it. */
export interface InboxWorld {
  readonly emu: Emulator;
  readonly account: BotAccount;
  readonly users: SimUser[];
  readonly chats: SimChat[];
  readonly apiRoot: string;
}

/**
 * Starts an emulator (flood control off) with `chatCount` people, each in a private chat with
 * the bot `username`; stopped after the test.
 */
export async function inboxWorld(
  chatCount: number,
  username: string,
  cleanup: Cleanup,
): Promise<InboxWorld> {
  const emu = new Emulator({ floodControl: false });
  const { apiRoot } = await emu.start();
  cleanup(() => emu.stop());
  const account = emu.createBot({ username });
  const users = Array.from({ length: chatCount }, (_, i) => emu.createUser({ firstName: `U${i}` }));
  const chats = users.map((user) => emu.privateChat(user, account));
  return { emu, account, users, chats, apiRoot };
}

/** A bot on the world's emulator (flow control off) and the errors it reports. */
export function botOf(w: InboxWorld): { bot: Bot; errors: [unknown, ErrorInfo][] } {
  const bot = new Bot(w.account.token, { api: { apiRoot: w.apiRoot }, flowControl: false });
  const errors: [unknown, ErrorInfo][] = [];
  bot.on('error', (error, info) => errors.push([error, info]));
  return { bot, errors };
}

/** Every person sends the numbers `from`, `from + 1`, ... (`rounds` of them), `padding` after. */
export async function sendRounds(
  w: InboxWorld,
  rounds: number,
  from = 0,
  padding = '',
): Promise<void> {
  for (let seq = from; seq < from + rounds; seq++) {
    await Promise.all(
      w.users.map((user, i) => user.sendMessage(w.chats[i]!, String(seq) + padding)),
    );
  }
}

/** A journal path in a fresh temporary directory, removed after the test. */
export function journalPath(cleanup: Cleanup): string {
  const dir = mkdtempSync(join(tmpdir(), 'delegram-inbox-'));
  cleanup(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'bot.inbox');
}

/** Waits in real time (not in event-loop turns: the journal is on disk) until `done()` holds. */
export async function inRealTime(done: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
