import { Api, flowControl, isRateLimitedMethod, ManualClock, METHOD_NAMES } from '@delegram/api';
import type { FlowControl, FlowControlOptions } from '@delegram/api';
import { Emulator, FloodControl } from '@delegram/emulator';
import type { FloodControlOptions, SimChat } from '@delegram/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { driveClock } from './driveClock.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** An emulator with flood control on, a bot, and an Api through a flow control, on one clock. */
async function setup(flood: FloodControlOptions = {}, options: FlowControlOptions = {}) {
  const clock = new ManualClock(Date.now());
  const emu = new Emulator({ clock, floodControl: { enabled: true, ...flood } });
  await emu.start();
  stops.push(() => emu.stop());
  const bot = emu.createBot({ username: 'flow_bot' });
  const fc = flowControl({ clock, ...options });
  const api = new Api(bot.token, { apiRoot: emu.apiRoot }).use(fc.transformer);
  const privateChats = (n: number): SimChat[] =>
    Array.from({ length: n }, (_, i) =>
      emu.privateChat(emu.createUser({ firstName: `User${i}` }), bot),
    );
  const groups = (n: number): SimChat[] =>
    Array.from({ length: n }, (_, i) =>
      emu.createGroup({
        title: `Group ${i}`,
        members: [emu.createUser({ firstName: `Member${i}` })],
        bots: [bot],
      }),
    );
  return { clock, emu, bot, fc, api, privateChats, groups };
}

/** The texts the bot posted in a chat, in the order the emulator stored them. */
const botTexts = (chat: SimChat): (string | undefined)[] =>
  chat
    .history()
    .filter((m) => m.from?.is_bot === true)
    .map((m) => m.text);

const texts = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Sends every text of every chat at once, and drives the clock until all are answered. */
async function sendAll(
  clock: ManualClock,
  fc: FlowControl,
  api: Api,
  plan: readonly { chat: SimChat; texts: readonly string[] }[],
) {
  const calls = plan.flatMap(({ chat, texts }) => texts.map((t) => api.sendMessage(chat.id, t)));
  return driveClock(clock, fc, Promise.allSettled(calls));
}

describe('flowControl on the emulator with flood control on', () => {
  it('limits exactly the methods the emulator limits', () => {
    for (const method of METHOD_NAMES) {
      expect([method, isRateLimitedMethod(method)]).toEqual([
        method,
        FloodControl.appliesTo(method),
      ]);
    }
  });

  it('delivers 100 messages to one private chat in call order without a single 429', async () => {
    const { clock, fc, api, privateChats } = await setup();
    const [chat] = privateChats(1);
    const start = clock.now();
    const results = await sendAll(clock, fc, api, [{ chat: chat!, texts: texts('m', 100) }]);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(botTexts(chat!)).toEqual(texts('m', 100));
    expect(fc.stats()).toMatchObject({ rateLimited: 0, sent: 100, queued: 0 });
    // about one per second after a burst of 3, as the emulator's 1/s allows
    expect(clock.now() - start).toBeGreaterThanOrEqual(97 * 1000);
    expect(clock.now() - start).toBeLessThan(97 * 1025 * 1.05);
  });

  it('delivers a mix of 50 private chats and 5 groups in order, without a 429', async () => {
    const { clock, fc, api, privateChats, groups } = await setup();
    const people = privateChats(50);
    const rooms = groups(5);
    const plan = [
      ...people.map((chat, i) => ({ chat, texts: texts(`p${i}-`, 4) })),
      ...rooms.map((chat, i) => ({ chat, texts: texts(`g${i}-`, 25) })),
    ];
    const start = clock.now();
    const results = await sendAll(clock, fc, api, plan);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    for (const { chat, texts: sent } of plan) expect(botTexts(chat)).toEqual(sent);
    expect(fc.stats()).toMatchObject({ rateLimited: 0, sent: 325 });
    // the 21st message of a group waits for the first to leave the sliding minute
    expect(clock.now() - start).toBeGreaterThanOrEqual(60_000);
  });

  it('keeps order and loses nothing when the emulator is stricter and answers 429s', async () => {
    const { clock, fc, api, privateChats, groups } = await setup({
      perChatPerSecond: 0.5,
      perChatBurst: 2,
      perGroupPerMinute: 8,
    });
    const people = privateChats(3);
    const [room] = groups(1);
    const plan = [
      ...people.map((chat, i) => ({ chat, texts: texts(`p${i}-`, 12) })),
      { chat: room!, texts: texts('g-', 12) },
    ];
    const pauses: string[] = [];
    fc.on('pause', (e) => pauses.push(e.scope));
    const results = await sendAll(clock, fc, api, plan);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    for (const { chat, texts: sent } of plan) expect(botTexts(chat)).toEqual(sent);
    const stats = fc.stats();
    expect(stats.rateLimited).toBeGreaterThan(0);
    expect(stats.retried).toBe(stats.rateLimited);
    expect(stats.sent).toBe(48);
    expect(pauses).toContain('chat');
  });
});
