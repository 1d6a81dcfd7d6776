import type { Message, MessageEntity, ShippingAddress } from '@delegram/api';
import type { Emulator } from '../Emulator.js';
import type {
  ApiObject,
  CallbackAnswer,
  ControlBackend,
  ControlChat,
  ControlEvent,
  ControlUser,
} from '../http/ControlBackend.js';
import { ControlError } from '../http/ControlError.js';
import { MIME_TYPE } from '../http/input.js';
import { commandsFor } from './commandsFor.js';
import { BotAccount } from '../world/BotAccount.js';
import type { ChatRecord } from '../world/ChatRecord.js';
import { EmulatorError } from '../world/EmulatorError.js';
import type { WorldEvents } from '../world/WorldEvents.js';
import type { InlineQueryResults } from './InlineQueryResults.js';
import type { SimChat } from './SimChat.js';
import type { SimUser } from './SimUser.js';

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  oga: 'audio/ogg',
  pdf: 'application/pdf',
  txt: 'text/plain',
};

/**
 * How many inline answers people can still choose a result from over the control API: the page
 * asks on every keystroke, so older answers are forgotten (oldest first) instead of kept forever.
 */
const KEPT_INLINE_ANSWERS = 1000;

/**
 * Adapts an {@link Emulator}'s typed control API to the flat, id-and-JSON {@link ControlBackend}
 * the HTTP control routes and the chat page are served from.
 *
 * `EmulatorError`s become `ControlError`s (404 for unknown things, 400 otherwise).
 *
 * @param emu - the emulator
 * @returns the backend
 */
