import { ManualClock } from '@delegram/api';
import { Emulator, EmulatorError } from '@delegram/emulator';
import type { SimChat, SimUser } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/TestBot.js';

const TOO_OLD = 'Bad Request: query is too old and response timeout expired or query ID is invalid';

let clock: ManualClock;
let emu: Emulator;
let bot: TestBot;
let alice: SimUser;
let chat: SimChat;

function article(id: string, text: string, keyboard = false): Record<string, unknown> {
  return {
    type: 'article',
    id,
    title: text,
    input_message_content: { message_text: text },
    ...(keyboard
      ? { reply_markup: { inline_keyboard: [[{ text: 'Vote', callback_data: 'v' }]] } }
      : {}),
  };
}

beforeEach(async () => {
  clock = new ManualClock(1_000_000);
  emu = new Emulator({ clock, floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'inline_bot' }));
  alice = emu.createUser({ firstName: 'Alice' });
  const friend = emu.createUser({ firstName: 'Friend' });
  chat = emu.createGroup({ title: 'Friends', members: [alice, friend] });
});

afterEach(async () => {
  await emu.stop();
});

describe('SimUser.inlineQuery', () => {
  it('delivers inline_query and returns the answer', async () => {
    const asked = alice.inlineQuery(bot.account, 'cats', { offset: '10', chat });
    const query = await bot.next('inline_query');
    expect(query).toMatchObject({
      from: { id: alice.id },
      query: 'cats',
      offset: '10',
      chat_type: 'supergroup',
    });
    await bot.call('answerInlineQuery', {
      inline_query_id: query.id,
      results: [article('1', 'Cat')],
      next_offset: '20',
      cache_time: 0,
    });
    const answer = await asked;
    expect(answer.results.map((r) => r.id)).toEqual(['1']);
    expect(answer.nextOffset).toBe('20');
    expect(answer.cacheTime).toBe(0);
  });

  it('expires after inlineQueryTtlMs of emulated time; late answers get "query is too old"', async () => {
    const asked = alice.inlineQuery(bot.account, 'slow');
    const query = await bot.next('inline_query');
    const rejected = expect(asked).rejects.toMatchObject({ code: 'no_answer' });
    await clock.advance(9_999);
    await clock.advance(1);
    await rejected;
    expect(
      (await bot.fails('answerInlineQuery', { inline_query_id: query.id, results: [] }))
        .description,
    ).toBe(TOO_OLD);
  });

  it('refuses more than 50 results and a second answer', async () => {
    const asked = alice.inlineQuery(bot.account, 'many');
    const query = await bot.next('inline_query');
    const results = Array.from({ length: 51 }, (_, i) => article(String(i), `r${i}`));
    expect(
      (await bot.fails('answerInlineQuery', { inline_query_id: query.id, results })).description,
    ).toBe('Bad Request: RESULTS_TOO_MUCH');
    const dupes = [article('a', 'x'), article('a', 'y')];
    expect(
      (await bot.fails('answerInlineQuery', { inline_query_id: query.id, results: dupes }))
        .description,
    ).toBe('Bad Request: RESULT_ID_DUPLICATE');
    await bot.call('answerInlineQuery', {
      inline_query_id: query.id,
      results: results.slice(0, 50),
    });
    expect((await asked).results).toHaveLength(50);
    expect(
      (await bot.fails('answerInlineQuery', { inline_query_id: query.id, results: [] }))
        .description,
    ).toBe(TOO_OLD);
  });

  it('choosing a result sends it via the bot and reports chosen_inline_result', async () => {
    const asked = alice.inlineQuery(bot.account, 'vote', { chat });
    const query = await bot.next('inline_query');
    await bot.call('answerInlineQuery', {
      inline_query_id: query.id,
      results: [article('plain', 'Hi'), article('poll', 'Vote now', true)],
    });
    const answer = await asked;
    const sent = await answer.choose('poll');
    expect(sent).toMatchObject({
      text: 'Vote now',
      from: { id: alice.id },
      via_bot: { id: bot.id },
    });
    expect(chat.history().at(-1)?.text).toBe('Vote now');
    const chosen = await bot.next('chosen_inline_result');
    expect(chosen).toMatchObject({ result_id: 'poll', query: 'vote', from: { id: alice.id } });
    expect(typeof chosen.inline_message_id).toBe('string');
    // The bot edits the inline message by its id and gets True.
    expect(
      await bot.call('editMessageText', {
        inline_message_id: chosen.inline_message_id,
        text: 'Closed',
      }),
    ).toBe(true);
    expect(chat.message(sent.message_id)?.text).toBe('Closed');
    // A result without a keyboard has no inline_message_id.
    await answer.choose('plain');
    expect((await bot.next('chosen_inline_result')).inline_message_id).toBeUndefined();
    await expect(answer.choose('nope')).rejects.toBeInstanceOf(EmulatorError);
  });

  it('pressing a button of an inline message gives inline_message_id, not message', async () => {
    const asked = alice.inlineQuery(bot.account, 'vote', { chat });
    const query = await bot.next('inline_query');
    await bot.call('answerInlineQuery', {
      inline_query_id: query.id,
      results: [article('poll', 'Vote', true)],
    });
    const sent = await (await asked).choose('poll');
    const chosen = await bot.next('chosen_inline_result');
    const pressed = alice.pressButton(sent, 'Vote');
    const callback = await bot.next('callback_query');
    expect(callback.inline_message_id).toBe(chosen.inline_message_id);
    expect(callback.message).toBeUndefined();
    await bot.call('answerCallbackQuery', { callback_query_id: callback.id, text: 'Counted' });
    expect((await pressed)?.text).toBe('Counted');
  });
});
