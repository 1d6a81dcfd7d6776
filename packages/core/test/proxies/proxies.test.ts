import { METHOD_SPECS } from '@delegram/api';
import type { Message } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { Administrator, ADMINISTRATOR_METHODS } from '../../src/proxies/Administrator.js';
import { Editor, EDITOR_METHODS } from '../../src/proxies/Editor.js';
import { Sender, SENDER_METHODS } from '../../src/proxies/Sender.js';
import { recordingApi } from './recordingApi.js';

describe('Sender', () => {
  it('binds chat_id and passes required parameters, options and signal', async () => {
    const { api, calls } = recordingApi();
    const sender = new Sender(api, 42);
    const signal = new AbortController().signal;
    await sender.sendMessage('hi', { parse_mode: 'HTML' }, signal);
    await sender.sendLocation(1.5, 2.5);
    await sender.sendChatAction('typing', {}, signal);
    expect(calls).toEqual([
      { method: 'sendMessage', params: { parse_mode: 'HTML', text: 'hi', chat_id: 42 }, signal },
      {
        method: 'sendLocation',
        params: { latitude: 1.5, longitude: 2.5, chat_id: 42 },
        signal: undefined,
      },
      { method: 'sendChatAction', params: { action: 'typing', chat_id: 42 }, signal },
    ]);
  });

  it('keeps the positional order of the spec when chat_id is not the first required parameter', async () => {
    const { api, calls } = recordingApi();
    await new Sender(api, 7).sendChecklist('biz-1', { title: 't', tasks: [] });
    expect(calls[0]?.params).toEqual({
      business_connection_id: 'biz-1',
      checklist: { title: 't', tasks: [] },
      chat_id: 7,
    });
  });

  it('does not let options override the bound chat', async () => {
    const { api, calls } = recordingApi();
    await new Sender(api, 1).sendMessage('x', { chat_id: 2 } as never);
    expect(calls[0]?.params).toMatchObject({ chat_id: 1 });
  });

  it('offers every send, forward and copy method with a required chat_id, and nothing else', () => {
    const expected = Object.entries(METHOD_SPECS)
      .filter(
        ([name, spec]) =>
          /^(send|forward|copy)/.test(name) &&
          spec.params.some((p) => p.name === 'chat_id' && p.required),
      )
      .map(([name]) => name);
    expect([...SENDER_METHODS]).toEqual(expected);
    expect(SENDER_METHODS).toContain('sendInvoice');
    expect(SENDER_METHODS).toContain('forwardMessage');
    expect(SENDER_METHODS).not.toContain('sendGift'); // chat_id optional
    const sender = new Sender(recordingApi().api, 1) as unknown as Record<string, unknown>;
    expect(typeof sender.sendMessage).toBe('function');
    expect(sender.getChat).toBeUndefined();
    expect(sender.answerCallbackQuery).toBeUndefined();
  });

  it('rejects with a clear error when required parameters are missing', async () => {
    const sender = new Sender(recordingApi().api, 1);
    await expect((sender.sendMessage as () => Promise<unknown>)()).rejects.toThrow(
      'sender.sendMessage(text, ...): missing text',
    );
    expect(() => new Sender(recordingApi().api, undefined as never)).toThrow(/chatId must be/);
  });
});

describe('Administrator', () => {
  it('binds chat_id for chat management methods', async () => {
    const { api, calls } = recordingApi();
    const admin = new Administrator(api, -100);
    await admin.banChatMember(5, { revoke_messages: true });
    await admin.setChatTitle('Room');
    await admin.leaveChat();
    expect(calls.map((c) => [c.method, c.params])).toEqual([
      ['banChatMember', { revoke_messages: true, user_id: 5, chat_id: -100 }],
      ['setChatTitle', { title: 'Room', chat_id: -100 }],
      ['leaveChat', { chat_id: -100 }],
    ]);
  });

  it("covers telepot's list (renamed to today's names) and no send or message-edit methods", () => {
    for (const name of [
      'banChatMember',
      'unbanChatMember',
      'restrictChatMember',
      'promoteChatMember',
      'exportChatInviteLink',
      'setChatPhoto',
      'deleteChatPhoto',
      'setChatTitle',
      'setChatDescription',
      'pinChatMessage',
      'unpinChatMessage',
      'leaveChat',
      'getChat',
      'getChatAdministrators',
      'getChatMemberCount',
      'getChatMember',
      'setChatStickerSet',
      'deleteChatStickerSet',
      'createForumTopic',
    ]) {
      expect(ADMINISTRATOR_METHODS).toContain(name);
    }
    expect(ADMINISTRATOR_METHODS).not.toContain('sendChatAction');
    expect(ADMINISTRATOR_METHODS).not.toContain('deleteMessage');
    expect(ADMINISTRATOR_METHODS).not.toContain('setChatMenuButton'); // chat_id optional
  });
});

describe('Editor', () => {
  const sent = { message_id: 9, date: 0, chat: { id: 3, type: 'private' }, text: 'x' } as Message;

  it('binds chat_id and message_id from a message, [chatId, messageId] or the message itself', async () => {
    const { api, calls } = recordingApi();
    await new Editor(api, sent).editMessageText({ text: 'new' });
    await new Editor(api, [3, 9]).deleteMessage();
    await new Editor(api, [3, 9]).editMessageLiveLocation(1, 2);
    expect(calls.map((c) => c.params)).toEqual([
      { text: 'new', chat_id: 3, message_id: 9 },
      { chat_id: 3, message_id: 9 },
      { latitude: 1, longitude: 2, chat_id: 3, message_id: 9 },
    ]);
  });

  it('binds inline_message_id for inline messages', async () => {
    const { api, calls } = recordingApi();
    await new Editor(api, 'inl-1').editMessageReplyMarkup({
      reply_markup: { inline_keyboard: [] },
    });
    await new Editor(api, ['inl-2']).stopMessageLiveLocation();
    expect(calls.map((c) => c.params)).toEqual([
      { reply_markup: { inline_keyboard: [] }, inline_message_id: 'inl-1' },
      { inline_message_id: 'inl-2' },
    ]);
  });

  it('refuses chat-only methods on an inline message with advice', async () => {
    const editor = new Editor(recordingApi().api, 'inl');
    await expect(editor.deleteMessage()).rejects.toThrow(/works on chat messages only/);
  });

  it('accepts a signal where the options would be (untyped callers)', async () => {
    const { api, calls } = recordingApi();
    const signal = new AbortController().signal;
    await new Editor(api, [1, 2]).editMessageCaption(signal as never);
    expect(calls[0]).toMatchObject({ params: { chat_id: 1, message_id: 2 }, signal });
  });

  it("offers telepot's edit methods and today's, and rejects a bad identifier", () => {
    for (const name of [
      'editMessageText',
      'editMessageCaption',
      'editMessageReplyMarkup',
      'deleteMessage',
      'editMessageLiveLocation',
      'stopMessageLiveLocation',
      'editMessageMedia',
      'stopPoll',
    ]) {
      expect(EDITOR_METHODS).toContain(name);
    }
    expect(EDITOR_METHODS).not.toContain('deleteMessages');
    expect(EDITOR_METHODS).not.toContain('deleteChatPhoto');
    expect(() => new Editor(recordingApi().api, [1] as never)).toThrow(
      /give \[chatId, messageId\]/,
    );
  });
});