export function emulatorBackend(emu: Emulator): ControlBackend {
  const answers = new Map<string, { userId: number; results: InlineQueryResults }>();

  const user = (id: number): SimUser => {
    const found = emu.user(id);
    if (found === undefined)
      throw new ControlError(
        404,
        'unknown_user',
        `no user with id ${id}; list users with GET /control/users`,
      );
    return found;
  };
  const bot = (id: number): BotAccount => {
    const found = emu.world.bot(id);
    if (found === undefined)
      throw new ControlError(
        404,
        'unknown_bot',
        `no bot with id ${id}; list bots with GET /control/bots`,
      );
    return found;
  };
  const chat = (key: string): SimChat => {
    const record = emu.world.chatByKey(key);
    if (record === undefined)
      throw new ControlError(
        404,
        'unknown_chat',
        `no chat with key ${key}; list chats with GET /control/chats`,
      );
    return emu.chat(record);
  };
  const message = (c: SimChat, id: number): Message => {
    const found = c.message(id);
    if (found === undefined)
      throw new ControlError(404, 'unknown_message', `no message ${id} in chat ${c.key}`);
    return found;
  };
  const describe = (record: ChatRecord, userId?: number): ControlChat => {
    const ref = emu.world.chatRef(record);
    const members =
      record.type === 'private'
        ? [record.user, record.bot].filter((a) => a !== undefined)
        : record.presentMembers().map((m) => m.account);
    return {
      key: ref.key,
      id: ref.id,
      type: ref.type,
      title: ref.title,
      userIds: members.filter((a) => !(a instanceof BotAccount)).map((a) => a.id),
      botIds: members.filter((a) => a instanceof BotAccount).map((a) => a.id),
      ...keyboardState(record, userId),
    };
  };

  const backend: ControlBackend = {
    listUsers: () => emu.users().map((u) => controlUser(u)),
    createUser: (input) => controlUser(emu.createUser(input)),
    listBots: () =>
      emu.bots().map((b) => ({ id: b.id, username: b.username, first_name: b.firstName })),
    createBot: (input) => {
      const b = emu.createBot(input);
      return { id: b.id, username: b.username, first_name: b.firstName, token: b.token };
    },
    listChats: (userId) =>
      emu.world
        .chats()
        .filter((c) => userId === undefined || c.hasMember(userId))
        .map((c) => describe(c, userId)),
    chat: (key, userId) => {
      const record = chat(key).record;
      if (userId !== undefined) user(userId);
      return describe(record, userId);
    },
    privateChat: (userId, botId) => describe(emu.privateChat(user(userId), bot(botId)).record),
    createGroup: (input) =>
      describe(
        emu.createGroup({
          title: input.title,
          type: input.type,
          members: [...input.memberIds.map(user), ...input.botIds.map(bot)],
        }).record,
      ),
    commands: (userId, key) => {
      const person = user(userId).account;
      const record = chat(key).record;
      const bots =
        record.type === 'private'
          ? [record.bot].filter((b) => b !== undefined)
          : record
              .presentMembers()
              .map((m) => m.account)
              .filter((a) => a instanceof BotAccount);
      return bots
        .map((b) => ({
          botId: b.id,
          username: b.username,
          commands: commandsFor(b, record, person),
        }))
        .filter((entry) => entry.commands.length > 0);
    },
    history: (key) => chat(key).history().map(json),
    join: (userId, key) => {
      const c = chat(key);
      user(userId).join(c);
      return describe(c.record);
    },
    leave: (userId, key) => {
      const c = chat(key);
      user(userId).leave(c);
      return describe(c.record);
    },
    waitForIdle: (options) => emu.waitForIdle(options),
    sendMessage: async (userId, key, m) => {
      const c = chat(key);
      return json(
        await user(userId).sendMessage(c, {
          text: m.text,
          ...(m.entities === undefined
            ? {}
            : { entities: m.entities as unknown as MessageEntity[] }),
          ...(m.replyToMessageId === undefined ? {} : { replyTo: m.replyToMessageId }),
        }),
      );
    },
    editMessage: async (userId, key, messageId, text) => {
      const c = chat(key);
      return json(await user(userId).editMessage(c, message(c, messageId), text));
    },
    deleteMessage: async (userId, key, messageId) => {
      const c = chat(key);
      const sender = user(userId);
      const target = message(c, messageId);
      if (target.from?.id !== userId) {
        throw new ControlError(
          400,
          'not_yours',
          `message ${messageId} was not sent by user ${userId}; people delete only their own messages here`,
        );
      }
      await sender.deleteMessage(c, target);
    },
    sendFile: async (userId, key, file) => {
      const c = chat(key);
      const outgoing = {
        data: file.data,
        ...(file.fileName === undefined ? {} : { fileName: file.fileName }),
        ...(file.mimeType === undefined ? {} : { mimeType: file.mimeType }),
        ...(file.caption === undefined ? {} : { caption: file.caption }),
      };
      const sender = user(userId);
      return json(
        await (file.kind === 'photo'
          ? sender.sendPhoto(c, outgoing)
          : sender.sendDocument(c, outgoing)),
      );
    },
    pressKeyboardButton: async (userId, key, button) =>
      json(await user(userId).pressKeyboardButton(chat(key), button)),
    pressButton: async (userId, key, messageId, button): Promise<CallbackAnswer | undefined> => {
      const c = chat(key);
      const answer = await user(userId).pressButton(message(c, messageId), button);
      if (answer === undefined) return undefined;
      return {
        ...(answer.text === undefined ? {} : { text: answer.text }),
        showAlert: answer.showAlert,
        ...(answer.url === undefined ? {} : { url: answer.url }),
      };
    },
    inlineQuery: async (userId, botId, query, options) => {
      const results = await user(userId).inlineQuery(bot(botId), query, {
        ...(options.offset === undefined ? {} : { offset: options.offset }),
        ...(options.chatKey === undefined ? {} : { chat: chat(options.chatKey) }),
      });
      answers.set(results.queryId, { userId, results });
      if (answers.size > KEPT_INLINE_ANSWERS) {
        const oldest = answers.keys().next().value;
        if (oldest !== undefined) answers.delete(oldest);
      }
      return {
        queryId: results.queryId,
        results: results.results as unknown as ApiObject[],
        nextOffset: results.nextOffset,
      };
    },
    chooseInlineResult: async (userId, queryId, resultId, key) => {
      const entry = answers.get(queryId);
      if (entry?.userId !== userId) {
        throw new ControlError(
          404,
          'unknown_query',
          `no inline answer ${queryId} for user ${userId} (only the last ${KEPT_INLINE_ANSWERS} inline answers are kept)`,
        );
      }
      return json(await entry.results.choose(resultId, chat(key)));
    },
    pay: async (userId, key, messageId, options) => {
      const c = chat(key);
      return json(
        await user(userId).pay(
          message(c, messageId),
          options.shippingAddress === undefined
            ? {}
            : { shippingAddress: options.shippingAddress as unknown as ShippingAddress },
        ),
      );
    },
    file: (fileId) => {
      const file = emu.world.files.get(fileId);
      if (file === undefined) return undefined;
      const ext = /\.(\w+)$/.exec(file.path)?.[1]?.toLowerCase() ?? '';
      // A MIME type someone made up (a bot's inline result, the JS API) may not be a valid header.
      const own =
        file.mimeType !== undefined && MIME_TYPE.test(file.mimeType) ? file.mimeType : undefined;
      return {
        data: file.data,
        contentType: own ?? CONTENT_TYPES[ext] ?? 'application/octet-stream',
      };
    },
    subscribe: (listener) => {
      const w = emu.world;
      const onMessage = (e: WorldEvents['message'][0]): void =>
        listener({
          type: 'message',
          chatKey: e.chat.key,
          message: e.message as unknown as ApiObject,
        });
      const onKeyboard = (e: WorldEvents['keyboard'][0]): void => {
        const record = w.chatByKey(e.chat.key);
        if (record === undefined) return;
        const first = e.userIds === 'all' ? undefined : e.userIds[0];
        const keyboard = first === undefined ? record.replyKeyboard : record.keyboardFor(first);
        listener({
          type: 'replyKeyboard',
          chatKey: e.chat.key,
          userIds: e.userIds === 'all' ? 'all' : [...e.userIds],
          keyboard: keyboard === undefined ? null : json(structuredClone(keyboard)),
          forceReply: e.forceReply === undefined ? null : { ...e.forceReply },
        });
      };
      const onEdit = (e: WorldEvents['edit'][0]): void =>
        listener({ type: 'edit', chatKey: e.chat.key, message: e.message as unknown as ApiObject });
      const onDelete = (e: WorldEvents['delete'][0]): void =>
        listener({ type: 'delete', chatKey: e.chat.key, messageIds: e.messageIds });
      const onChat = (e: WorldEvents['chat'][0]): void =>
        listener({ type: 'chat', chatKey: e.chat.key });
      const onAction = (e: WorldEvents['chatAction'][0]): void =>
        listener({ type: 'chatAction', chatKey: e.chat.key, botId: e.botId, action: e.action });
      const onAnswer = (e: WorldEvents['callbackAnswer'][0]): void => {
        if (e.chat === undefined || e.messageId === undefined) return;
        const event: ControlEvent = {
          type: 'callbackAnswer',
          chatKey: e.chat.key,
          messageId: e.messageId,
          userId: e.userId,
          answer: {
            ...(e.answer.text === undefined ? {} : { text: e.answer.text }),
            showAlert: e.answer.showAlert,
            ...(e.answer.url === undefined ? {} : { url: e.answer.url }),
          },
        };
        listener(event);
      };
      w.on('message', onMessage);
      w.on('keyboard', onKeyboard);
      w.on('edit', onEdit);
      w.on('delete', onDelete);
      w.on('chatAction', onAction);
      w.on('chat', onChat);
      w.on('callbackAnswer', onAnswer);
      return () => {
        w.off('message', onMessage);
        w.off('keyboard', onKeyboard);
        w.off('edit', onEdit);
        w.off('delete', onDelete);
        w.off('chatAction', onAction);
        w.off('chat', onChat);
        w.off('callbackAnswer', onAnswer);
      };
    },
  };
  return withControlErrors(backend);
}

