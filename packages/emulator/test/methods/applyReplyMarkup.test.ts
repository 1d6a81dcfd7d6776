// Reply keyboards and forced replies per person, as Telegram keeps them: a bot sends over real
// HTTP, people's keyboards are read through the control routes (and the typed API), in a group
// with Alice and Bob.
import { ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventStreamReader } from '../support/EventStreamReader.js';
import { TestBot } from '../helpers/TestBot.js';

let emu: Emulator;
let bot: TestBot;
let alice: number;
let bob: number;
let group: { key: string; id: number };

/** The result of a control call that must succeed. */
async function ok(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${emu.apiRoot}/control${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const answer = (await res.json()) as { ok: boolean; result?: unknown };
  expect(answer, JSON.stringify(answer)).toMatchObject({ ok: true });
  return answer.result;
}

/** What one person sees in the group (`GET /control/chats/<key>?userId=`). */
function seenBy(userId: number): Promise<{ replyKeyboard?: any; forceReply?: any }> {
  return ok('GET', `/chats/${group.key}?userId=${userId}`);
}

const colours = { keyboard: [[{ text: 'Red' }, { text: 'Blue' }]] };

beforeEach(async () => {
  emu = new Emulator({ clock: new ManualClock(1_700_000_000_000), floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'keys_bot' }));
  alice = (await ok('POST', '/users', { firstName: 'Alice', username: 'alice' })).id;
  bob = (await ok('POST', '/users', { firstName: 'Bob', username: 'bobby' })).id;
  group = await ok('POST', '/chats', {
    type: 'supergroup',
    title: 'Team',
    memberIds: [alice, bob],
    botIds: [bot.id],
  });
});

afterEach(async () => {
  await emu.stop();
});

