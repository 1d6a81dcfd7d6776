import { OptionsError } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import type { SimChat } from '@delegram/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from '../../src/Bot.js';
import { broadcast } from '../../src/broadcast/broadcast.js';
import { BroadcastConflictError } from '../../src/broadcast/BroadcastConflictError.js';
import { broadcastOutcomes } from '../../src/broadcast/broadcastOutcomes.js';
import type { BroadcastProgress } from '../../src/broadcast/BroadcastReport.js';
import { MemoryStore } from '../../src/state/MemoryStore.js';
import type { StateStore } from '../../src/state/StateStore.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** Telegram's limits ten times faster, on the emulator and in the bot's flow control alike. */
const FAST = { botPerSecond: 300, privatePerSecond: 10, privateBurst: 3, groupPerMinute: 200 };

async function world(people: number) {
  const emu = new Emulator({ floodControl: { scale: 10 } });
  await emu.start();
  stops.push(() => emu.stop());
  const account = emu.createBot({ username: 'news_bot' });
  const users = Array.from({ length: people }, (_, i) => emu.createUser({ firstName: `R${i}` }));
  const chats: SimChat[] = users.map((user) => emu.privateChat(user, account));
  const makeBot = (store: StateStore = new MemoryStore()) =>
    new Bot(account.token, { api: { apiRoot: emu.apiRoot }, flowControl: FAST, store });
  const received = (chat: SimChat) => chat.history().filter((m) => m.from?.is_bot === true).length;
  return { emu, account, users, chats, makeBot, received };
}

