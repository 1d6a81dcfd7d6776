// The control API over real HTTP on loopback: every /control/... route driven with plain fetch,
// with a test bot answering on the bot side, and bad input answered with clear 4xx JSON errors.
import { ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventStreamReader } from '../support/EventStreamReader.js';
import { TestBot } from '../helpers/TestBot.js';

interface Answer {
  status: number;
  body: { ok: boolean; result?: any; error?: { code: string; message: string } };
}

let emu: Emulator;
let bot: TestBot;

/** Calls a control route with an optional JSON body (a string body is sent as is). */
async function control(method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${emu.apiRoot}/control${path}`, {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** The result of a control call that must succeed. */
async function ok(method: string, path: string, body?: unknown): Promise<any> {
  const answer = await control(method, path, body);
  expect(answer, JSON.stringify(answer.body)).toMatchObject({ status: 200, body: { ok: true } });
  return answer.body.result;
}

/** A user and the private chat key with the test bot, made through the control API. */
async function aliceInChat(): Promise<{ userId: number; key: string }> {
  const alice = await ok('POST', '/users', { firstName: 'Alice' });
  const chat = await ok('POST', '/chats', { type: 'private', userId: alice.id, botId: bot.id });
  return { userId: alice.id as number, key: chat.key as string };
}

beforeEach(async () => {
  emu = new Emulator({ clock: new ManualClock(1_700_000_000_000), floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'control_bot' }));
});

afterEach(async () => {
  await emu.stop();
});

describe('control routes: accounts and chats', () => {
  it('creates users and bots and lists them, showing a token only on creation', async () => {
    const alice = await ok('POST', '/users', { firstName: 'Alice', username: 'alice' });
    expect(alice).toMatchObject({ is_bot: false, first_name: 'Alice', username: 'alice' });
    expect(await ok('GET', '/users')).toEqual([alice]);

    const made = await ok('POST', '/bots', { username: 'second_bot', firstName: 'Second' });
    expect(made).toMatchObject({ username: 'second_bot', first_name: 'Second' });
    expect(made.token).toMatch(new RegExp(`^${made.id}:`));
    const bots = await ok('GET', '/bots');
    expect(bots.map((b: { username: string }) => b.username)).toEqual([
      'control_bot',
      'second_bot',
    ]);
    expect(JSON.stringify(bots)).not.toContain(made.token);
    // The new bot's token works on the bot side.
    const me = await fetch(`${emu.apiRoot}/bot${made.token}/getMe`);
    expect(((await me.json()) as { result: { id: number } }).result.id).toBe(made.id);
  });

  it('creates private chats and groups, lists them by member and gets one by key', async () => {
    const { userId, key } = await aliceInChat();
    expect(key).toBe(`p${userId}_${bot.id}`);
    const bob = await ok('POST', '/users', { firstName: 'Bob' });
    const group = await ok('POST', '/chats', {
      type: 'supergroup',
      title: 'Team',
      memberIds: [userId, bob.id],
      botIds: [bot.id],
    });
    expect(group).toMatchObject({ type: 'supergroup', title: 'Team', botIds: [bot.id] });
    expect(group.userIds).toEqual([userId, bob.id]);
    expect(group.key).toBe(String(group.id));
    expect((await bot.next('my_chat_member')).new_chat_member.status).toBe('member');

    const alicesChats = await ok('GET', `/chats?userId=${userId}`);
    expect(alicesChats.map((c: { key: string }) => c.key)).toEqual([key, group.key]);
    const bobsChats = await ok('GET', `/chats?userId=${bob.id}`);
    expect(bobsChats.map((c: { key: string }) => c.key)).toEqual([group.key]);
    expect(await ok('GET', `/chats/${group.key}`)).toMatchObject({ key: group.key, title: 'Team' });
  });
});

describe('control routes: what people do', () => {
  it('sends a message the bot receives, and the history shows both sides', async () => {
    const { userId, key } = await aliceInChat();
    const sent = await ok('POST', `/chats/${key}/messages`, { userId, text: '/start now' });
    expect(sent).toMatchObject({
      text: '/start now',
      from: { id: userId },
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    });
    const update = await bot.next('message');
    expect(update).toMatchObject({ message_id: sent.message_id, text: '/start now' });
    await bot.call('sendMessage', {
      chat_id: userId,
      text: 'hello',
      reply_parameters: { message_id: sent.message_id },
    });
    const reply = await ok('POST', `/chats/${key}/messages`, {
      userId,
      text: 'thanks',
      replyToMessageId: sent.message_id,
    });
    expect(reply.reply_to_message.message_id).toBe(sent.message_id);
    const history = await ok('GET', `/chats/${key}/messages`);
    expect(history.map((m: { text: string }) => m.text)).toEqual(['/start now', 'hello', 'thanks']);
  });

  it('edits and deletes the person’s own message; the bot sees the edit only', async () => {
    const { userId, key } = await aliceInChat();
    const sent = await ok('POST', `/chats/${key}/messages`, { userId, text: 'typo' });
    await bot.next('message');
    const edited = await ok('POST', `/chats/${key}/messages/${sent.message_id}/edit`, {
      userId,
      text: 'fixed',
    });
    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'fixed' });
    expect((await bot.next('edited_message')).text).toBe('fixed');
    // Blank once Telegram's clean-up has run (\r dropped, ends trimmed): refused, as on a phone.
    const blank = await control('POST', `/chats/${key}/messages/${sent.message_id}/edit`, {
      userId,
      text: ' \r\n ',
    });
    expect(blank).toMatchObject({ status: 400, body: { error: { code: 'invalid_option' } } });
    expect((await ok('GET', `/chats/${key}/messages`))[0].text).toBe('fixed');
    const reply = await bot.call('sendMessage', { chat_id: userId, text: 'noted' });
    const notYours = await control('POST', `/chats/${key}/messages/${reply.message_id}/delete`, {
      userId,
    });
    expect(notYours).toMatchObject({ status: 400, body: { error: { code: 'not_yours' } } });
    await ok('POST', `/chats/${key}/messages/${sent.message_id}/delete`, { userId });
    const history = await ok('GET', `/chats/${key}/messages`);
    expect(history.map((m: { text: string }) => m.text)).toEqual(['noted']);
    expect(await bot.updates()).toEqual([]);
  });

  it('presses an inline button and returns the bot’s callback answer', async () => {
    const { userId, key } = await aliceInChat();
    const menu = await bot.call('sendMessage', {
      chat_id: userId,
      text: 'Menu',
      reply_markup: { inline_keyboard: [[{ text: 'Like', callback_data: 'like' }]] },
    });
    const pressing = ok('POST', `/chats/${key}/messages/${menu.message_id}/press`, {
      userId,
      button: 'Like',
    });
    const query = await bot.next('callback_query');
    expect(query).toMatchObject({ data: 'like', from: { id: userId } });
    await bot.call('answerCallbackQuery', {
      callback_query_id: query.id,
      text: 'Liked!',
      show_alert: true,
    });
    expect(await pressing).toEqual({ text: 'Liked!', showAlert: true });
  });

  it('presses a reply-keyboard button, which sends its text', async () => {
    const { userId, key } = await aliceInChat();
    await bot.call('sendMessage', {
      chat_id: userId,
      text: 'Pick',
      reply_markup: { keyboard: [[{ text: 'Red' }, { text: 'Blue' }]], one_time_keyboard: true },
    });
    expect((await ok('GET', `/chats/${key}`)).replyKeyboard.keyboard[0][1].text).toBe('Blue');
    const sent = await ok('POST', `/chats/${key}/keyboard`, { userId, button: 'Blue' });
    expect(sent).toMatchObject({ text: 'Blue', from: { id: userId } });
    expect((await bot.next('message')).text).toBe('Blue');
    expect((await ok('GET', `/chats/${key}`)).replyKeyboard).toBeUndefined();
  });

  it('types an inline query, gets the results and chooses one', async () => {
    const { userId, key } = await aliceInChat();
    const asking = ok('POST', '/inline', {
      userId,
      botId: bot.id,
      query: 'cats',
      chatKey: key,
      offset: '',
    });
    const query = await bot.next('inline_query');
    expect(query).toMatchObject({ query: 'cats', from: { id: userId }, chat_type: 'sender' });
    await bot.call('answerInlineQuery', {
      inline_query_id: query.id,
      next_offset: '10',
      results: [
        {
          type: 'article',
          id: 'tabby',
          title: 'Tabby',
          input_message_content: { message_text: 'A tabby cat' },
        },
      ],
    });
    const answer = await asking;
    expect(answer).toMatchObject({ queryId: query.id, nextOffset: '10' });
    expect(answer.results.map((r: { id: string }) => r.id)).toEqual(['tabby']);
    const sent = await ok('POST', `/inline/${answer.queryId}/choose`, {
      userId,
      resultId: 'tabby',
      chatKey: key,
    });
    expect(sent).toMatchObject({ text: 'A tabby cat', via_bot: { id: bot.id } });
    expect((await bot.next('chosen_inline_result')).result_id).toBe('tabby');

    // The same query again is served from the cache (no update), and both answers stay usable.
    const cached = await ok('POST', '/inline', { userId, botId: bot.id, query: 'cats' });
    expect(cached.queryId).not.toBe(answer.queryId);
    expect(cached.results.map((r: { id: string }) => r.id)).toEqual(['tabby']);
    expect((await bot.updates()).some((u) => u.inline_query !== undefined)).toBe(false);
    for (const queryId of [answer.queryId, cached.queryId]) {
      const again = await ok('POST', `/inline/${queryId}/choose`, {
        userId,
        resultId: 'tabby',
        chatKey: key,
      });
      expect(again.text).toBe('A tabby cat');
    }
  });

  it('pays an invoice: the bot confirms the pre-checkout query and gets the payment', async () => {
    const { userId, key } = await aliceInChat();
    const invoice = await bot.call('sendInvoice', {
      chat_id: userId,
      title: 'Coffee',
      description: 'A cup',
      payload: 'order-1',
      currency: 'XTR',
      prices: [{ label: 'Coffee', amount: 5 }],
    });
    const paying = ok('POST', `/chats/${key}/messages/${invoice.message_id}/pay`, { userId });
    const checkout = await bot.next('pre_checkout_query');
    expect(checkout).toMatchObject({ invoice_payload: 'order-1', total_amount: 5 });
    await bot.call('answerPreCheckoutQuery', { pre_checkout_query_id: checkout.id, ok: true });
    const paid = await paying;
    expect(paid.successful_payment).toMatchObject({ currency: 'XTR', total_amount: 5 });
    expect((await bot.next('message')).successful_payment?.invoice_payload).toBe('order-1');
  });

  it('sends a photo and a document as the person; the bot downloads the same bytes', async () => {
    const { userId, key } = await aliceInChat();
    const bytes = Buffer.from('%PDF-1.4 tiny');
    const sent = await ok('POST', `/chats/${key}/files`, {
      userId,
      kind: 'document',
      data: bytes.toString('base64'),
      fileName: 'tiny.pdf',
      mimeType: 'application/pdf',
      caption: 'read me',
    });
    expect(sent).toMatchObject({ caption: 'read me', document: { file_name: 'tiny.pdf' } });
    const update = await bot.next('message');
    const file = await bot.call('getFile', { file_id: update.document?.file_id });
    const download = await fetch(`${emu.apiRoot}/file/bot${bot.account.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    const notBase64 = await control('POST', `/chats/${key}/files`, { userId, data: 'not base64!' });
    expect(notBase64).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    const badKind = await control('POST', `/chats/${key}/files`, {
      userId,
      kind: 'video',
      data: 'AA==',
    });
    expect(badKind.body.error?.message).toMatch(/kind must be/);
    const badType = await control('POST', `/chats/${key}/files`, {
      userId,
      data: 'AA==',
      mimeType: 'text/plain\r\nx-injected: 1',
    });
    expect(badType).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect(badType.body.error?.message).toMatch(/mimeType must be a MIME type/);
  });

  it('serves a file whose MIME type is no valid header by its extension, not with a 500', async () => {
    const { userId, key } = await aliceInChat();
    // The JS API (and a bot's inline result by URL) may give any string as the MIME type.
    const sent = await emu.user(userId)!.sendDocument(emu.chat(key), {
      data: Buffer.from('odd'),
      fileName: 'odd.txt',
      mimeType: 'text/plain\r\nx-injected: 1',
    });
    const res = await fetch(`${emu.apiRoot}/control/files/${sent.document?.file_id ?? ''}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('x-injected')).toBeNull();
    expect(await res.text()).toBe('odd');
  });

  it('serves the bytes of a file a bot sent, and 404 JSON for an unknown file', async () => {
    const { userId, key } = await aliceInChat();
    const form = new FormData();
    form.append('chat_id', String(userId));
    form.append('document', new Blob(['file body'], { type: 'text/plain' }), 'note.txt');
    await fetch(`${emu.apiRoot}/bot${bot.account.token}/sendDocument`, {
      method: 'POST',
      body: form,
    });
    const [message] = await ok('GET', `/chats/${key}/messages`);
    const res = await fetch(`${emu.apiRoot}/control/files/${message.document.file_id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(await res.text()).toBe('file body');
    const missing = await control('GET', '/files/nope');
    expect(missing).toMatchObject({
      status: 404,
      body: { ok: false, error: { code: 'unknown_file' } },
    });
  });
});

