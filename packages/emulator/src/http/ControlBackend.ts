/**
 * A Bot API object as JSON (a `Message`, `User`, `Chat`, `InlineQueryResult` ...), passed through
 * the control API unchanged, with Telegram's snake_case field names.
 */
export type ApiObject = Readonly<Record<string, unknown>>;

/** A simulated user as the control API lists it: the Bot API `User` object. */
export type ControlUser = ApiObject & { readonly id: number; readonly first_name: string };

/** A bot account as the control API lists it (never with its token). */
export interface ControlBot {
  readonly id: number;
  readonly username: string;
  readonly first_name: string;
}

/** A chat as the control API lists it. */
export interface ControlChat {
  /**
   * The chat's key in the control API: `p<userId>_<botId>` for a private chat, the chat id for
   * others. (A private chat's `id` as bots see it is the person's id, shared by all their bots.)
   */
  readonly key: string;
  /** The chat id bots use. */
  readonly id: number;
  readonly type: 'private' | 'group' | 'supergroup' | 'channel';
  /** The group's title or, for a private chat, the bot's name (what a chat list shows). */
  readonly title: string;
  /** Ids of the simulated users in the chat. */
  readonly userIds: readonly number[];
  /** Ids of the bots in the chat. */
  readonly botIds: readonly number[];
  /**
   * The reply keyboard (`ReplyKeyboardMarkup`) a bot shows right now, absent when there is none:
   * the one the person asked about sees (`?userId=`; with `selective` and one-time presses
   * applied, as Telegram keeps keyboards per person), else the chat-wide one.
   */
  readonly replyKeyboard?: ApiObject;
  /**
   * For a request about one person (`?userId=`): the bot message their client has a reply open
   * to (`ForceReply`), with its input placeholder; absent when no reply is forced.
   */
  readonly forceReply?: ControlForceReply;
}

/** A forced reply (`ForceReply`): which bot message a person's client opens a reply to. */
export interface ControlForceReply {
  /** The bot message to reply to. */
  readonly messageId: number;
  /** The bot that asked. */
  readonly botId: number;
  /** The input field's placeholder (`input_field_placeholder`), if the bot gave one. */
  readonly placeholder?: string;
}

/** The commands one bot offers a person in a chat (what a client lists after `/`). */
export interface ControlCommands {
  readonly botId: number;
  readonly username: string;
  /** `BotCommand`s `{ command, description }`, in the bot's order. */
  readonly commands: readonly { readonly command: string; readonly description: string }[];
}

/** What a bot answered to a button press (`answerCallbackQuery`), or nothing if it did not answer. */
export interface CallbackAnswer {
  readonly text?: string;
  readonly showAlert?: boolean;
  readonly url?: string;
}

/** A bot's answer to an inline query, with the handle to choose a result by. */
export interface InlineAnswer {
  /** Pass it to {@link ControlBackend.chooseInlineResult}. */
  readonly queryId: string;
  readonly results: readonly ApiObject[];
  readonly nextOffset: string;
}

/**
 * Something that happened in the emulated world that a chat page wants to see live. Every event
 * names the chat it belongs to (`chatKey`, see {@link ControlChat.key}), so subscribers can
 * filter by chat.
 */
export type ControlEvent =
  | { readonly type: 'message'; readonly chatKey: string; readonly message: ApiObject }
  | { readonly type: 'edit'; readonly chatKey: string; readonly message: ApiObject }
  | { readonly type: 'delete'; readonly chatKey: string; readonly messageIds: readonly number[] }
  | {
      readonly type: 'chatAction';
      readonly chatKey: string;
      readonly botId: number;
      readonly action: string;
    }
  | {
      /**
       * The reply keyboard or forced reply of some people changed: a bot sent a keyboard, a
       * removal or a `ForceReply` (to everyone, or with `selective` to some), or a person closed a
       * one-time keyboard by pressing a key. Sent right after the `message` event that changed
       * it. `userIds` says whom it is for (`'all'`: everyone in the chat); `keyboard` is the
       * `ReplyKeyboardMarkup` they see now (`null`: none); `forceReply` the reply their clients
       * open when this change is a `ForceReply` (`null` otherwise; a forced reply ends when the
       * person sends a message, see {@link ControlChat.forceReply}).
       */
      readonly type: 'replyKeyboard';
      readonly chatKey: string;
      readonly userIds: readonly number[] | 'all';
      readonly keyboard: ApiObject | null;
      readonly forceReply: ControlForceReply | null;
    }
  | {
      /** A chat was created, or its title, description, permissions or members changed. */
      readonly type: 'chat';
      readonly chatKey: string;
    }
  | {
      readonly type: 'callbackAnswer';
      readonly chatKey: string;
      readonly messageId: number;
      readonly userId: number;
      readonly answer: CallbackAnswer;
    };

/** Input for {@link ControlBackend.createGroup}. */
export interface CreateGroupInput {
  readonly title: string;
  readonly type: 'group' | 'supergroup' | 'channel';
  readonly memberIds: readonly number[];
  readonly botIds: readonly number[];
}

