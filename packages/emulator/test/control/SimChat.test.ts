import { ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/TestBot.js';

let clock: ManualClock;
let emu: Emulator;
let bot: TestBot;

beforeEach(async () => {
  clock = new ManualClock(1_000_000);
  emu = new Emulator({ clock, floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'chat_bot' }));
});

afterEach(async () => {
  await emu.stop();
});

describe('SimChat', () => {
  it('nextBotMessage returns bot messages in order, including ones sent before the call', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, bot.account);
    await bot.call('sendMessage', { chat_id: alice.id, text: 'first' });
    const waiting = chat.nextBotMessage();
    await bot.call('sendMessage', { chat_id: alice.id, text: 'second' });
    expect((await waiting).text).toBe('first');
    expect((await chat.nextBotMessage()).text).toBe('second');
  });

  it('nextBotMessage ignores the person’s own messages and times out on the clock', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, bot.account);
    await alice.sendMessage(chat, 'anyone?');
    const waiting = chat.nextBotMessage({ timeoutMs: 2_000 });
    const failed = expect(waiting).rejects.toMatchObject({
      name: 'EmulatorError',
      code: 'timeout',
    });
    await clock.advance(2_000);
    await failed;
  });

  it('keeps history and one handle per chat', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, bot.account);
    expect(emu.privateChat(alice, bot.account)).toBe(chat);
    expect(chat.key).toBe(`p${alice.id}_${bot.id}`);
    await alice.sendMessage(chat, '/start now');
    await bot.call('sendMessage', { chat_id: alice.id, text: 'Welcome' });
    expect(chat.history().map((m) => m.text)).toEqual(['/start now', 'Welcome']);
    const start = await bot.next('message');
    expect(start.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
  });

  it('routes each bot message and edit to its own chat with one world listener for all chats', async () => {
    const before = emu.world.listenerCount('message');
    const people = Array.from({ length: 50 }, (_, i) => emu.createUser({ firstName: `P${i}` }));
    const chats = people.map((person) => emu.privateChat(person, bot.account));
    expect(emu.world.listenerCount('message')).toBeLessThanOrEqual(before + 1);
    expect(emu.world.listenerCount('edit')).toBeLessThanOrEqual(1);
    for (const person of people) {
      await bot.call('sendMessage', { chat_id: person.id, text: `to ${person.id}` });
    }
    const sent = await chats[7]!.nextBotMessage();
    await bot.call('editMessageText', {
      chat_id: people[7]!.id,
      message_id: sent.message_id,
      text: 'edited',
    });
    for (const [i, chat] of chats.entries()) {
      if (i !== 7) expect((await chat.nextBotMessage()).text).toBe(`to ${people[i]!.id}`);
    }
    expect((await chats[7]!.nextBotEdit()).text).toBe('edited');
    const noEdit = expect(chats[8]!.nextBotEdit({ timeoutMs: 100 })).rejects.toMatchObject({
      code: 'timeout',
    });
    await clock.advance(100);
    await noEdit;
  });

  it('separates the private chats two bots have with one person', async () => {
    const other = new TestBot(emu, emu.createBot({ username: 'other_bot' }));
    const alice = emu.createUser({ firstName: 'Alice' });
    const a = emu.privateChat(alice, bot.account);
    const b = emu.privateChat(alice, other.account);
    expect(a.id).toBe(b.id);
    await alice.sendMessage(a, 'to first');
    expect(await other.updates()).toEqual([]);
    expect((await bot.next('message')).text).toBe('to first');
  });

  it('delivers group messages to every bot, with privacy mode filtering', async () => {
    const shy = new TestBot(emu, emu.createBot({ username: 'shy_bot', privacyMode: true }));
    const alice = emu.createUser({ firstName: 'Alice' });
    const group = emu.createGroup({ title: 'G', members: [alice, bot.account, shy.account] });
    await bot.updates();
    await shy.updates();
    await alice.sendMessage(group, 'just chatting');
    await alice.sendMessage(group, '/help@shy_bot');
    expect((await bot.updates()).map((u) => u.message?.text)).toEqual([
      'just chatting',
      '/help@shy_bot',
    ]);
    expect((await shy.updates()).map((u) => u.message?.text)).toEqual(['/help@shy_bot']);
  });
});

describe('Emulator.waitForIdle', () => {
  it('does not wait for bots that never connected', async () => {
    const absent = emu.createBot({ username: 'absent_bot' });
    const alice = emu.createUser({ firstName: 'Alice' });
    await alice.sendMessage(emu.privateChat(alice, absent), 'anyone?');
    await emu.waitForIdle({ timeoutMs: 2_000 });
    expect(absent.updates.pendingCount).toBe(1);
  });

  it('resolves once the bot confirmed its updates and fails while they wait', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, bot.account);
    await bot.call('getMe'); // the bot is connected from now on
    await alice.sendMessage(chat, 'hi');
    await expect(emu.waitForIdle({ timeoutMs: 100 })).rejects.toMatchObject({ code: 'timeout' });
    await bot.updates();
    await bot.updates(); // confirms
    await emu.waitForIdle({ timeoutMs: 2_000 });
  });
});
