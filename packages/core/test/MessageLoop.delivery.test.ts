import { ManualClock, sleep } from '@delegram/api';
import createDebug from 'debug';
import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from '../src/Bot.js';
import type { ErrorInfo } from '../src/BotEvents.js';
import { StopTimeoutError } from '../src/errors.js';
import { MessageLoop } from '../src/MessageLoop.js';
import { LoopbackTelegram } from './support/LoopbackTelegram.js';
import { chatOf, pumpUntil } from './support/loopKit.js';

// Proofs of the delivery guarantee over real HTTP (loopback) with the real Api client. Time is a
// ManualClock that the test pumps while the network does its work.

const TOKEN = '123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

interface Rig {
  server: LoopbackTelegram;
  clock: ManualClock;
  bot: Bot;
  errors: [unknown, ErrorInfo][];
}

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.server.stop();
  rig = undefined;
});

async function setup(): Promise<Rig> {
  const server = new LoopbackTelegram(TOKEN);
  const apiRoot = await server.start();
  const clock = new ManualClock(1_700_000_000_000);
  const bot = new Bot(TOKEN, { clock, api: { apiRoot } });
  const errors: [unknown, ErrorInfo][] = [];
  bot.on('error', (error, info) => errors.push([error, info]));
  rig = { server, clock, bot, errors };
  return rig;
}

const chatMessage = (chatId: number, seq: number): Record<string, unknown> => ({
  message: {
    message_id: seq + 1,
    date: 1_700_000_000,
    chat: { id: chatId, type: 'private', first_name: `u${chatId}` },
    text: String(seq),
  },
});

