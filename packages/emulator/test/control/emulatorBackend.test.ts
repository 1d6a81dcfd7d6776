import { Emulator } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/TestBot.js';

let emu: Emulator;

// Control answers are loose JSON; tests read them as such.
async function control(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${emu.apiRoot}/control${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

beforeEach(async () => {
  emu = new Emulator({ floodControl: false });
  await emu.start();
});

afterEach(async () => {
  await emu.stop();
});

describe('emulatorBackend (the control API over HTTP)', () => {
  it('creates people and chats and sends messages the bot receives', async () => {
    const bot = new TestBot(emu, emu.createBot({ username: 'http_bot' }));
    const alice = (await control('POST', '/users', { firstName: 'Alice' })).body.result;
    expect(alice).toMatchObject({ first_name: 'Alice', is_bot: false });
    const chat = (await control('POST', '/chats', { userId: alice.id, botId: bot.id })).body.result;
    expect(chat).toEqual({
      key: `p${alice.id}_${bot.id}`,
      id: alice.id,
      type: 'private',
      title: 'http_bot',
      userIds: [alice.id],
      botIds: [bot.id],
    });
    const sent = await control('POST', `/chats/${chat.key}/messages`, {
      userId: alice.id,
      text: '/start',
    });
    expect(sent.body.result).toMatchObject({ text: '/start', from: { id: alice.id } });
    expect((await bot.next('message')).text).toBe('/start');
    await bot.call('sendMessage', {
      chat_id: alice.id,
      text: 'Hi!',
      reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
    });
    const history = (await control('GET', `/chats/${chat.key}/messages`)).body.result;
    expect(history.map((m: { text: string }) => m.text)).toEqual(['/start', 'Hi!']);
    const press = control('POST', `/chats/${chat.key}/messages/2/press`, {
      userId: alice.id,
      button: 'Go',
    });
    const query = await bot.next('callback_query');
    await bot.call('answerCallbackQuery', { callback_query_id: query.id, text: 'Went' });
    expect((await press).body.result).toEqual({ text: 'Went', showAlert: false });
  });

  it('keeps the last 1000 inline answers to choose from, not every one ever asked', async () => {
    const bot = new TestBot(emu, emu.createBot({ username: 'inline_bot' }));
    const alice = (await control('POST', '/users', { firstName: 'Alice' })).body.result;
    const chat = (await control('POST', '/chats', { userId: alice.id, botId: bot.id })).body.result;
    const ask = (): Promise<{ status: number; body: any }> =>
      control('POST', '/inline', { userId: alice.id, botId: bot.id, query: 'cats' });
    const first = ask();
    const query = await bot.next('inline_query');
    await bot.call('answerInlineQuery', {
      inline_query_id: query.id,
      results: [
        { type: 'article', id: 'a', title: 'A', input_message_content: { message_text: 'A' } },
      ],
    });
    const oldest = (await first).body.result.queryId as string;
    // The page asks again on every keystroke; Telegram's cache answers, each with its own id.
    let latest = oldest;
    for (let i = 0; i < 1000; i++) latest = (await ask()).body.result.queryId as string;
    const choose = (queryId: string): Promise<{ status: number; body: any }> =>
      control('POST', `/inline/${queryId}/choose`, {
        userId: alice.id,
        resultId: 'a',
        chatKey: chat.key,
      });
    const forgotten = await choose(oldest);
    expect(forgotten.status).toBe(404);
    expect(forgotten.body.error.code).toBe('unknown_query');
    expect((await choose(latest)).body.result).toMatchObject({ text: 'A' });
  });

  it('answers unknown things with 404 and control-side misuse with 400', async () => {
    const bot = emu.createBot({ username: 'misuse_bot' });
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, bot);
    expect(
      (await control('POST', `/chats/${chat.key}/messages`, { userId: 999, text: 'x' })).status,
    ).toBe(404);
    emu.world.postMessage(chat.record, bot, { text: 'no keyboard' });
    const press = await control('POST', `/chats/${chat.key}/messages/1/press`, {
      userId: alice.id,
      button: 'Nope',
    });
    expect(press.status).toBe(400);
    expect(press.body.error.code).toBe('no_button');
  });
});
