import { describe, expectTypeOf, it } from 'vitest';
import type { InputFile } from '../src/InputFile.js';
import type { FriendlyApi } from '../src/generated/FriendlyApi.js';
import type {
  MethodName,
  MethodParams,
  MethodResults,
  RawApi,
  SendMessageParams,
} from '../src/generated/methods.js';
import type {
  BotCommandScope,
  CallbackGame,
  ChatMember,
  ChatMemberAdministrator,
  ChatMemberOwner,
  InlineQueryResult,
  InlineQueryResultArticle,
  InputMedia,
  InputMediaPhoto,
  InputMediaVideo,
  Message,
  MessageOrigin,
  MessageOriginChannel,
  ReplyParameters,
  Update,
  UpdateKind,
  User,
} from '../src/generated/types.js';

/** Type-checks calls without running them: the bodies only have to compile. */
function compileOnly(_calls: (raw: RawApi, api: FriendlyApi) => void): void {}

describe('generated types', () => {
  it('narrows ChatMember by status', () => {
    const describeMember = (member: ChatMember) => {
      if (member.status === 'creator') {
        expectTypeOf(member).toEqualTypeOf<ChatMemberOwner>();
        return member.is_anonymous;
      }
      if (member.status === 'administrator') {
        expectTypeOf(member).toEqualTypeOf<ChatMemberAdministrator>();
        return member.can_manage_chat;
      }
      // @ts-expect-error only administrators and the owner have can_manage_chat
      const canManage: boolean = member.can_manage_chat;
      return canManage;
    };
    expectTypeOf(describeMember).returns.toEqualTypeOf<boolean>();
  });

  it('narrows MessageOrigin by type', () => {
    const chatOf = (origin: MessageOrigin) => (origin.type === 'channel' ? origin.chat : undefined);
    expectTypeOf<
      Extract<MessageOrigin, { type: 'channel' }>
    >().toEqualTypeOf<MessageOriginChannel>();
    expectTypeOf(chatOf).returns.toEqualTypeOf<MessageOriginChannel['chat'] | undefined>();
  });

  it('narrows BotCommandScope, InputMedia and InlineQueryResult by type', () => {
    expectTypeOf<Extract<BotCommandScope, { type: 'chat_member' }>>().toHaveProperty('user_id');
    expectTypeOf<Extract<InputMedia, { type: 'photo' }>>().toEqualTypeOf<InputMediaPhoto>();
    expectTypeOf<Extract<InputMedia, { type: 'video' }>>().toEqualTypeOf<InputMediaVideo>();
    expectTypeOf<
      Extract<InlineQueryResult, { type: 'article' }>
    >().toEqualTypeOf<InlineQueryResultArticle>();
    // @ts-expect-error a BotCommandScope must name a scope the spec knows
    const scope: BotCommandScope = { type: 'everyone' };
    void scope;
  });

  it('types uploads as InputFile or string and ids as number or string', () => {
    expectTypeOf<InputMediaPhoto['media']>().toEqualTypeOf<InputFile | string>();
    expectTypeOf<InputMediaVideo['thumbnail']>().toEqualTypeOf<InputFile | string | undefined>();
    expectTypeOf<MethodParams['sendPhoto']['photo']>().toEqualTypeOf<InputFile | string>();
    expectTypeOf<SendMessageParams['chat_id']>().toEqualTypeOf<number | string>();
    expectTypeOf<MethodParams['sendMediaGroup']['media']>().items.toHaveProperty('media');
  });

  it('keeps optional fields optional, including 10.2’s ReplyParameters.message_id', () => {
    expectTypeOf<{ chat_id: 1 }>().toExtend<ReplyParameters>();
    expectTypeOf<Message['text']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Message['reply_to_message']>().toEqualTypeOf<Message | undefined>();
    expectTypeOf<User['id']>().toEqualTypeOf<number>();
    expectTypeOf<CallbackGame>().toEqualTypeOf<Record<string, never>>();
  });

  it('has one optional key per update kind, including 10.2’s subscription', () => {
    expectTypeOf<'message'>().toExtend<UpdateKind>();
    expectTypeOf<'callback_query'>().toExtend<UpdateKind>();
    expectTypeOf<'subscription'>().toExtend<UpdateKind>();
    expectTypeOf<'update_id'>().not.toExtend<UpdateKind>();
    expectTypeOf<{ update_id: 1 }>().toExtend<Update>();
  });
});

describe('generated methods', () => {
  it('gives each method its result type from the spec', () => {
    expectTypeOf<MethodResults['editMessageText']>().toEqualTypeOf<Message | true>();
    expectTypeOf<MethodResults['sendMessage']>().toEqualTypeOf<Message>();
    expectTypeOf<MethodResults['getChatAdministrators']>().toEqualTypeOf<ChatMember[]>();
    expectTypeOf<MethodResults['editEphemeralMessageText']>().toEqualTypeOf<true>();
    expectTypeOf<'editEphemeralMessageText'>().toExtend<MethodName>();
    expectTypeOf<'sendMesage'>().not.toExtend<MethodName>();
  });

  it('rejects wrong parameter names and types in the raw layer', () => {
    expectTypeOf<RawApi['sendMessage']>().returns.resolves.toEqualTypeOf<Message>();
    compileOnly((raw) => {
      void raw.sendMessage({ chat_id: 1, text: 'hi', parse_mode: 'HTML' });
      void raw.sendMessage({ chat_id: 1, text: 'hi', parse_mode: undefined });
      // @ts-expect-error `txt` is not a parameter of sendMessage
      void raw.sendMessage({ chat_id: 1, txt: 'hi' });
      // @ts-expect-error text must be a string
      void raw.sendMessage({ chat_id: 1, text: 42 });
      // @ts-expect-error chat_id is required
      void raw.sendMessage({ text: 'hi' });
      // @ts-expect-error sendMessage needs its params
      void raw.sendMessage();
      void raw.getMe();
      void raw.getUpdates();
      void raw.getUpdates({ offset: 3 }, AbortSignal.timeout(1000));
    });
  });

  it('puts required parameters first in the friendly layer', () => {
    expectTypeOf<FriendlyApi['sendMessage']>().parameters.toEqualTypeOf<
      [
        chatId: number | string,
        text: string,
        other?: Omit<SendMessageParams, 'chat_id' | 'text'> | undefined,
        signal?: AbortSignal | undefined,
      ]
    >();
    expectTypeOf<FriendlyApi['getMe']>().parameters.toEqualTypeOf<
      [signal?: AbortSignal | undefined]
    >();
    expectTypeOf<FriendlyApi['editMessageText']>().returns.resolves.toEqualTypeOf<Message | true>();
    compileOnly((_raw, api) => {
      void api.sendMessage(1, 'hi', { parse_mode: 'HTML' });
      // @ts-expect-error text must be a string
      void api.sendMessage(1, 42);
      // @ts-expect-error the options object must not repeat a positional parameter
      void api.sendMessage(1, 'hi', { text: 'again' });
      // @ts-expect-error `parseMode` is not a parameter; options keep Telegram's names
      void api.sendMessage(1, 'hi', { parseMode: 'HTML' });
    });
  });
});
