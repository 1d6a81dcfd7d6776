// The crash test of durable state (issue 13): a counter bot over 500 chats and 10,000 messages
// through the emulator, killed with SIGKILL three times at random points and restarted, on SQLite
// and on Redis; then the same with the Redis server killed and restarted instead. At the end every
// chat's stored count must equal the messages sent to it, in order, none lost, none twice.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RedisStore } from '@delegram/redis';
import { SqliteStore } from '@delegram/sqlite';
import { Emulator } from '@delegram/emulator';
import type { SimChat, SimUser } from '@delegram/emulator';
import { decodeEnvelope } from 'delegram';
import type { StateStore } from 'delegram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrashCount } from '../src/CrashCounter.js';
import { RedisServer } from '../../redis/test/redisServer.js';
import { BotProcess } from './processes.js';

const CHATS = 500;
const PER_CHAT = 20;
const KILLS = 3;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = fileURLToPath(new URL('../dist/crashBot.js', import.meta.url));
const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000);

/** A small seeded random generator (mulberry32), so a failing run can be replayed. */
function random(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prints a figure of the run (the crash test's report). */
const report = (line: string): void => void process.stdout.write(`${line}\n`);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(() => {
  // The bot runs as its own process, from JavaScript: build it (incremental when built before).
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-b', 'packages/crash'], { cwd: root });
  process.stdout.write(`crash test seed ${seed} (replay with CRASH_SEED=${seed})\n`);
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface World {
  emu: Emulator;
  token: string;
  apiRoot: string;
  users: SimUser[];
  chats: SimChat[];
}

async function world(): Promise<World> {
  const emu = new Emulator({ floodControl: false });
  const { apiRoot } = await emu.start();
  cleanups.push(() => emu.stop());
  const account = emu.createBot({ username: 'crash_bot' });
  const users = Array.from({ length: CHATS }, (_, i) => emu.createUser({ firstName: `U${i}` }));
  const chats = users.map((user) => emu.privateChat(user, account));
  return { emu, token: account.token, apiRoot, users, chats };
}

/**
 * Sends every chat its messages 0..PER_CHAT-1 in rounds, calling `chaos` at the chosen rounds.
 */
async function stream(w: World, chaosRounds: Set<number>, chaos: () => Promise<void>) {
  for (let round = 0; round < PER_CHAT; round++) {
    await Promise.all(w.users.map((user, i) => user.sendMessage(w.chats[i]!, String(round))));
    await pause(25);
    if (chaosRounds.has(round)) await chaos();
  }
}

function pickRounds(rand: () => number): Set<number> {
  const rounds = new Set<number>();
  while (rounds.size < KILLS) rounds.add(1 + Math.floor(rand() * (PER_CHAT - 2)));
  return rounds;
}

async function verify(store: StateStore, w: World): Promise<void> {
  let wrong = 0;
  const samples: string[] = [];
  for (const chat of w.chats) {
    const key = `state:CrashCounter:${chat.id}`;
    const entry = await store.get(key);
    const state =
      entry === undefined ? undefined : (decodeEnvelope(key, entry.value).data as CrashCount);
    if (state?.count !== PER_CHAT || state.last !== PER_CHAT - 1 || state.disorder !== 0) {
      wrong += 1;
      if (samples.length < 5) samples.push(`${chat.id}: ${JSON.stringify(state)}`);
    }
  }
  expect(samples, `${wrong} chats wrong`).toEqual([]);
}

function total(runs: BotProcess[], field: string): number {
  return runs.reduce((sum, run) => sum + Number(run.last?.[field] ?? 0), 0);
}

async function crashRun(
  store: 'sqlite' | 'redis',
  env: Record<string, string>,
  open: () => StateStore,
) {
  const w = await world();
  const rand = random(seed + (store === 'sqlite' ? 1 : 2));
  const runs: BotProcess[] = [];
  const startBot = async () => {
    const bot = new BotProcess(script, {
      STORE: store,
      API_ROOT: w.apiRoot,
      BOT_TOKEN: w.token,
      ...env,
    });
    cleanups.push(() => void bot.child.kill('SIGKILL'));
    runs.push(bot);
    await bot.ready;
  };
  await startBot();
  await stream(w, pickRounds(rand), async () => {
    await pause(Math.floor(rand() * 150)); // a random point while it works
    await runs.at(-1)!.kill();
    await startBot();
  });
  await w.emu.waitForIdle({ timeoutMs: 120_000, graceMs: 300 });
  await runs.at(-1)!.stop();
  const reader = open();
  await verify(reader, w);
  await reader.close();
  const skipped = total(runs, 'skipped');
  report(
    `${store}: ${CHATS * PER_CHAT} messages, ${runs.length - 1} SIGKILLs, ${skipped} redeliveries skipped, ` +
      `${total(runs, 'saves')} saves (as last reported by each run)`,
  );
  expect(runs).toHaveLength(KILLS + 1);
  return runs;
}

describe('durable state survives SIGKILL, exactly once', () => {
  it('on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delegram-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'state.db');
    await crashRun('sqlite', { STORE_PATH: path }, () => new SqliteStore({ path }));
  }, 180_000);

  it('on SQLite, with the loop journaling updates in a FileInbox (confirmed at once, replayed after each kill)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delegram-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'state.db');
    const runs = await crashRun(
      'sqlite',
      { STORE_PATH: path, INBOX_PATH: join(dir, 'bot.inbox') },
      () => new SqliteStore({ path }),
    );
    // Nothing came twice over the network; what each kill left unfinished came from the journal.
    const loopStat = (field: string): number =>
      runs.reduce((n, run) => n + Number((run.last?.['loop'] as Record<string, number>)[field]), 0);
    expect(loopStat('duplicates')).toBe(0);
    report(`inbox: ${loopStat('replayed')} updates replayed from the journal after the kills`);
  }, 180_000);

  it('on Redis', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    await crashRun('redis', { REDIS_URL: redis.url }, () => new RedisStore({ url: redis.url }));
  }, 180_000);

  it('on Redis, with the Redis server killed and restarted mid-stream (AOF, appendfsync always)', async () => {
    const redis = await RedisServer.start({ aof: true });
    cleanups.push(() => redis.stop());
    const w = await world();
    const rand = random(seed + 3);
    const bot = new BotProcess(script, {
      STORE: 'redis',
      REDIS_URL: redis.url,
      API_ROOT: w.apiRoot,
      BOT_TOKEN: w.token,
    });
    cleanups.push(() => void bot.child.kill('SIGKILL'));
    await bot.ready;
    await stream(w, pickRounds(rand), async () => {
      await pause(Math.floor(rand() * 150));
      await redis.kill();
      await pause(200 + Math.floor(rand() * 300)); // down for a while: the bot retries
      await redis.restart();
    });
    await w.emu.waitForIdle({ timeoutMs: 120_000, graceMs: 300 });
    await bot.stop();
    const reader = new RedisStore({ url: redis.url });
    await verify(reader, w);
    await reader.close();
    const errors = Number(bot.last?.['storeErrors'] ?? 0);
    report(
      `redis killed ${KILLS} times: ${CHATS * PER_CHAT} messages, ${errors} store errors retried, ` +
        `${String(bot.last?.['skipped'])} redeliveries skipped`,
    );
    expect(errors).toBeGreaterThan(0);
  }, 180_000);
});