describe('control routes: joining, leaving and waiting for quiet', () => {
  it('joins and leaves a group; the admin bot is told, and joining twice is harmless', async () => {
    const alice = await ok('POST', '/users', { firstName: 'Alice' });
    const bob = await ok('POST', '/users', { firstName: 'Bob' });
    const group = await ok('POST', '/chats', {
      type: 'supergroup',
      title: 'Club',
      memberIds: [alice.id],
      botIds: [bot.id],
    });
    emu.chat(group.key).record.setStatus(bot.account, 'administrator');
    // chat_member updates come only to bots that ask for them.
    await bot.call('getUpdates', { allowed_updates: ['message', 'chat_member'], timeout: 0 });
    await bot.updates();
    const joined = await ok('POST', `/chats/${group.key}/join`, { userId: bob.id });
    expect(joined.userIds).toEqual([alice.id, bob.id]);
    expect(await ok('POST', `/chats/${group.key}/join`, { userId: bob.id })).toEqual(joined);
    const seen = await bot.updates();
    expect(seen.find((u) => u.chat_member)?.chat_member?.new_chat_member).toMatchObject({
      status: 'member',
      user: { id: bob.id },
    });
    expect(seen.find((u) => u.message)?.message?.new_chat_members?.[0]?.id).toBe(bob.id);

    const left = await ok('POST', `/chats/${group.key}/leave`, { userId: bob.id });
    expect(left.userIds).toEqual([alice.id]);
    expect((await bot.next('message')).left_chat_member?.id).toBe(bob.id);
    const again = await control('POST', `/chats/${group.key}/leave`, { userId: bob.id });
    expect(again).toMatchObject({ status: 400, body: { error: { code: 'not_member' } } });
    const { key } = await aliceInChat();
    const privateJoin = await control('POST', `/chats/${key}/join`, { userId: bob.id });
    expect(privateJoin.status).toBe(400);
  });

  it('waits until the bot has confirmed its updates, and times out while it has not', async () => {
    const { userId, key } = await aliceInChat();
    await ok('POST', `/chats/${key}/messages`, { userId, text: 'ping' });
    await bot.updates(); // reads the update; the next call confirms it
    const unconfirmed = await control('POST', '/idle', { timeoutMs: 50, graceMs: 5 });
    expect(unconfirmed).toMatchObject({ status: 400, body: { error: { code: 'timeout' } } });
    expect(unconfirmed.body.error?.message).toMatch(/did not go quiet/);
    await bot.updates();
    expect(await ok('POST', '/idle', { timeoutMs: 2_000, graceMs: 5 })).toBe(true);
    const bad = await control('POST', '/idle', { timeoutMs: 3_600_000 });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
  });
});

