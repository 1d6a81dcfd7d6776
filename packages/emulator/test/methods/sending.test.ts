import { ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/TestBot.js';

let emu: Emulator;
let bot: TestBot;

beforeEach(async () => {
  emu = new Emulator({ clock: new ManualClock(1_700_000_000_000), floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'sender_bot' }));
});

afterEach(async () => {
  await emu.stop();
});

describe('sendMessage', () => {
  it('turns tg://user links of known people into text_mention, in texts, captions and edits', async () => {
    const alice = emu.createUser({ firstName: 'Alice', username: 'alice' });
    emu.privateChat(alice, bot.account);
    const sent = await bot.call('sendMessage', {
      chat_id: alice.id,
      text: `Hi [Alice](tg://user?id=${alice.id}) and [ghost](tg://user?id=42)`,
      parse_mode: 'MarkdownV2',
    });
    expect(sent.entities).toEqual([
      {
        type: 'text_mention',
        offset: 3,
        length: 5,
        user: {
          id: alice.id,
          is_bot: false,
          first_name: 'Alice',
          username: 'alice',
          language_code: 'en',
        },
      },
      { type: 'text_link', offset: 13, length: 5, url: 'tg://user?id=42' },
    ]);
    const edited = await bot.call('editMessageText', {
      chat_id: alice.id,
      message_id: sent.message_id,
      text: `<a href="tg://user?id=${alice.id}">you</a>`,
      parse_mode: 'HTML',
    });
    expect(edited.entities[0]).toMatchObject({ type: 'text_mention', user: { id: alice.id } });
    const photo = await bot.call('sendPhoto', {
      chat_id: alice.id,
      photo: 'https://example.org/p.jpg',
      caption: `<a href="tg://user?id=${bot.id}">me</a>`,
      parse_mode: 'HTML',
    });
    expect(photo.caption_entities[0]).toMatchObject({
      type: 'text_mention',
      user: { id: bot.id, is_bot: true },
    });
    const album = await bot.call('sendMediaGroup', {
      chat_id: alice.id,
      media: [
        {
          type: 'photo',
          media: 'https://example.org/1.jpg',
          caption: `[Alice](tg://user?id=${alice.id})`,
          parse_mode: 'Markdown',
        },
        { type: 'photo', media: 'https://example.org/2.jpg' },
      ],
    });
    expect(album[0].caption_entities[0]).toMatchObject({
      type: 'text_mention',
      user: { id: alice.id },
    });
  });

  it('numbers messages per chat, starting at 1 in each chat', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const bob = emu.createUser({ firstName: 'Bob' });
    emu.privateChat(alice, bot.account);
    emu.privateChat(bob, bot.account);
    const a1 = await bot.call('sendMessage', { chat_id: alice.id, text: 'one' });
    const a2 = await bot.call('sendMessage', { chat_id: alice.id, text: 'two' });
    const b1 = await bot.call('sendMessage', { chat_id: bob.id, text: 'one' });
    expect([a1.message_id, a2.message_id, b1.message_id]).toEqual([1, 2, 1]);
    expect(a1.chat).toEqual({ id: alice.id, type: 'private', first_name: 'Alice' });
    expect(a1.from).toMatchObject({ id: bot.id, is_bot: true, username: 'sender_bot' });
    expect(a1.date).toBe(1_700_000_000);
  });

  it('parses HTML and MarkdownV2 into entities with UTF-16 offsets', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    emu.privateChat(alice, bot.account);
    const html = await bot.call('sendMessage', {
      chat_id: alice.id,
      text: '😀 <b>bold</b> <a href="https://x.org">link</a> &lt;ok&gt;',
      parse_mode: 'HTML',
    });
    expect(html.text).toBe('😀 bold link <ok>');
    expect(html.entities).toEqual([
      { type: 'bold', offset: 3, length: 4 },
      { type: 'text_link', offset: 8, length: 4, url: 'https://x.org' },
    ]);
    const md = await bot.call('sendMessage', {
      chat_id: alice.id,
      text: '*bold* _it_ `code` 1\\.5',
      parse_mode: 'MarkdownV2',
    });
    expect(md.text).toBe('bold it code 1.5');
    expect(md.entities.map((e: { type: string }) => e.type)).toEqual(['bold', 'italic', 'code']);
  });

  it('rejects bad markup, empty and too long text with Telegram’s errors', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    emu.privateChat(alice, bot.account);
    const markup = await bot.fails('sendMessage', {
      chat_id: alice.id,
      text: 'a.b',
      parse_mode: 'MarkdownV2',
    });
    expect(markup.description).toBe(
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    const tag = await bot.fails('sendMessage', {
      chat_id: alice.id,
      text: '<b>x',
      parse_mode: 'HTML',
    });
    expect(tag.description).toContain("can't parse entities");
    const empty = await bot.fails('sendMessage', {
      chat_id: alice.id,
      text: '<b></b>  ',
      parse_mode: 'HTML',
    });
    expect(empty.description).toBe('Bad Request: message text is empty');
    const long = await bot.fails('sendMessage', { chat_id: alice.id, text: 'x'.repeat(4097) });
    expect(long.description).toBe('Bad Request: message is too long');
  });

  it('answers chat not found, can’t initiate and blocked the way Telegram does', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    expect((await bot.fails('sendMessage', { chat_id: 42, text: 'x' })).description).toBe(
      'Bad Request: chat not found',
    );
    const initiate = await bot.fails('sendMessage', { chat_id: alice.id, text: 'x' });
    expect([initiate.errorCode, initiate.description]).toEqual([
      403,
      "Forbidden: bot can't initiate conversation with a user",
    ]);
    emu.privateChat(alice, bot.account);
    alice.blockBot(bot.account);
    const blocked = await bot.fails('sendMessage', { chat_id: alice.id, text: 'x' });
    expect([blocked.errorCode, blocked.description]).toEqual([
      403,
      'Forbidden: bot was blocked by the user',
    ]);
    const update = await bot.next('my_chat_member');
    expect(update.new_chat_member.status).toBe('kicked');
  });

  it('replies to a message and refuses a missing one unless allowed', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, bot.account);
    const hi = await alice.sendMessage(chat, 'hi');
    const reply = await bot.call('sendMessage', {
      chat_id: alice.id,
      text: 'hello',
      reply_parameters: { message_id: hi.message_id },
    });
    expect(reply.reply_to_message).toMatchObject({ message_id: hi.message_id, text: 'hi' });
    const missing = await bot.fails('sendMessage', {
      chat_id: alice.id,
      text: 'x',
      reply_parameters: { message_id: 99 },
    });
    expect(missing.description).toBe('Bad Request: message to be replied not found');
    const allowed = await bot.call('sendMessage', {
      chat_id: alice.id,
      text: 'x',
      reply_parameters: { message_id: 99, allow_sending_without_reply: true },
    });
    expect(allowed.reply_to_message).toBeUndefined();
  });

  it('keeps inline keyboards on the message and validates callback data', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, bot.account);
    const keyboard = { inline_keyboard: [[{ text: 'Yes', callback_data: 'y' }]] };
    const sent = await bot.call('sendMessage', {
      chat_id: alice.id,
      text: 'ok?',
      reply_markup: keyboard,
    });
    expect(sent.reply_markup).toEqual(keyboard);
    const tooLong = await bot.fails('sendMessage', {
      chat_id: alice.id,
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'x'.repeat(65) }]] },
    });
    expect(tooLong.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    await bot.call('sendMessage', {
      chat_id: alice.id,
      text: 'pick',
      reply_markup: { keyboard: [['Red', 'Blue']], one_time_keyboard: true },
    });
    expect(chat.replyKeyboard).toMatchObject({ keyboard: [['Red', 'Blue']] });
    const picked = await alice.pressKeyboardButton(chat, 'Blue');
    expect(picked.text).toBe('Blue');
    expect(chat.replyKeyboard).toBeUndefined();
  });

  it('refuses reply keyboards with malformed rows or buttons, as Telegram does', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, bot.account);
    const cases: [unknown, string][] = [
      // A sparse array (new Array(n)) serializes its holes as null.
      [[[null]], "can't parse keyboard button: KeyboardButton must be a String or an Object"],
      [[['a', 5]], "can't parse keyboard button: KeyboardButton must be a String or an Object"],
      [[[['nested']]], "can't parse keyboard button: KeyboardButton must be a String or an Object"],
      [[[{ text: true }]], 'can\'t parse keyboard button: Field "text" must be of type String'],
      [[['a'], 'b'], 'field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays'],
    ];
    for (const [keyboard, description] of cases) {
      const refused = await bot.fails('sendMessage', {
        chat_id: alice.id,
        text: 'pick',
        reply_markup: { keyboard },
      });
      expect(refused.description, JSON.stringify(keyboard)).toBe(`Bad Request: ${description}`);
    }
    expect(chat.history()).toEqual([]);
    expect(chat.replyKeyboard).toBeUndefined();
    // A number is read as the button's text, as Telegram's JSON reader does.
    await bot.call('sendMessage', {
      chat_id: alice.id,
      text: 'pick',
      reply_markup: { keyboard: [[{ text: 5 }, '6']] },
    });
    expect(chat.replyKeyboard?.keyboard).toEqual([[{ text: '5' }, '6']]);
    expect((await alice.pressKeyboardButton(chat, '5')).text).toBe('5');
  });

  it('refuses inline keyboards with malformed buttons, and reads numbers as strings', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, bot.account);
    const cases: [unknown, string][] = [
      [[[null]], "can't parse inline keyboard button: InlineKeyboardButton must be an Object"],
      [[['Yes']], "can't parse inline keyboard button: InlineKeyboardButton must be an Object"],
      [
        [[{ text: 'Docs', url: null }]],
        'can\'t parse inline keyboard button: Field "url" must be of type String',
      ],
      [
        [[{ text: 'a', callback_data: { id: 1 } }]],
        'can\'t parse inline keyboard button: Field "callback_data" must be of type String',
      ],
    ];
    for (const [rows, description] of cases) {
      const refused = await bot.fails('sendMessage', {
        chat_id: alice.id,
        text: 'menu',
        reply_markup: { inline_keyboard: rows },
      });
      expect(refused.description, JSON.stringify(rows)).toBe(`Bad Request: ${description}`);
    }
    const menu = await bot.call('sendMessage', {
      chat_id: alice.id,
      text: 'menu',
      reply_markup: { inline_keyboard: [[{ text: 7, callback_data: 42 }]] },
    });
    expect(menu.reply_markup).toEqual({ inline_keyboard: [[{ text: '7', callback_data: '42' }]] });
    const pressing = alice.pressButton(menu, '7');
    const query = await bot.next('callback_query');
    expect(query.data).toBe('42');
    await bot.call('answerCallbackQuery', { callback_query_id: query.id });
    await pressing;
    expect(chat.history()).toHaveLength(1);
  });
});

