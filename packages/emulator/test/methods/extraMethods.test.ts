import { ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import type { SimUser } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/TestBot.js';

let emu: Emulator;
let bot: TestBot;
let alice: SimUser;

beforeEach(async () => {
  emu = new Emulator({ clock: new ManualClock(), floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'extra_bot' }));
  alice = emu.createUser({ firstName: 'Alice' });
});

afterEach(async () => {
  await emu.stop();
});

describe('methods beyond the core set', () => {
  it('stopPoll closes the bot’s poll once', async () => {
    emu.privateChat(alice, bot.account);
    const poll = await bot.call('sendPoll', {
      chat_id: alice.id,
      question: 'Q',
      options: [{ text: 'a' }, { text: 'b' }],
    });
    const stopped = await bot.call('stopPoll', { chat_id: alice.id, message_id: poll.message_id });
    expect(stopped.is_closed).toBe(true);
    expect(
      (await bot.fails('stopPoll', { chat_id: alice.id, message_id: poll.message_id })).description,
    ).toBe('Bad Request: poll has already been closed');
  });

  it('setMyName changes what getMe and getMyName report', async () => {
    await bot.call('setMyName', { name: 'Helper' });
    expect(await bot.call('getMyName')).toEqual({ name: 'Helper' });
    expect((await bot.call('getMe')).first_name).toBe('Helper');
    await bot.call('setMyDescription', { description: 'Does things', language_code: 'en' });
    expect(await bot.call('getMyDescription', { language_code: 'en' })).toEqual({
      description: 'Does things',
    });
  });

  it('invite links and chat photos need admin rights', async () => {
    const group = emu.createGroup({ title: 'G', members: [alice, bot.account] });
    expect((await bot.fails('exportChatInviteLink', { chat_id: group.id })).description).toBe(
      'Bad Request: not enough rights to invite users',
    );
    const admin = emu.createGroup({
      title: 'H',
      members: [alice, bot.account],
      admins: [bot.account],
    });
    expect(await bot.call('exportChatInviteLink', { chat_id: admin.id })).toMatch(
      /^https:\/\/t\.me\/\+/,
    );
    const link = await bot.call('createChatInviteLink', { chat_id: admin.id, name: 'friends' });
    expect(link).toMatchObject({ name: 'friends', is_revoked: false, creator: { id: bot.id } });
    expect(
      await bot.call('revokeChatInviteLink', { chat_id: admin.id, invite_link: link.invite_link }),
    ).toMatchObject({ is_revoked: true });
    await bot.upload(
      'setChatPhoto',
      { chat_id: String(admin.id) },
      { photo: { data: Buffer.from('jpeg-ish') } },
    );
    expect(admin.history().at(-1)?.new_chat_photo).toHaveLength(1);
  });

  it('answers lookups of things the emulator does not have the way Telegram does', async () => {
    expect((await bot.fails('getStickerSet', { name: 'nope' })).description).toBe(
      'Bad Request: STICKERSET_INVALID',
    );
    expect(await bot.call('getAvailableGifts')).toEqual({ gifts: [] });
    expect(
      await bot.call('createInvoiceLink', {
        title: 'T',
        description: 'D',
        payload: 'p',
        currency: 'XTR',
        prices: [{ label: 'x', amount: 1 }],
      }),
    ).toMatch(/^https:\/\/t\.me\/\$/);
  });
});
