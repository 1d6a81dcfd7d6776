import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Launched } from '@delegram-examples/launcher';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import type { RunningNewsletter } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'delegram-newsletter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let running: RunningNewsletter | undefined;
afterEach(() => running?.stop());

function start(db: string, readers: number): Promise<RunningNewsletter> {
  const env = { NEWSLETTER_DB: db, NEWSLETTER_DEMO_READERS: String(readers) };
  return main({ env, port: 0, signals: false, print: () => undefined });
}

async function say(r: RunningNewsletter, text: string): Promise<string> {
  const { user, chat } = r.launched;
  await user!.sendMessage(chat!, text);
  return (await chat!.nextBotMessage({ timeoutMs: 5_000 })).text ?? '';
}

/** How many times each simulated reader got an issue's text, in creation order. */
function copies(launched: Launched, text: string): number[] {
  const emu = launched.emulator!;
  return emu
    .users()
    .filter((u) => u.firstName.startsWith('Reader'))
    .map(
      (u) =>
        emu
          .privateChat(u, launched.account!)
          .history()
          .filter((m) => m.from?.is_bot === true && m.text === text).length,
    );
}

describe('the newsletter example', () => {
  it('subscribes and unsubscribes, and only lets the admin broadcast', async () => {
    running = await start(':memory:', 0);
    expect(await say(running, '/subscribe')).toBe('Subscribed. /unsubscribe to stop.');
    expect(await say(running, '/subscribe')).toBe('You are subscribed already.');
    expect(await say(running, '/unsubscribe')).toBe('Unsubscribed. /subscribe to come back.');
    expect(await say(running, '/broadcast')).toBe('Usage: /broadcast <text>');
    const emu = running.launched.emulator!;
    const bob = emu.createUser({ firstName: 'Bob' });
    const bobChat = emu.privateChat(bob, running.launched.account!);
    await bob.sendMessage(bobChat, '/broadcast spam');
    expect((await bobChat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe(
      'Only an admin can broadcast.',
    );
  });

  it('sends an issue to every subscriber once, shows the progress, and unsubscribes who blocked it', async () => {
    running = await start(':memory:', 60);
    const emu = running.launched.emulator!;
    const account = running.launched.account!;
    const readers = emu.users().filter((u) => u.firstName.startsWith('Reader'));
    for (const reader of readers.slice(0, 3)) reader.blockBot(account);

    expect(await say(running, '/broadcast Hello, readers')).toBe(
      'Issue #1: sending to 60 subscribers…',
    );
    const status = running.launched.chat!.history().at(-1)!;
    const report = await waitFor(() => running!.newsletter.idle());
    expect(report).toMatchObject({ sent: 57, blocked: 3, finished: true });
    expect(running.launched.chat!.message(status.message_id)?.text).toBe(
      'Issue #1 sent. 57 of 60 delivered, 3 blocked the bot (unsubscribed).',
    );
    expect(copies(running.launched, 'Hello, readers')).toEqual([0, 0, 0, ...Array(57).fill(1)]);
    expect(await running.newsletter.subscribers.list()).toHaveLength(57);
    // the admin talks to the bot while nothing is being sent: an answer at once
    expect(await say(running, '/start')).toMatch(/^This is the newsletter/);
  });

  it('resumes an issue after a restart, sending nobody it twice', async () => {
    const db = join(dir, 'newsletter.db');
    const first = await start(db, 150);
    running = first;
    await say(first, '/broadcast Issue one');
    const sentBefore = await new Promise<number>((resolve) => {
      const check = setInterval(() => {
        const n = copies(first.launched, 'Issue one').filter((c) => c === 1).length;
        if (n >= 30) {
          clearInterval(check);
          resolve(n);
        }
      }, 20);
    });
    await first.stop(); // mid-issue: the broadcast stops, its cursor stays in the file
    const firstCopies = copies(first.launched, 'Issue one');
    expect(firstCopies.filter((c) => c === 1).length).toBeGreaterThanOrEqual(sentBefore);
    expect(firstCopies.filter((c) => c === 1).length).toBeLessThan(150);

    // a new process: a fresh emulator with the same readers, the same file
    const second = await start(db, 150);
    running = second;
    const report = await waitFor(() => second.newsletter.idle());
    expect(report).toMatchObject({ finished: true, sent: 150, uncertain: 0 });
    const secondCopies = copies(second.launched, 'Issue one');
    expect(firstCopies.map((c, i) => c + secondCopies[i]!)).toEqual(Array(150).fill(1));
  });
});

/** Waits until `get` gives a report (the resumed issue starts a moment after main returns). */
async function waitFor<T>(get: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await get();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('nothing was resumed');
}
