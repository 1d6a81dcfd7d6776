import { ManualClock } from '@delegram/api';
import type { Message } from '@delegram/api';
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

beforeEach(async () => {
  clock = new ManualClock(1_000_000);
  emu = new Emulator({ clock, floodControl: false, callbackQueryTtlMs: 15_000 });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'buttons_bot' }));
  alice = emu.createUser({ firstName: 'Alice' });
  chat = emu.privateChat(alice, bot.account);
});

afterEach(async () => {
  await emu.stop();
});

async function menu(): Promise<Message> {
  return bot.call('sendMessage', {
    chat_id: alice.id,
    text: 'Pick',
    reply_markup: {
      inline_keyboard: [
        [
          { text: 'Yes', callback_data: 'yes' },
          { text: 'Docs', url: 'https://example.org/docs' },
        ],
      ],
    },
  });
}

describe('SimUser.pressButton', () => {
  it('sends callback_query and returns the bot’s answer to the presser', async () => {
    const message = await menu();
    const seen: unknown[] = [];
    emu.world.on('callbackAnswer', (e) => seen.push(e.answer));
    const pressed = alice.pressButton(message, 'Yes');
    const query = await bot.next('callback_query');
    expect(query).toMatchObject({
      from: { id: alice.id },
      data: 'yes',
      message: { message_id: message.message_id },
    });
    expect(typeof query.chat_instance).toBe('string');
    expect(
      await bot.call('answerCallbackQuery', {
        callback_query_id: query.id,
        text: 'Done',
        show_alert: true,
      }),
    ).toBe(true);
    expect(await pressed).toEqual({ text: 'Done', showAlert: true, cacheTime: 0 });
    expect(seen).toHaveLength(1);
  });

  it('lets an answer open a t.me link but no other URL (only a game button may open the web)', async () => {
    const message = await menu();
    const pressed = alice.pressButton(message, 'Yes');
    const query = await bot.next('callback_query');
    for (const url of ['https://example.org/docs', 'javascript:alert(1)', 'not a url']) {
      const refused = await bot.fails('answerCallbackQuery', { callback_query_id: query.id, url });
      expect(refused.description).toBe('Bad Request: URL_INVALID');
    }
    await bot.call('answerCallbackQuery', {
      callback_query_id: query.id,
      url: 'https://t.me/buttons_bot?start=yes',
    });
    expect((await pressed)?.url).toBe('https://t.me/buttons_bot?start=yes');
  });

  it('finds buttons by callback data too, and refuses a second answer', async () => {
    const message = await menu();
    const pressed = alice.pressButton(message, 'yes');
    const query = await bot.next('callback_query');
    await bot.call('answerCallbackQuery', { callback_query_id: query.id });
    expect(await pressed).toEqual({ showAlert: false, cacheTime: 0 });
    expect(
      (await bot.fails('answerCallbackQuery', { callback_query_id: query.id })).description,
    ).toBe(TOO_OLD);
  });

  it('expires unanswered queries on the emulator’s clock', async () => {
    const message = await menu();
    const pressed = alice.pressButton(message, 'Yes');
    const query = await bot.next('callback_query');
    await clock.advance(15_000);
    expect(await pressed).toBeUndefined();
    expect(
      (await bot.fails('answerCallbackQuery', { callback_query_id: query.id })).description,
    ).toBe(TOO_OLD);
  });

  it('opens URL buttons without asking the bot, and names the buttons when one is missing', async () => {
    const message = await menu();
    expect(await alice.pressButton(message, 'Docs')).toMatchObject({
      url: 'https://example.org/docs',
    });
    const missing = alice.pressButton(message, 'No');
    await expect(missing).rejects.toBeInstanceOf(EmulatorError);
    await expect(alice.pressButton(message, 'No')).rejects.toThrow('it has "Yes", "Docs"');
    expect(await bot.updates()).toEqual([]);
  });

  it('uses the message’s current keyboard after an edit', async () => {
    const message = await menu();
    await bot.call('editMessageReplyMarkup', {
      chat_id: alice.id,
      message_id: message.message_id,
      reply_markup: { inline_keyboard: [[{ text: 'Again', callback_data: 'again' }]] },
    });
    const pressed = alice.pressButton(message, 'Again');
    const query = await bot.next('callback_query');
    expect(query.data).toBe('again');
    await bot.call('answerCallbackQuery', { callback_query_id: query.id, text: 'ok' });
    expect((await pressed)?.text).toBe('ok');
    expect(chat.history()).toHaveLength(1);
  });
});
