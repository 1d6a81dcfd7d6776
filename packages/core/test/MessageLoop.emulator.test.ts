import { ManualClock, sleep } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import type { SimChat } from '@delegram/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from '../src/Bot.js';
import type { ErrorInfo } from '../src/BotEvents.js';
import { StopTimeoutError } from '../src/errors.js';
import { MessageLoop } from '../src/MessageLoop.js';
import { chatOf, pumpUntil } from './support/loopKit.js';

// The delivery guarantee, end to end against @delegram/emulator over real HTTP. The bot's time is
// a ManualClock pumped by the test; the emulator injects the faults.

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

async function world(chatCount: number): Promise<{
  emu: Emulator;
  chats: SimChat[];
  users: ReturnType<Emulator['createUser']>[];
  bot: Bot;
  clock: ManualClock;
  errors: [unknown, ErrorInfo][];
}> {
  emu = new Emulator({ floodControl: false });
  const { apiRoot } = await emu.start();
  const account = emu.createBot({ username: 'proof_bot' });
  const users = Array.from({ length: chatCount }, (_, i) =>
    emu!.createUser({ firstName: `U${i}` }),
  );
  const chats = users.map((user) => emu!.privateChat(user, account));
  const clock = new ManualClock(Date.now());
  const bot = new Bot(account.token, { clock, api: { apiRoot } });
  const errors: [unknown, ErrorInfo][] = [];
  bot.on('error', (error, info) => errors.push([error, info]));
  return { emu, chats, users, bot, clock, errors };
}

describe('MessageLoop on the emulator', () => {
  it('handles 10,000 updates from 500 chats once each, in per-chat order, through drops, 502s and 429s', async () => {
    const { emu, chats, users, bot, clock, errors } = await world(500);
    const PER_CHAT = 20;
    for (let seq = 0; seq < PER_CHAT; seq++) {
      await Promise.all(users.map((user, i) => user.sendMessage(chats[i]!, String(seq))));
    }
    const handled = new Map<number, number>();
    const lastSeq = new Map<number, number>();
    let outOfOrder = 0;
    const loop = new MessageLoop(
      bot,
      async (msg, incoming) => {
        const chat = chatOf(incoming)!;
        const seq = Number((msg as { text: string }).text);
        if ((lastSeq.get(chat) ?? -1) !== seq - 1) outOfOrder += 1;
        lastSeq.set(chat, seq);
        await sleep(clock, (incoming.update!.update_id * 7919) % 300);
        const id = incoming.update!.update_id;
        handled.set(id, (handled.get(id) ?? 0) + 1);
      },
      { timeout: 0, sequentialize: chatOf, backoff: { initialMs: 50, maxMs: 2000 } },
    );
    const run = loop.run();
    const is502 = (e: unknown): boolean =>
      (e as { status?: unknown }).status === 502 ||
      (e as { errorCode?: unknown }).errorCode === 502;
    const faults = [
      {
        fault: { kind: 'drop', rate: 0.1 },
        seen: (e: unknown) => (e as Error).name === 'HttpError',
      },
      { fault: { kind: 502, rate: 0.1 }, seen: is502 },
      {
        fault: { kind: 429, rate: 0.05, retryAfter: 1 },
        seen: (e: unknown) => (e as Error).name === 'TooManyRequestsError',
      },
    ] as const;
    // Each phase lasts until its share of updates is handled and its fault has happened (the
    // loop keeps polling once everything is handled, so every phase ends).
    for (const [i, { fault, seen }] of faults.entries()) {
      const before = errors.length;
      emu.faults.set('getUpdates', fault);
      await pumpUntil(
        clock,
        () =>
          handled.size >= ((i + 1) * 10_000) / 4 &&
          errors.slice(before).some(([e, info]) => info.outcome === 'retry' && seen(e)),
      );
    }
    emu.faults.clear();
    await pumpUntil(clock, () => handled.size === 10_000);
    const stopped = loop.stop();
    await pumpUntil(clock, () => !loop.running);
    await stopped;
    await run;

    expect([...handled.values()].every((n) => n === 1)).toBe(true);
    expect(outOfOrder).toBe(0);
    const retried = errors.filter(([, info]) => info.outcome === 'retry');
    expect(retried.length).toBe(loop.stats.retries);
    expect(loop.stats.retries).toBeGreaterThan(3);
    const names = new Set(retried.map(([e]) => (e as Error).name));
    expect(names.has('HttpError')).toBe(true); // dropped connections
    expect(names.has('TooManyRequestsError')).toBe(true);
    expect(retried.some(([e]) => is502(e))).toBe(true);
    if (process.env['DELEGRAM_PROOF_LOG'] === '1') {
      process.stdout.write(`emulator 10k: ${JSON.stringify(loop.stats)} ${[...names].join(',')}\n`);
    }
    // Everything was confirmed: a fresh poll finds nothing.
    expect(await bot.api.call('getUpdates', { timeout: 0 })).toEqual([]);
  }, 120_000);

  it('after a stop, a new loop gets the unfinished updates again and skips none', async () => {
    const { chats, users, bot, clock, errors } = await world(10);
    for (let seq = 0; seq < 30; seq++) {
      await Promise.all(users.map((user, i) => user.sendMessage(chats[i]!, String(seq))));
    }
    const first = new Set<number>();
    const loopA = new MessageLoop(
      bot,
      async (_msg, incoming) => {
        const id = incoming.update!.update_id;
        await sleep(clock, id % 40 === 0 ? 3_600_000 : 5);
        first.add(id);
      },
      { timeout: 0, concurrency: 50, stopTimeoutMs: 500 },
    );
    const runA = loopA.run();
    await pumpUntil(clock, () => first.size >= 100);
    const stopped = loopA.stop();
    await pumpUntil(clock, () => !loopA.running);
    await stopped;
    await runA;
    const unfinished = (errors.find(([e]) => e instanceof StopTimeoutError)![0] as StopTimeoutError)
      .unfinishedUpdateIds;

    const second = new Map<number, number>();
    const loopB = new MessageLoop(
      bot,
      (_m, incoming) => {
        const id = incoming.update!.update_id;
        second.set(id, (second.get(id) ?? 0) + 1);
      },
      { timeout: 0 },
    );
    const runB = loopB.run();
    await pumpUntil(
      clock,
      () => first.size + [...second.keys()].filter((id) => !first.has(id)).length >= 300,
    );
    const stoppedB = loopB.stop();
    await pumpUntil(clock, () => !loopB.running);
    await stoppedB;
    await runB;

    const union = new Set([...first, ...second.keys()]);
    expect(union.size).toBe(300); // none skipped
    expect(unfinished.every((id) => second.has(id))).toBe(true);
    const duplicates = [...second.keys()].filter((id) => first.has(id));
    expect(duplicates.every((id) => id > unfinished[0]!)).toBe(true); // only from the stop's window
    expect(duplicates.length).toBeLessThanOrEqual(100);
    if (process.env['DELEGRAM_PROOF_LOG'] === '1') {
      process.stdout.write(
        `emulator restart: unfinished=${unfinished.length} duplicates=${duplicates.length}\n`,
      );
    }
  }, 60_000);
});