describe('MessageLoop delivery (loopback HTTP)', () => {
  it('handles 10,000 updates over 500 chats exactly once, in per-chat order, through drops, 502s and 429s', async () => {
    const { server, clock, bot, errors } = await setup();
    const CHATS = 500;
    const PER_CHAT = 20;
    for (let seq = 0; seq < PER_CHAT; seq++) {
      for (let chat = 1; chat <= CHATS; chat++) server.push(chatMessage(chat, seq));
    }
    // rates high enough that each kind occurs several times in the ~120 polls the run takes
    server.faults = { drop: 0.08, badGateway: 0.08, tooMany: 0.08 };
    const handled = new Map<number, number>();
    const lastSeq = new Map<number, number>();
    let outOfOrder = 0;
    let maxConcurrent = 0;
    let running = 0;
    const loop = new MessageLoop(
      bot,
      async (msg, incoming) => {
        const chat = chatOf(incoming)!;
        const seq = Number((msg as { text: string }).text);
        if ((lastSeq.get(chat) ?? -1) !== seq - 1) outOfOrder += 1;
        lastSeq.set(chat, seq);
        running += 1;
        maxConcurrent = Math.max(maxConcurrent, running);
        await sleep(clock, (incoming.update!.update_id * 7919) % 400);
        running -= 1;
        const id = incoming.update!.update_id;
        handled.set(id, (handled.get(id) ?? 0) + 1);
      },
      { timeout: 0, sequentialize: chatOf, backoff: { initialMs: 50, maxMs: 2000 } },
    );
    const started = clock.now();
    const run = loop.run();
    await pumpUntil(clock, () => handled.size === CHATS * PER_CHAT);
    const simulatedMs = clock.now() - started;
    const faultsDuringRun = { ...server.counts };
    server.faults = {}; // the final confirmation is not what is being proven here
    const stopped = loop.stop();
    await pumpUntil(clock, () => !loop.running);
    await stopped;
    await run;

    if (process.env['DELEGRAM_PROOF_LOG'] === '1') {
      process.stdout.write(
        `10k proof: ${JSON.stringify({ stats: loop.stats, server: server.counts, maxConcurrent, simulatedMs })}\n`,
      );
    }
    expect(handled.size).toBe(10_000);
    expect([...handled.values()].every((n) => n === 1)).toBe(true); // no duplicates
    expect(outOfOrder).toBe(0);
    expect(maxConcurrent).toBeGreaterThan(1);
    expect(server.confirmed).toBe(10_001);
    expect(server.pending).toBe(0);
    // Every fault was seen, retried and reported.
    expect(faultsDuringRun.drops).toBeGreaterThan(0);
    expect(faultsDuringRun.badGateway).toBeGreaterThan(0);
    expect(faultsDuringRun.tooMany).toBeGreaterThan(0);
    const faults = faultsDuringRun.drops + faultsDuringRun.badGateway + faultsDuringRun.tooMany;
    // Each fault is retried, except that the one poll in flight when stop() begins may fail and
    // then have its back-off cut short by the stop (the loop polls one request at a time).
    expect(loop.stats.retries).toBeLessThanOrEqual(faults);
    expect(loop.stats.retries).toBeGreaterThanOrEqual(faults - 1);
    expect(errors.filter(([, info]) => info.outcome === 'retry')).toHaveLength(faults);
    expect(errors.every(([, info]) => info.source === 'loop')).toBe(true);
  }, 60_000);

  it('redelivers after a stop only what was in flight, and skips nothing', async () => {
    const { server, clock, bot, errors } = await setup();
    const ids = Array.from(
      { length: 300 },
      (_, i) => server.push(chatMessage(1 + (i % 30), i))[0]!,
    );
    const first = new Map<number, number>();
    // The first instance is slow on every 50th update and stops while those are still running.
    const loopA = new MessageLoop(
      bot,
      async (_msg, incoming) => {
        const id = incoming.update!.update_id;
        await sleep(clock, id % 50 === 0 ? 3_600_000 : 10);
        first.set(id, (first.get(id) ?? 0) + 1);
      },
      { timeout: 0, concurrency: 100, stopTimeoutMs: 1000 },
    );
    const runA = loopA.run();
    await pumpUntil(clock, () => first.size >= 120);
    const stopped = loopA.stop();
    await pumpUntil(clock, () => !loopA.running);
    await stopped;
    await runA;
    const timeout = errors.find(([e]) => e instanceof StopTimeoutError)?.[0] as StopTimeoutError;
    expect(timeout).toBeInstanceOf(StopTimeoutError);
    const unfinished = timeout.unfinishedUpdateIds;
    expect(unfinished.length).toBeGreaterThan(0);
    const confirmedAtStop = server.confirmed;
    expect(confirmedAtStop).toBe(unfinished[0]); // the oldest unfinished one is not confirmed

    // A new instance (new bot, new loop) picks up from there.
    const bot2 = new Bot(TOKEN, { clock, api: { apiRoot: await rigRoot() } });
    const second = new Map<number, number>();
    const loopB = new MessageLoop(
      bot2,
      (_m, incoming) => {
        const id = incoming.update!.update_id;
        second.set(id, (second.get(id) ?? 0) + 1);
      },
      { timeout: 0 },
    );
    const runB = loopB.run();
    await pumpUntil(clock, () => second.has(ids[ids.length - 1]!));
    const stoppedB = loopB.stop();
    await pumpUntil(clock, () => !loopB.running);
    await stoppedB;
    await runB;

    if (process.env['DELEGRAM_PROOF_LOG'] === '1') {
      const dups = [...second.keys()].filter((id) => first.has(id)).length;
      process.stdout.write(
        `restart proof: unfinished=${unfinished.length} duplicates=${dups} confirmedAtStop=${confirmedAtStop}\n`,
      );
    }
    const all = new Set([...first.keys(), ...second.keys()]);
    expect(ids.every((id) => all.has(id) || unfinished.includes(id))).toBe(true);
    expect(unfinished.every((id) => second.has(id))).toBe(true); // unfinished: delivered again
    const duplicates = [...second.keys()].filter((id) => first.has(id));
    // Only updates in the window at the stop (at or after the oldest unfinished) repeat.
    expect(duplicates.every((id) => id >= confirmedAtStop)).toBe(true);
    expect(duplicates.length).toBeLessThanOrEqual(100);
    expect([...second.keys()].every((id) => id >= confirmedAtStop)).toBe(true); // nothing older
    expect([...second.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);

  it('survives malformed and unknown updates over HTTP without stalling the offset', async () => {
    const { server, clock, bot, errors } = await setup();
    const unhandled: string[] = [];
    bot.on('unhandled', (incoming) => unhandled.push(incoming.kind));
    const seen: string[] = [];
    server.push({ hologram: { id: 1 } });
    server.push({});
    server.push({ message: 'not an object' });
    server.pushRaw({ message: { text: 'no update_id' } });
    server.pushRaw(null);
    server.push({ message: { message_id: 1, date: 0, text: 'no chat' } });
    server.push(chatMessage(7, 0));
    const loop = new MessageLoop(
      bot,
      {
        chat: (msg) => {
          seen.push(msg.chat.id.toString());
        },
      },
      { timeout: 0 },
    );
    const run = loop.run();
    await pumpUntil(clock, () => seen.length === 1);
    const stopped = loop.stop();
    await pumpUntil(clock, () => !loop.running);
    await stopped;
    await run;
    expect(seen).toEqual(['7']);
    expect(unhandled).toEqual(['hologram', '']);
    expect(server.confirmed).toBe(6); // five ids given out, all confirmed
    const sources = errors.map(([e, info]) => `${info.source}:${(e as Error).name}`);
    expect(sources).toEqual([
      'loop:MalformedUpdateError', // message: 'not an object'
      'loop:MalformedUpdateError', // no update_id
      'loop:MalformedUpdateError', // null
      'handler:TypeError', // a message without chat reaches the handler, which fails
    ]);
  }, 30_000);

  it('never lets the token into an emitted error or a debug line', async () => {
    const { server, clock, bot, errors } = await setup();
    const lines: string[] = [];
    const previousLog = createDebug.log;
    createDebug.enable('delegram:*');
    createDebug.log = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    try {
      server.faults = { drop: 0.3, badGateway: 0.3, tooMany: 0.2 };
      server.push(chatMessage(1, 0));
      const loop = new MessageLoop(
        bot,
        () => {
          throw new Error('handler failed');
        },
        { timeout: 0, backoff: { initialMs: 10, maxMs: 50 } },
      );
      const run = loop.run();
      await pumpUntil(clock, () => loop.stats.finished === 1 && loop.stats.retries >= 5);
      const stopped = loop.stop();
      await pumpUntil(clock, () => !loop.running);
      await stopped;
      await run;
      // A wrong token: 401 stops the loop with InvalidTokenError.
      const wrong = new Bot('999:WRONGtokenWRONGtokenWRONG', {
        clock,
        api: { apiRoot: await rigRoot() },
      });
      wrong.on('error', (error, info) => errors.push([error, info]));
      const failing = new MessageLoop(wrong, () => undefined, { timeout: 0 }).run();
      const rejection = failing.catch((error: unknown) => error);
      await pumpUntil(clock, () => errors.some(([, info]) => info.outcome === 'stop'));
      expect(((await rejection) as Error).name).toBe('InvalidTokenError');
    } finally {
      createDebug.log = previousLog;
      createDebug.disable();
    }
    expect(errors.length).toBeGreaterThan(5);
    const secretParts = [TOKEN, TOKEN.split(':')[1]!, 'WRONGtokenWRONGtokenWRONG'];
    for (const [error, info] of errors) {
      const text =
        describeDeep(error) +
        JSON.stringify(info, (_k, v: unknown) => (v instanceof Error ? describeDeep(v) : v));
      for (const secret of secretParts) expect(text).not.toContain(secret);
    }
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) for (const secret of secretParts) expect(line).not.toContain(secret);
  }, 30_000);
});

async function rigRoot(): Promise<string> {
  // The server of the current rig, reached through the bot's API root the rig was built with.
  return Promise.resolve(`http://127.0.0.1:${portOf(rig!.server)}`);
}

function portOf(server: LoopbackTelegram): number {
  return (server as unknown as { server: { address(): { port: number } } }).server.address().port;
}

function describeDeep(error: unknown, depth = 0): string {
  if (depth > 5 || error === null || error === undefined) return '';
  if (!(error instanceof Error)) return JSON.stringify(error) ?? 'undefined';
  const own = Object.entries(error).map(
    ([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
  );
  return [
    error.name,
    error.message,
    error.stack ?? '',
    ...own,
    describeDeep(error.cause, depth + 1),
  ].join('\n');
}
