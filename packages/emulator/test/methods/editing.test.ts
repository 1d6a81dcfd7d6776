import { ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import type { SimChat, SimUser } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/TestBot.js';

const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

let emu: Emulator;
let bot: TestBot;
let alice: SimUser;
let chat: SimChat;

beforeEach(async () => {
  emu = new Emulator({ clock: new ManualClock(1_700_000_000_000), floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'editor_bot' }));
  alice = emu.createUser({ firstName: 'Alice' });
  chat = emu.privateChat(alice, bot.account);
});

afterEach(async () => {
  await emu.stop();
});

describe('editMessageText', () => {
  it('changes the text, stamps edit_date and shows the edit to observers', async () => {
    const sent = await bot.call('sendMessage', { chat_id: alice.id, text: 'v1' });
    const edited = await bot.call('editMessageText', {
      chat_id: alice.id,
      message_id: sent.message_id,
      text: '<i>v2</i>',
      parse_mode: 'HTML',
    });
    expect(edited.text).toBe('v2');
    expect(edited.entities).toEqual([{ type: 'italic', offset: 0, length: 2 }]);
    expect(edited.edit_date).toBe(1_700_000_000);
    expect(chat.message(sent.message_id)?.text).toBe('v2');
    expect((await chat.nextBotEdit()).text).toBe('v2');
  });

  it('answers "message is not modified" when nothing changes', async () => {
    const keyboard = { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] };
    const sent = await bot.call('sendMessage', {
      chat_id: alice.id,
      text: 'same',
      reply_markup: keyboard,
    });
    const same = await bot.fails('editMessageText', {
      chat_id: alice.id,
      message_id: sent.message_id,
      text: 'same',
      reply_markup: keyboard,
    });
    expect(same.description).toBe(NOT_MODIFIED);
    // Leaving out reply_markup removes the keyboard, which is a change.
    const dropped = await bot.call('editMessageText', {
      chat_id: alice.id,
      message_id: sent.message_id,
      text: 'same',
    });
    expect(dropped.reply_markup).toBeUndefined();
  });

  it('refuses unknown messages and other people’s messages', async () => {
    expect(
      (await bot.fails('editMessageText', { chat_id: alice.id, message_id: 5, text: 'x' }))
        .description,
    ).toBe('Bad Request: message to edit not found');
    const hers = await alice.sendMessage(chat, 'mine');
    expect(
      (
        await bot.fails('editMessageText', {
          chat_id: alice.id,
          message_id: hers.message_id,
          text: 'x',
        })
      ).description,
    ).toBe("Bad Request: message can't be edited");
  });
});

describe('editMessageReplyMarkup and editMessageCaption', () => {
  it('replace the keyboard, and the caption of media messages only', async () => {
    const sent = await bot.call('sendMessage', {
      chat_id: alice.id,
      text: 'menu',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    });
    const changed = await bot.call('editMessageReplyMarkup', {
      chat_id: alice.id,
      message_id: sent.message_id,
      reply_markup: { inline_keyboard: [[{ text: 'B', callback_data: 'b' }]] },
    });
    expect(changed.reply_markup.inline_keyboard[0][0].text).toBe('B');
    expect(changed.edit_date).toBeUndefined();
    const noCaption = await bot.fails('editMessageCaption', {
      chat_id: alice.id,
      message_id: sent.message_id,
      caption: 'c',
    });
    expect(noCaption.description).toBe('Bad Request: there is no caption in the message to edit');
  });
});