/** A Bot API object as the control API's JSON type. */
/** A chat's keyboard fields: for one person (keyboard and forced reply), else chat-wide. */
function keyboardState(
  record: ChatRecord,
  userId: number | undefined,
): Pick<ControlChat, 'replyKeyboard' | 'forceReply'> {
  const keyboard = userId === undefined ? record.replyKeyboard : record.keyboardFor(userId);
  const request = userId === undefined ? undefined : record.forceReplyFor(userId);
  return {
    ...(keyboard === undefined ? {} : { replyKeyboard: json(structuredClone(keyboard)) }),
    ...(request === undefined ? {} : { forceReply: { ...request } }),
  };
}

function json(value: object): ApiObject {
  return value as unknown as ApiObject;
}

function controlUser(user: SimUser): ControlUser {
  return user.toUser() as unknown as ControlUser;
}

/** Wraps every method so that `EmulatorError`s reach the HTTP layer as `ControlError`s. */
function withControlErrors(backend: ControlBackend): ControlBackend {
  const convert = (error: unknown): unknown => {
    if (!(error instanceof EmulatorError)) return error;
    const status = error.code === 'not_found' ? 404 : 400;
    return new ControlError(status, error.code, error.message, { cause: error });
  };
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(backend) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[name] = (...args: unknown[]): unknown => {
      try {
        const result = fn(...args);
        return result instanceof Promise
          ? result.catch((error: unknown) => Promise.reject(convert(error) as Error))
          : result;
      } catch (error) {
        throw convert(error);
      }
    };
  }
  return wrapped as unknown as ControlBackend;
}