describe('broadcast on the emulator, flood control on', () => {
  it('sends once to every chat at the bot-wide rate, records who blocked it or is gone, and trips no limit', async () => {
    const { emu, account, users, chats, makeBot, received } = await world(400);
    for (const user of users.slice(0, 5)) user.blockBot(account);
    const bot = makeBot();
    const ids = [...chats.map((c) => c.id), 987_654_321, 987_654_322];
    const progress: BroadcastProgress[] = [];
    const run = broadcast(bot, {
      id: 'news-1',
      chats: ids,
      message: (id) => ({ text: `Hello ${id}`, disable_notification: true }),
      progressIntervalMs: 200,
    });
    run.on('progress', (p) => progress.push(p));
    const report = await run.done;

    expect(report).toMatchObject({
      sent: 395,
      blocked: 5,
      notFound: 2,
      failed: 0,
      uncertain: 0,
      done: 402,
      finished: true,
      stopped: false,
    });
    expect(emu.flood.refused).toBe(0);
    expect(bot.flow!.stats().rateLimited).toBe(0);
    for (const chat of chats.slice(5)) expect(received(chat)).toBe(1);
    expect(chats[7]!.history().at(-1)?.text).toBe(`Hello ${chats[7]!.id}`);
    // at most 300 messages per second (a little less: the flow control's safety margin)
    expect(report.elapsedMs).toBeGreaterThanOrEqual((395 / 300) * 1000 * 0.95);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.map((p) => p.done)).toEqual(
      [...progress.map((p) => p.done)].sort((a, b) => a - b),
    );

    const failed = [];
    for await (const o of broadcastOutcomes(bot.store, 'news-1')) failed.push(o);
    expect(failed.map((o) => o.outcome).sort()).toEqual([
      'blocked',
      'blocked',
      'blocked',
      'blocked',
      'blocked',
      'not_found',
      'not_found',
    ]);
    expect(failed.find((o) => o.chatId === 987_654_321)?.reason).toMatch(/chat not found/);

    // run again: finished, nothing sent twice
    const again = await broadcast(bot, { id: 'news-1', chats: ids, message: 'x' }).done;
    expect(again).toMatchObject({ finished: true, sent: 395 });
    for (const chat of chats.slice(5)) expect(received(chat)).toBe(1);
  });

  it('answers people talking to the bot before the bulk sends', async () => {
    const { chats, makeBot, received } = await world(600);
    const bot = makeBot();
    const fc = bot.flow!;
    const reader = chats[0]!;
    let bulkSent = 0;
    let bulkSentAtReply = -1;
    fc.on('sent', (e) => {
      if (e.priority === 'bulk') bulkSent += 1;
      else bulkSentAtReply = bulkSent;
    });
    const run = broadcast(bot, {
      id: 'news-2',
      chats: chats.slice(1).map((c) => c.id),
      message: 'News',
    });
    // once bulk calls wait for the bot-wide rate, a reply is made
    const reply = await new Promise<{
      at: number;
      inFlight: number;
      queued: number;
      done: Promise<unknown>;
    }>((resolve) => {
      const off = fc.on('delayed', (e) => {
        if (e.priority !== 'bulk' || bulkSent < 300) return;
        off();
        const { inFlight, queued } = fc.stats();
        resolve({
          at: bulkSent,
          inFlight,
          queued,
          done: bot.api.sendMessage(reader.id, 'your answer'),
        });
      });
    });
    await reply.done;
    expect(reply.queued).toBeGreaterThan(10);
    // it took the next free slot: only bulk calls already on their way were answered before it,
    // none of those waiting in the queue
    expect(bulkSentAtReply - reply.at).toBeLessThanOrEqual(reply.inFlight + 1);
    expect(await run.done).toMatchObject({ sent: 599, finished: true });
    expect(received(reader)).toBe(1);
  });

  it('stops, keeping queued messages unsent, and resumes where it stopped', async () => {
    const { chats, makeBot, received } = await world(500);
    const store = new MemoryStore();
    const ids = chats.map((c) => c.id);
    const first = broadcast(makeBot(store), { id: 'news-3', chats: ids, message: 'Part 1' });
    await new Promise<void>((resolve) =>
      first.on('progress', (p) => {
        if (p.done >= 100) resolve();
      }),
    );
    const stopped = await first.stop();
    expect(stopped).toMatchObject({ stopped: true, finished: false });
    expect(stopped.done).toBeLessThan(500);
    const delivered = chats.filter((c) => received(c) === 1).length;
    expect(delivered).toBe(stopped.sent);

    // another process (another bot on the same store) resumes it
    const second = await broadcast(makeBot(store), { id: 'news-3', chats: ids, message: 'Part 1' })
      .done;
    expect(second).toMatchObject({ finished: true, sent: 500, uncertain: 0 });
    for (const chat of chats) expect(received(chat)).toBe(1);
  });

  it('reports the chats a crash left uncertain, and sends them again only when asked', async () => {
    const { chats, makeBot, received } = await world(200);
    const store = new MemoryStore();
    const ids = chats.map((c) => c.id);
    // a crash: the store stops taking writes while messages are on their way
    const crashing = new CrashingStore(store, 60);
    const first = broadcast(makeBot(crashing), { id: 'news-4', chats: ids, message: 'Hi' });
    await expect(first.done).rejects.toThrow('store gone');
    const before = chats.map(received);
    expect(Math.max(...before)).toBe(1);

    const second = await broadcast(makeBot(store), { id: 'news-4', chats: ids, message: 'Hi' })
      .done;
    expect(second.finished).toBe(true);
    // nobody got it twice; whoever did not get it is accounted for as uncertain
    const after = chats.map(received);
    expect(Math.max(...after)).toBe(1);
    const missing = after.filter((n) => n === 0).length;
    expect(second.uncertain).toBeGreaterThanOrEqual(missing);
    expect(second.sent + second.uncertain).toBe(200);

    // with resendUncertain, a fresh broadcast over the same cursor would send those again
    const third = new MemoryStore();
    const crashing2 = new CrashingStore(third, 30);
    const run3 = broadcast(makeBot(crashing2), { id: 'news-5', chats: ids, message: 'Again' });
    await expect(run3.done).rejects.toThrow('store gone');
    const resend = await broadcast(makeBot(third), {
      id: 'news-5',
      chats: ids,
      message: 'Again',
      resendUncertain: true,
    }).done;
    expect(resend).toMatchObject({ finished: true, uncertain: 0 });
    for (const chat of chats) {
      expect(chat.history().some((m) => m.text === 'Again')).toBe(true);
    }
  });

  it('refuses a second run of the same broadcast, in this process or another', async () => {
    const { chats, makeBot } = await world(50);
    const store = new MemoryStore();
    const bot = makeBot(store);
    const ids = chats.map((c) => c.id);
    const run = broadcast(bot, { id: 'news-6', chats: ids, message: 'x' });
    expect(() => broadcast(bot, { id: 'news-6', chats: ids, message: 'x' })).toThrow(
      BroadcastConflictError,
    );
    const other = broadcast(makeBot(store), { id: 'news-6', chats: ids, message: 'x' });
    const results = await Promise.allSettled([run.done, other.done]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(BroadcastConflictError);
  });

  it('sends with a custom send, stops on its signal, and fails with a chat list that fails', async () => {
    const { chats, makeBot } = await world(40);
    const bot = makeBot();
    const ids = chats.map((c) => c.id);
    const report = await broadcast(bot, {
      id: 'custom',
      chats: ids.slice(0, 10),
      send: (chatId, { api, signal }) =>
        api.sendMessage(chatId, 'custom', { protect_content: true }, signal),
    }).done;
    expect(report).toMatchObject({ sent: 10, finished: true });
    expect(chats[3]!.history().at(-1)).toMatchObject({
      text: 'custom',
      has_protected_content: true,
    });

    const controller = new AbortController();
    controller.abort();
    const aborted = await broadcast(bot, {
      id: 'aborted',
      chats: ids,
      message: 'never',
      signal: controller.signal,
    }).done;
    expect(aborted).toMatchObject({ stopped: true, done: 0 });

    async function* failing() {
      for (const id of ids.slice(10, 20)) yield await Promise.resolve(id);
      throw new Error('database went away');
    }
    const run = broadcast(bot, { id: 'failing', chats: failing(), message: 'part' });
    await expect(run.done).rejects.toThrow('database went away');
    // it stopped there like stop(): run again with a list that works, and it completes, once each
    const again = await broadcast(bot, { id: 'failing', chats: ids.slice(10, 20), message: 'part' })
      .done;
    expect(again).toMatchObject({ finished: true, sent: 10 });
    const got = chats.slice(10, 20).map((c) => c.history().filter((m) => m.text === 'part').length);
    expect(got).toEqual(Array(10).fill(1));
  });

  it('checks its options', async () => {
    const { makeBot } = await world(1);
    const bot = makeBot();
    expect(() => broadcast(bot, { id: 'x', chats: [1], mesage: 'hi' } as never)).toThrow(
      OptionsError,
    );
    expect(() => broadcast(bot, { id: '', chats: [1], message: 'hi' })).toThrow(TypeError);
    expect(() => broadcast(bot, { id: 'x', chats: [1] })).toThrow(/message or send/);
    expect(() => broadcast(bot, { id: 'x', chats: 5 as never, message: 'm' })).toThrow(
      OptionsError,
    );
    expect(() => broadcast(bot, { id: 'x', chats: [1], message: 'm', maxInFlight: 0 })).toThrow(
      RangeError,
    );
  });
});

/** A store that fails every write after `okWrites` of them, as a process dying would stop. */
class CrashingStore implements StateStore {
  constructor(
    private readonly inner: StateStore,
    private okWrites: number,
  ) {}
  get(key: string) {
    return this.inner.get(key);
  }
  async set(...args: Parameters<StateStore['set']>) {
    if (this.okWrites-- <= 0) throw new Error('store gone');
    return this.inner.set(...args);
  }
  delete(...args: Parameters<StateStore['delete']>) {
    return this.inner.delete(...args);
  }
  entries(prefix: string) {
    return this.inner.entries(prefix);
  }
  close() {
    return this.inner.close();
  }
}