describe('applyReplyMarkup', () => {
  it('shows a keyboard without selective to everyone in the group', async () => {
    await bot.call('sendMessage', { chat_id: group.id, text: 'Pick', reply_markup: colours });
    expect((await seenBy(alice)).replyKeyboard).toEqual(colours);
    expect((await seenBy(bob)).replyKeyboard).toEqual(colours);
    expect((await ok('GET', `/chats/${group.key}`)).replyKeyboard).toEqual(colours);
  });

  it('shows a selective keyboard only to the @mentioned person', async () => {
    await bot.call('sendMessage', {
      chat_id: group.id,
      text: '@Bobby pick a colour',
      reply_markup: { ...colours, selective: true },
    });
    expect((await seenBy(bob)).replyKeyboard).toMatchObject(colours);
    expect((await seenBy(alice)).replyKeyboard).toBeUndefined();
    expect((await ok('GET', `/chats/${group.key}`)).replyKeyboard).toBeUndefined();
    expect((await ok('GET', `/chats?userId=${bob}`))[0].replyKeyboard).toMatchObject(colours);
    const chat = emu.chat(group.key);
    expect(chat.replyKeyboardFor(emu.user(bob)!)).toMatchObject(colours);
    expect(chat.replyKeyboardFor(emu.user(alice)!)).toBeUndefined();
  });

  it('shows a selective keyboard to a person named by a text mention', async () => {
    await bot.call('sendMessage', {
      chat_id: group.id,
      text: '<a href="tg://user?id=' + String(alice) + '">Alice</a>, your turn',
      parse_mode: 'HTML',
      reply_markup: { ...colours, selective: true },
    });
    expect((await seenBy(alice)).replyKeyboard).toMatchObject(colours);
    expect((await seenBy(bob)).replyKeyboard).toBeUndefined();
  });

  it('shows a selective keyboard in a reply to the sender of the replied message', async () => {
    const asked = await ok('POST', `/chats/${group.key}/messages`, { userId: bob, text: 'lang?' });
    await bot.call('sendMessage', {
      chat_id: group.id,
      text: 'Choose a language',
      reply_parameters: { message_id: asked.message_id },
      reply_markup: { keyboard: [['English', 'Deutsch']], selective: true },
    });
    expect((await seenBy(bob)).replyKeyboard?.keyboard).toEqual([['English', 'Deutsch']]);
    expect((await seenBy(alice)).replyKeyboard).toBeUndefined();
  });

  it('removes the keyboard for the targeted person only', async () => {
    await bot.call('sendMessage', { chat_id: group.id, text: 'Pick', reply_markup: colours });
    await bot.call('sendMessage', {
      chat_id: group.id,
      text: 'Thanks @alice',
      reply_markup: { remove_keyboard: true, selective: true },
    });
    expect((await seenBy(alice)).replyKeyboard).toBeUndefined();
    expect((await seenBy(bob)).replyKeyboard).toEqual(colours);
    // A keyboard for everyone replaces what selective markups set for single people.
    await bot.call('sendMessage', { chat_id: group.id, text: 'Again', reply_markup: colours });
    expect((await seenBy(alice)).replyKeyboard).toEqual(colours);
    await bot.call('sendMessage', {
      chat_id: group.id,
      text: 'Done',
      reply_markup: { remove_keyboard: true },
    });
    expect((await seenBy(bob)).replyKeyboard).toBeUndefined();
  });

  it('closes a one-time keyboard only for the person who pressed a key', async () => {
    await bot.call('sendMessage', {
      chat_id: group.id,
      text: 'Vote',
      reply_markup: { ...colours, one_time_keyboard: true },
    });
    const sent = await ok('POST', `/chats/${group.key}/keyboard`, { userId: alice, button: 'Red' });
    expect(sent).toMatchObject({ text: 'Red', from: { id: alice } });
    expect((await seenBy(alice)).replyKeyboard).toBeUndefined();
    expect((await seenBy(bob)).replyKeyboard).toMatchObject(colours);
    const again = await fetch(`${emu.apiRoot}/control/chats/${group.key}/keyboard`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: alice, button: 'Red' }),
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as any).error.message).toMatch(/shown to Alice/);
    expect(
      await ok('POST', `/chats/${group.key}/keyboard`, { userId: bob, button: 'Blue' }),
    ).toMatchObject({ text: 'Blue', from: { id: bob } });
  });

  it('keeps a one-time keyboard open when the press could not be sent', async () => {
    const chat = await ok('POST', '/chats', { type: 'private', userId: alice, botId: bot.id });
    await bot.call('sendMessage', {
      chat_id: alice,
      text: 'Vote',
      reply_markup: { ...colours, one_time_keyboard: true },
    });
    emu.user(alice)!.blockBot(bot.account);
    const refused = await fetch(`${emu.apiRoot}/control/chats/${chat.key}/keyboard`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: alice, button: 'Red' }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).error.code).toBe('blocked');
    expect((await ok('GET', `/chats/${chat.key}?userId=${alice}`)).replyKeyboard).toMatchObject(
      colours,
    );
    emu.user(alice)!.unblockBot(bot.account);
    await ok('POST', `/chats/${chat.key}/keyboard`, { userId: alice, button: 'Red' });
    expect((await ok('GET', `/chats/${chat.key}`)).replyKeyboard).toBeUndefined();
  });

  it('keeps a selective keyboard when nobody is targeted, changing nobody’s', async () => {
    await bot.call('sendMessage', { chat_id: group.id, text: 'Pick', reply_markup: colours });
    await bot.call('sendMessage', {
      chat_id: group.id,
      text: 'nobody named here',
      reply_markup: { remove_keyboard: true, selective: true },
    });
    expect((await seenBy(alice)).replyKeyboard).toEqual(colours);
    expect((await seenBy(bob)).replyKeyboard).toEqual(colours);
  });

  it('does not target a username written as code', async () => {
    await bot.call('sendMessage', {
      chat_id: group.id,
      text: 'Type <code>@bobby</code> to call him, @alice',
      parse_mode: 'HTML',
      reply_markup: { ...colours, selective: true },
    });
    expect((await seenBy(alice)).replyKeyboard).toMatchObject(colours);
    expect((await seenBy(bob)).replyKeyboard).toBeUndefined();
  });

  it('shows a selective keyboard to the person of a private chat', async () => {
    const chat = await ok('POST', '/chats', { type: 'private', userId: alice, botId: bot.id });
    await bot.call('sendMessage', {
      chat_id: alice,
      text: 'Pick',
      reply_markup: { ...colours, selective: true },
    });
    expect((await ok('GET', `/chats/${chat.key}?userId=${alice}`)).replyKeyboard).toMatchObject(
      colours,
    );
    expect((await ok('GET', `/chats/${chat.key}`)).replyKeyboard).toMatchObject(colours);
  });

  it('answers 404 for a userId nobody has', async () => {
    const res = await fetch(`${emu.apiRoot}/control/chats/${group.key}?userId=999999`);
    expect(res.status).toBe(404);
  });
});