/** The text of a message a simulated user sends. */
export interface OutgoingText {
  readonly text: string;
  readonly entities?: readonly ApiObject[];
  readonly replyToMessageId?: number;
}

/** A photo or document a simulated user sends (see {@link ControlBackend.sendFile}). */
export interface OutgoingUpload {
  /** `photo` (shown as a picture; JPEG, PNG, GIF or WebP) or `document` (any file). */
  readonly kind: 'photo' | 'document';
  /** The file's bytes. */
  readonly data: Buffer;
  readonly fileName?: string;
  readonly mimeType?: string;
  readonly caption?: string;
}

/**
 * The control surface the HTTP control API and the chat page are served from: the typed JS control
 * API of the emulator, flattened to ids and JSON so that each HTTP route is one call.
 *
 * {@link emulatorBackend} builds one from an `Emulator`. Methods throw {@link ControlError} for
 * unknown ids and bad input; the HTTP layer turns those into 400/404 answers.
 */
export interface ControlBackend {
  listUsers(): readonly ControlUser[];
  createUser(input: {
    readonly firstName: string;
    readonly lastName?: string;
    readonly username?: string;
  }): ControlUser;
  listBots(): readonly ControlBot[];
  /** Creates a bot account; the result carries the token (the only place it is ever shown). */
  createBot(input: {
    readonly username: string;
    readonly firstName?: string;
    readonly token?: string;
  }): ControlBot & { readonly token: string };
  /** Chats, optionally only those `userId` is a member of (with that person's keyboards). */
  listChats(userId?: number): readonly ControlChat[];
  /**
   * One chat, by its key, with its current reply keyboard: the one `userId` sees, and their
   * forced reply, when given; else the chat-wide keyboard.
   */
  chat(chatKey: string, userId?: number): ControlChat;
  /** The private chat between a user and a bot (created on first use). */
  privateChat(userId: number, botId: number): ControlChat;
  createGroup(input: CreateGroupInput): ControlChat;
  /**
   * The commands each bot of a chat offers the user there, by Telegram's scope rules (bots without
   * commands are left out).
   */
  commands(userId: number, chatKey: string): readonly ControlCommands[];
  /** Messages of a chat, oldest first, without deleted ones. */
  history(chatKey: string): readonly ApiObject[];
  /** The user joins a group or channel (bots get `chat_member` / the service message). */
  join(userId: number, chatKey: string): ControlChat;
  /** The user leaves a group or channel. */
  leave(userId: number, chatKey: string): ControlChat;
  /**
   * Resolves once the bots have gone quiet (`Emulator.waitForIdle`): updates confirmed, nothing in
   * flight. Rejects with code `timeout` after `timeoutMs` (default 10 000).
   */
  waitForIdle(options: { readonly timeoutMs?: number; readonly graceMs?: number }): Promise<void>;
  sendMessage(userId: number, chatKey: string, message: OutgoingText): Promise<ApiObject>;
  /** Edits the text of one of the user's own text messages; resolves with the edited message. */
  editMessage(userId: number, chatKey: string, messageId: number, text: string): Promise<ApiObject>;
  /** Deletes one of the user's own messages (bots are not told, as in Telegram). */
  deleteMessage(userId: number, chatKey: string, messageId: number): Promise<void>;
  /** Sends a photo or a document as the user; resolves with the sent message. */
  sendFile(userId: number, chatKey: string, file: OutgoingUpload): Promise<ApiObject>;
  /**
   * Presses a button of the chat's reply keyboard by its label: sends its text, or the person's
   * contact / location for `request_contact` / `request_location` buttons; a one-time keyboard
   * closes. Resolves with the message the person sent.
   */
  pressKeyboardButton(userId: number, chatKey: string, button: string): Promise<ApiObject>;
  /** Presses an inline button (by its label or callback data) and waits for the bot's answer. */
  pressButton(
    userId: number,
    chatKey: string,
    messageId: number,
    button: string,
  ): Promise<CallbackAnswer | undefined>;
  inlineQuery(
    userId: number,
    botId: number,
    query: string,
    options: { readonly chatKey?: string; readonly offset?: string },
  ): Promise<InlineAnswer>;
  chooseInlineResult(
    userId: number,
    queryId: string,
    resultId: string,
    chatKey: string,
  ): Promise<ApiObject>;
  /** Pays the invoice in a message; resolves with the `successful_payment` service message. */
  pay(
    userId: number,
    chatKey: string,
    messageId: number,
    options: { readonly shippingAddress?: ApiObject },
  ): Promise<ApiObject>;
  /** The bytes of a stored file (photos the page shows), or `undefined` for an unknown file id. */
  file(fileId: string): { readonly data: Buffer; readonly contentType: string } | undefined;
  /** Calls `listener` for every {@link ControlEvent}; returns the function that unsubscribes. */
  subscribe(listener: (event: ControlEvent) => void): () => void;
}