describe('other send methods', () => {
  it('send locations, venues, contacts, polls and dice', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    emu.privateChat(alice, bot.account);
    const loc = await bot.call('sendLocation', {
      chat_id: alice.id,
      latitude: 52.5,
      longitude: 13.4,
    });
    expect(loc.location).toEqual({ latitude: 52.5, longitude: 13.4 });
    const venue = await bot.call('sendVenue', {
      chat_id: alice.id,
      latitude: 1,
      longitude: 2,
      title: 'Cafe',
      address: 'Main St',
    });
    expect(venue.venue).toMatchObject({ title: 'Cafe', address: 'Main St' });
    const contact = await bot.call('sendContact', {
      chat_id: alice.id,
      phone_number: '+1',
      first_name: 'Al',
    });
    expect(contact.contact).toEqual({ phone_number: '+1', first_name: 'Al' });
    const poll = await bot.call('sendPoll', {
      chat_id: alice.id,
      question: 'Q?',
      options: [{ text: 'a' }, { text: 'b' }],
    });
    expect(poll.poll).toMatchObject({ question: 'Q?', is_closed: false, type: 'regular' });
    expect(poll.poll.options.map((o: { text: string }) => o.text)).toEqual(['a', 'b']);
    expect(
      (await bot.fails('sendPoll', { chat_id: alice.id, question: 'Q', options: [{ text: 'a' }] }))
        .errorCode,
    ).toBe(400);
    const dice = await bot.call('sendDice', { chat_id: alice.id, emoji: '🎯' });
    expect(dice.dice.value).toBeGreaterThanOrEqual(1);
    expect(dice.dice.value).toBeLessThanOrEqual(6);
    expect(
      (await bot.fails('sendLocation', { chat_id: alice.id, latitude: 91, longitude: 0 }))
        .description,
    ).toBe('Bad Request: wrong latitude specified');
  });

  it('reports chat actions to observers and rejects unknown actions', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    emu.privateChat(alice, bot.account);
    const seen: string[] = [];
    emu.world.on('chatAction', (e) => seen.push(e.action));
    expect(await bot.call('sendChatAction', { chat_id: alice.id, action: 'typing' })).toBe(true);
    expect(seen).toEqual(['typing']);
    expect(
      (await bot.fails('sendChatAction', { chat_id: alice.id, action: 'dancing' })).description,
    ).toBe('Bad Request: wrong parameter action in request');
  });

  it('forwards with the original author and copies without it', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const bob = emu.createUser({ firstName: 'Bob' });
    const aliceChat = emu.privateChat(alice, bot.account);
    emu.privateChat(bob, bot.account);
    const hi = await alice.sendMessage(aliceChat, 'hi there');
    const fwd = await bot.call('forwardMessage', {
      chat_id: bob.id,
      from_chat_id: alice.id,
      message_id: hi.message_id,
    });
    expect(fwd.text).toBe('hi there');
    expect(fwd.forward_origin).toMatchObject({ type: 'user', sender_user: { id: alice.id } });
    const copy = await bot.call('copyMessage', {
      chat_id: bob.id,
      from_chat_id: alice.id,
      message_id: hi.message_id,
    });
    const copied = emu.privateChat(bob, bot.account).message(copy.message_id);
    expect(copied?.text).toBe('hi there');
    expect(copied?.forward_origin).toBeUndefined();
    const ids = await bot.call('forwardMessages', {
      chat_id: bob.id,
      from_chat_id: alice.id,
      message_ids: [hi.message_id, 77],
    });
    expect(ids).toHaveLength(1);
    expect(
      (
        await bot.fails('forwardMessage', {
          chat_id: bob.id,
          from_chat_id: alice.id,
          message_id: 77,
        })
      ).description,
    ).toBe('Bad Request: message to forward not found');
  });
});