describe('control routes: events', () => {
  it('streams a chat’s messages, edits, deletions and typing as server-sent events', async () => {
    const { userId, key } = await aliceInChat();
    const other = await ok('POST', '/users', { firstName: 'Other' });
    const otherChat = await ok('POST', '/chats', {
      type: 'private',
      userId: other.id,
      botId: bot.id,
    });
    const abort = new AbortController();
    const res = await fetch(`${emu.apiRoot}/control/events?chatKey=${key}`, {
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = new EventStreamReader(res);

    await ok('POST', `/chats/${otherChat.key}/messages`, { userId: other.id, text: 'elsewhere' });
    await ok('POST', `/chats/${key}/messages`, { userId, text: 'hi' });
    const sent = await bot.call('sendMessage', { chat_id: userId, text: 'v1' });
    await bot.call('sendChatAction', { chat_id: userId, action: 'typing' });
    await bot.call('editMessageText', { chat_id: userId, message_id: sent.message_id, text: 'v2' });
    await bot.call('deleteMessage', { chat_id: userId, message_id: sent.message_id });
    const events = await stream.read(5);
    abort.abort();
    expect(events.map((e) => e.event)).toEqual([
      'message',
      'message',
      'chatAction',
      'edit',
      'delete',
    ]);
    expect(events.every((e) => e.data.chatKey === key)).toBe(true);
    expect(events[0]?.data.message.text).toBe('hi');
    expect(events[1]?.data.message.text).toBe('v1');
    expect(events[2]?.data).toMatchObject({ botId: bot.id, action: 'typing' });
    expect(events[3]?.data.message.text).toBe('v2');
    expect(events[4]?.data.messageIds).toEqual([sent.message_id]);
  });
});

describe('control routes: bad input', () => {
  it('answers unknown users, bots, chats and messages with 404 and a hint', async () => {
    const { userId, key } = await aliceInChat();
    const cases: [string, string, unknown, string][] = [
      ['POST', `/chats/${key}/messages`, { userId: 42, text: 'x' }, 'unknown_user'],
      ['POST', '/chats', { type: 'private', userId, botId: 42 }, 'unknown_bot'],
      ['GET', '/chats/-999/messages', undefined, 'unknown_chat'],
      ['POST', `/chats/${key}/messages/999/press`, { userId, button: 'x' }, 'unknown_message'],
      ['POST', '/inline/123/choose', { userId, resultId: 'r', chatKey: key }, 'unknown_query'],
      ['GET', '/nothing/here', undefined, 'not_found'],
    ];
    for (const [method, path, body, code] of cases) {
      const answer = await control(method, path, body);
      expect(answer, `${method} ${path}`).toMatchObject({
        status: 404,
        body: { ok: false, error: { code } },
      });
      expect(answer.body.error?.message.length).toBeGreaterThan(10);
    }
  });

  it('answers wrong types, bad JSON and impossible requests with 400', async () => {
    const { userId, key } = await aliceInChat();
    const cases: [string, string, unknown, string, RegExp][] = [
      ['POST', '/users', {}, 'bad_request', /firstName must be a non-empty string/],
      ['POST', '/users', { firstName: 'X', username: 'no' }, 'invalid_option', /Username "no"/],
      ['POST', '/users', { firstName: 'x'.repeat(65) }, 'invalid_option', /at most 64/],
      [
        'POST',
        `/chats/${key}/messages`,
        { userId: 'alice', text: 'x' },
        'bad_request',
        /userId must be an integer/,
      ],
      [
        'POST',
        `/chats/${key}/messages`,
        { userId, text: 5 },
        'bad_request',
        /text must be a non-empty string/,
      ],
      ['POST', `/chats/${key}/messages`, '{"userId": ', 'bad_json', /not valid JSON/],
      ['POST', `/chats/${key}/messages`, '[1, 2]', 'bad_json', /must be a JSON object/],
      ['POST', '/chats', { type: 'forum', title: 'X' }, 'bad_request', /type must be private/],
      [
        'POST',
        '/chats',
        { type: 'group', title: 'X', memberIds: 'all' },
        'bad_request',
        /memberIds/,
      ],
      [
        'POST',
        '/inline',
        { userId, botId: bot.id, query: 'x', chatKey: 'nope' },
        'bad_request',
        /chatKey/,
      ],
      ['GET', `/chats?userId=abc`, undefined, 'bad_request', /userId must be an integer/],
    ];
    for (const [method, path, body, code, message] of cases) {
      const answer = await control(method, path, body);
      expect(answer, `${method} ${path} ${JSON.stringify(body)}`).toMatchObject({
        status: 400,
        body: { ok: false, error: { code } },
      });
      expect(answer.body.error?.message).toMatch(message);
    }
  });

  it('refuses a button that is not there and a person outside the chat', async () => {
    const { userId, key } = await aliceInChat();
    const menu = await bot.call('sendMessage', {
      chat_id: userId,
      text: 'Menu',
      reply_markup: { inline_keyboard: [[{ text: 'Like', callback_data: 'like' }]] },
    });
    const noButton = await control('POST', `/chats/${key}/messages/${menu.message_id}/press`, {
      userId,
      button: 'Dislike',
    });
    expect(noButton.status).toBeGreaterThanOrEqual(400);
    expect(noButton.status).toBeLessThan(500);
    expect(noButton.body.error?.message).toMatch(/Like/);
    const stranger = await ok('POST', '/users', { firstName: 'Stranger' });
    const outsider = await control('POST', `/chats/${key}/messages`, {
      userId: stranger.id,
      text: 'hi',
    });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error?.code).toBe('not_member');
  });

  it('answers a wrong HTTP method with 405, a bad path escape and a bad event filter with 400', async () => {
    const wrongMethod = await control('GET', '/inline');
    expect(wrongMethod).toMatchObject({
      status: 405,
      body: { error: { code: 'method_not_allowed' } },
    });
    expect(wrongMethod.body.error?.message).toMatch(/use POST/);
    const badEscape = await control('GET', '/files/%E0%A4%A');
    expect(badEscape).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    const badFilter = await control('GET', '/events?chatKey=nope');
    expect(badFilter).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
  });
});
