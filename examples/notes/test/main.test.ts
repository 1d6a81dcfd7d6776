import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningBot } from '@delegram-examples/launcher';
import type { DelegatorBot } from 'delegram';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { main } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'delegram-notes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(env: Record<string, string>): Promise<RunningBot<DelegatorBot>> {
  return main({ env, port: 0, signals: false, print: () => undefined });
}

async function say(running: RunningBot<DelegatorBot>, text: string): Promise<string> {
  const { user, chat } = running.launched;
  await user!.sendMessage(chat!, text);
  return (await chat!.nextBotMessage({ timeoutMs: 5_000 })).text ?? '';
}

describe('the notes example', () => {
  it('keeps each chat’s notes across a restart of the bot (SQLite)', async () => {
    const env = { NOTES_DB: join(dir, 'notes.db') };
    const first = await start(env);
    expect(await say(first, 'buy milk')).toBe('Noted (1 open).');
    expect(await say(first, 'call mum')).toBe('Noted (2 open).');
    expect(await say(first, '/done 1')).toBe('Done: buy milk');
    await first.stop();
    expect(first.loop.stats.duplicates).toBe(0); // journaled in notes.db.inbox: none came twice
    expect(existsSync(join(dir, 'notes.db.inbox'))).toBe(true);

    const second = await start(env); // a new process would do the same: the file keeps the notes
    expect(await say(second, '/list')).toBe('1. call mum');
    expect(await say(second, 'water plants')).toBe('Noted (2 open).');
    expect(await say(second, '/done 9')).toBe('Which one? /done 1 to /done 2.');
    await second.stop();
  });

  it('does the same on Redis when REDIS_URL is set', async () => {
    // its own database number would be cleaner; a fresh server per run and unique chat ids suffice
    const env = { REDIS_URL: inject('redisUrl') };
    const first = await start(env);
    const tag = randomUUID().slice(0, 8);
    await say(first, '/list'); // whatever an earlier case of this run left
    expect(await say(first, `note ${tag}`)).toMatch(/^Noted \(\d+ open\)\.$/);
    await first.stop();
    const second = await start(env);
    expect(await say(second, '/list')).toContain(`note ${tag}`);
    await second.stop();
  });
});
