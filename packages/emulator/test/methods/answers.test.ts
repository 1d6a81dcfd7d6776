import { ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import type { InlineQueryResults, SimUser } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/TestBot.js';

let clock: ManualClock;
let emu: Emulator;
let bot: TestBot;
let alice: SimUser;
let bob: SimUser;

function article(id: string): Record<string, unknown> {
  return { type: 'article', id, title: id, input_message_content: { message_text: id } };
}

/** Alice (or `who`) types `query`; the bot answers it with `extra` answer parameters. */
async function askAndAnswer(
  who: SimUser,
  query: string,
  extra: Record<string, unknown>,
  offset = '',
): Promise<InlineQueryResults> {
  const asked = who.inlineQuery(bot.account, query, { offset });
  const update = await bot.next('inline_query');
  expect(update).toMatchObject({ query, offset, from: { id: who.id } });
  await bot.call('answerInlineQuery', {
    inline_query_id: update.id,
    results: [article(`${query}-${who.firstName}`)],
    ...extra,
  });
  return asked;
}

/** Inline queries the bot was sent since the last look. */
async function inlineUpdates(): Promise<number> {
  return (await bot.updates()).filter((u) => u.inline_query !== undefined).length;
}

beforeEach(async () => {
  clock = new ManualClock(1_000_000);
  emu = new Emulator({ clock, floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'cache_bot' }));
  alice = emu.createUser({ firstName: 'Alice' });
  bob = emu.createUser({ firstName: 'Bob' });
});

afterEach(async () => {
  await emu.stop();
});

describe('answerInlineQuery cache_time', () => {
  it('answers a repeated query from the cache, for anyone, until cache_time runs out', async () => {
    const first = await askAndAnswer(alice, 'cats', { cache_time: 60 });
    expect(first.cacheTime).toBe(60);
    const again = await alice.inlineQuery(bot.account, 'cats');
    expect(again.results.map((r) => r.id)).toEqual(['cats-Alice']);
    const forBob = await bob.inlineQuery(bot.account, 'cats');
    expect(forBob.results.map((r) => r.id)).toEqual(['cats-Alice']);
    expect(await inlineUpdates()).toBe(0);

    await clock.advance(60_000);
    const fresh = await askAndAnswer(alice, 'cats', { cache_time: 60 });
    expect(fresh.results.map((r) => r.id)).toEqual(['cats-Alice']);
  });

  it('caches for 300 s by default and keys on the text and the offset', async () => {
    await askAndAnswer(alice, 'dogs', {});
    await clock.advance(299_000);
    await alice.inlineQuery(bot.account, 'dogs');
    expect(await inlineUpdates()).toBe(0);
    await askAndAnswer(alice, 'dogs', {}, '20');
    await askAndAnswer(alice, 'Dogs', {});
    await clock.advance(1_000);
    await askAndAnswer(alice, 'dogs', {});
  });

  it('never caches with cache_time 0', async () => {
    await askAndAnswer(alice, 'live', { cache_time: 0 });
    await askAndAnswer(alice, 'live', { cache_time: 0 });
  });

  it('keeps an is_personal answer for the person who asked only', async () => {
    await askAndAnswer(alice, 'me', { cache_time: 600, is_personal: true });
    const mine = await alice.inlineQuery(bot.account, 'me');
    expect(mine.results.map((r) => r.id)).toEqual(['me-Alice']);
    expect(mine.isPersonal).toBe(true);
    const bobs = await askAndAnswer(bob, 'me', { cache_time: 600, is_personal: true });
    expect(bobs.results.map((r) => r.id)).toEqual(['me-Bob']);
  });

  it('clamps cache_time to 0..86400 seconds', async () => {
    const long = await askAndAnswer(alice, 'long', { cache_time: 1_000_000 });
    expect(long.cacheTime).toBe(86_400);
    await clock.advance(86_399_000);
    await alice.inlineQuery(bot.account, 'long');
    expect(await inlineUpdates()).toBe(0);
    await clock.advance(1_000);
    await askAndAnswer(alice, 'long', { cache_time: -5 });
    await askAndAnswer(alice, 'long', {});
  });

  it('lets a chosen cached result be sent like a fresh one', async () => {
    const chat = emu.privateChat(alice, bot.account);
    await askAndAnswer(alice, 'pick', { cache_time: 30 });
    const cached = await alice.inlineQuery(bot.account, 'pick');
    const sent = await cached.choose('pick-Alice', chat);
    expect(sent).toMatchObject({ text: 'pick-Alice', via_bot: { id: bot.id } });
    expect((await bot.next('chosen_inline_result')).result_id).toBe('pick-Alice');
  });
});
