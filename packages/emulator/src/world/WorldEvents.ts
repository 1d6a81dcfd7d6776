import type { Message } from '@delegram/api';
import type { ChatType } from './ChatRecord.js';
import type { ForceReplyRequest } from './ReplyKeyboards.js';

/**
 * A chat as world events name it: enough for a page to file the event under the right chat.
 *
 * `key` is unique per chat; `id` is the id bots use, which for private chats equals the person's
 * id (so two bots' private chats with one person share an `id` but not a `key`).
 */
export interface ChatRef {
  /** Unique key: `p<userId>_<botId>` for private chats, the chat id otherwise. */
  readonly key: string;
  /** The chat id bots use. */
  readonly id: number;
  /** The chat kind. */
  readonly type: ChatType;
  /** Title, or for a private chat the bot's name. */
  readonly title: string;
  /** For private chats: the person's id. */
  readonly userId?: number;
  /** For private chats: the bot's id. */
  readonly botId?: number;
}

/** What a bot answered to a button press (from `answerCallbackQuery`). */
export interface CallbackAnswer {
  /** Notification text (0-200 characters). */
  readonly text?: string;
  /** Whether the client shows an alert instead of a toast. */
  readonly showAlert: boolean;
  /** A URL the client opens (games, `t.me/<bot>?start=`). */
  readonly url?: string;
  /** How long clients may cache the answer, in seconds. */
  readonly cacheTime: number;
}

/** What `answerCallbackQuery` needs to know of an open callback query. */
export interface CallbackQueryMeta {
  /** The query came from a game's button, so its answer may carry the game's URL. */
  readonly game: boolean;
}

/**
 * The events a {@link World} emits, each with plain JSON-able payloads, for the chat page (server-
 * sent events), the control API's waiting helpers and anyone observing an emulator.
 */
export interface WorldEvents {
  /** A message appeared in a chat (sent by a person, a bot, or a service message). */
  message: [event: { chat: ChatRef; message: Message; fromBot: boolean }];
  /** A message was edited (text, caption, media or keyboard). */
  edit: [event: { chat: ChatRef; message: Message; byBot: boolean }];
  /** Messages were deleted. */
  delete: [event: { chat: ChatRef; messageIds: number[] }];
  /** A bot called `sendChatAction`. */
  chatAction: [event: { chat: ChatRef; botId: number; action: string }];
  /** A bot answered a callback query. */
  callbackAnswer: [
    event: {
      chat?: ChatRef;
      messageId?: number;
      inlineMessageId?: string;
      userId: number;
      botId: number;
      answer: CallbackAnswer;
    },
  ];
  /** A bot answered an inline query. */
  inlineAnswer: [event: { queryId: string; userId: number; botId: number; resultCount: number }];
  /**
   * The reply keyboard or forced reply some people see in a chat changed: a bot sent or removed
   * one (for everyone, or selectively), or a person pressed a key of a one-time keyboard.
   * Emitted after the `message` event of the message that changed it (the bot's, or the
   * person's press of a one-time key). `forceReply` is set
   * when the change is a `ForceReply` (the bot message their clients open a reply to).
   */
  keyboard: [
    event: {
      chat: ChatRef;
      userIds: readonly number[] | 'all';
      forceReply?: ForceReplyRequest;
    },
  ];
  /** A chat was created or its title, description, permissions or members changed. */
  chat: [event: { chat: ChatRef }];
  /** A person or bot account was created. */
  account: [event: { id: number; isBot: boolean; firstName: string; username?: string }];
}