describe('deleteMessage', () => {
  it('deletes messages, then answers "message to delete not found"', async () => {
    const sent = await bot.call('sendMessage', { chat_id: alice.id, text: 'bye' });
    const deleted: number[][] = [];
    emu.world.on('delete', (e) => deleted.push(e.messageIds));
    expect(
      await bot.call('deleteMessage', { chat_id: alice.id, message_id: sent.message_id }),
    ).toBe(true);
    expect(chat.message(sent.message_id)).toBeUndefined();
    expect(deleted).toEqual([[sent.message_id]]);
    expect(
      (await bot.fails('deleteMessage', { chat_id: alice.id, message_id: sent.message_id }))
        .description,
    ).toBe('Bad Request: message to delete not found');
  });

  it('deletes several at once and skips missing ones', async () => {
    const a = await bot.call('sendMessage', { chat_id: alice.id, text: 'a' });
    const b = await alice.sendMessage(chat, 'b');
    expect(
      await bot.call('deleteMessages', {
        chat_id: alice.id,
        message_ids: [a.message_id, b.message_id, 99],
      }),
    ).toBe(true);
    expect(chat.history()).toEqual([]);
  });

  it('in groups deletes others’ messages only with the right', async () => {
    const group = emu.createGroup({ title: 'G', members: [alice, bot.account] });
    const hers = await alice.sendMessage(group, 'spam');
    const refused = await bot.fails('deleteMessage', {
      chat_id: group.id,
      message_id: hers.message_id,
    });
    expect(refused.description).toBe("Bad Request: message can't be deleted");
    const admins = emu.createGroup({
      title: 'H',
      members: [alice, bot.account],
      admins: [bot.account],
    });
    const spam = await alice.sendMessage(admins, 'spam');
    expect(
      await bot.call('deleteMessage', { chat_id: admins.id, message_id: spam.message_id }),
    ).toBe(true);
  });
});

describe('deleteMessage limits', () => {
  const HOUR = 3_600_000;
  const CANT = "Bad Request: message can't be deleted";

  it('refuses messages older than 48 hours; deleteMessages skips them silently', async () => {
    const old = await bot.call('sendMessage', { chat_id: alice.id, text: 'old' });
    await (emu.world.clock as ManualClock).advance(47 * HOUR);
    const recent = await bot.call('sendMessage', { chat_id: alice.id, text: 'recent' });
    const young = await bot.call('sendMessage', { chat_id: alice.id, text: 'young' });
    await (emu.world.clock as ManualClock).advance(HOUR);
    expect(
      (await bot.fails('deleteMessage', { chat_id: alice.id, message_id: old.message_id }))
        .description,
    ).toBe(CANT);
    expect(
      await bot.call('deleteMessages', {
        chat_id: alice.id,
        message_ids: [old.message_id, recent.message_id],
      }),
    ).toBe(true);
    expect(chat.message(old.message_id)?.text).toBe('old');
    expect(chat.message(recent.message_id)).toBeUndefined();
    expect(
      await bot.call('deleteMessage', { chat_id: alice.id, message_id: young.message_id }),
    ).toBe(true);
  });

  it('keeps a private dice for its first 24 hours', async () => {
    const dice = await bot.call('sendDice', { chat_id: alice.id });
    const params = { chat_id: alice.id, message_id: dice.message_id };
    expect((await bot.fails('deleteMessage', params)).description).toBe(CANT);
    await (emu.world.clock as ManualClock).advance(25 * HOUR);
    expect(await bot.call('deleteMessage', params)).toBe(true);
  });

  it('never deletes the "supergroup created" service message, even as an admin', async () => {
    const group = emu.createGroup({
      title: 'Team',
      members: [alice, bot.account],
      admins: [bot.account],
    });
    const created = group.history()[0];
    expect(created?.supergroup_chat_created).toBe(true);
    const answer = await bot.fails('deleteMessage', {
      chat_id: group.id,
      message_id: created?.message_id,
    });
    expect(answer.description).toBe(CANT);
  });
});

describe('user edits', () => {
  it('reach the bot as edited_message', async () => {
    const hi = await alice.sendMessage(chat, 'helo');
    expect((await bot.next('message')).text).toBe('helo');
    await alice.editMessage(chat, hi, 'hello');
    const edited = await bot.next('edited_message');
    expect(edited).toMatchObject({ message_id: hi.message_id, text: 'hello' });
  });
});