describe('applyReplyMarkup: force_reply', () => {
  it('opens a reply with its placeholder for the targeted person until they send', async () => {
    const question = await bot.call('sendMessage', {
      chat_id: group.id,
      text: '@bobby what is the poll question?',
      reply_markup: { force_reply: true, selective: true, input_field_placeholder: 'Question' },
    });
    expect((await seenBy(bob)).forceReply).toEqual({
      messageId: question.message_id,
      botId: bot.id,
      placeholder: 'Question',
    });
    expect((await seenBy(alice)).forceReply).toBeUndefined();
    expect(emu.chat(group.key).forceReplyFor(emu.user(bob)!)?.messageId).toBe(question.message_id);
    // Someone else talking does not close Bob's reply; his own message does.
    await ok('POST', `/chats/${group.key}/messages`, { userId: alice, text: 'hm' });
    expect((await seenBy(bob)).forceReply?.messageId).toBe(question.message_id);
    await ok('POST', `/chats/${group.key}/messages`, {
      userId: bob,
      text: 'Lunch?',
      replyToMessageId: question.message_id,
    });
    expect((await seenBy(bob)).forceReply).toBeUndefined();
  });

  it('asks everyone without selective, and ends when the bot deletes the message', async () => {
    const question = await bot.call('sendMessage', {
      chat_id: group.id,
      text: 'Anyone?',
      reply_markup: { force_reply: true },
    });
    expect((await seenBy(alice)).forceReply).toEqual({
      messageId: question.message_id,
      botId: bot.id,
    });
    expect((await seenBy(bob)).forceReply?.messageId).toBe(question.message_id);
    await bot.call('deleteMessage', { chat_id: group.id, message_id: question.message_id });
    expect((await seenBy(alice)).forceReply).toBeUndefined();
  });
});

describe('applyReplyMarkup: events', () => {
  it('tells the page whom a keyboard change is for', async () => {
    const abort = new AbortController();
    const res = await fetch(`${emu.apiRoot}/control/events?chatKey=${group.key}`, {
      signal: abort.signal,
    });
    const stream = new EventStreamReader(res);
    await bot.call('sendMessage', {
      chat_id: group.id,
      text: '@bobby pick',
      reply_markup: { ...colours, one_time_keyboard: true, selective: true },
    });
    const press = await ok('POST', `/chats/${group.key}/keyboard`, { userId: bob, button: 'Red' });
    const ask = await bot.call('sendMessage', {
      chat_id: group.id,
      text: 'Why?',
      reply_markup: { force_reply: true, input_field_placeholder: 'Because' },
    });
    // Three messages and three keyboard changes, in the order they were sent.
    const all = await stream.read(6, (e) => e.event === 'message' || e.event === 'replyKeyboard');
    abort.abort();
    const events = all.filter((e) => e.event === 'replyKeyboard').map((e): any => e.data);
    // The press closes Bob's one-time keyboard right after its message, as documented.
    const pressAt = all.findIndex((e) => e.data.message?.message_id === press.message_id);
    expect(all[pressAt + 1]?.data).toMatchObject({ userIds: [bob], keyboard: null });
    expect(events[0]).toMatchObject({ chatKey: group.key, userIds: [bob], forceReply: null });
    expect(events[0].keyboard).toMatchObject(colours);
    expect(events[1]).toEqual({
      type: 'replyKeyboard',
      chatKey: group.key,
      userIds: [bob],
      keyboard: null,
      forceReply: null,
    });
    expect(events[2]).toMatchObject({
      userIds: 'all',
      forceReply: { messageId: ask.message_id, placeholder: 'Because' },
    });
  });
});
