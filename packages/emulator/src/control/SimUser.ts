import type { Message, MessageEntity } from '@delegram/api';
import type { BotAccount } from '../world/BotAccount.js';
import { EmulatorError } from '../world/EmulatorError.js';
import type { FileKind } from '../world/FileStore.js';
import { detectEntities } from '../world/formatting/detectEntities.js';
import { formatText } from '../world/formatting/formatText.js';
import { photoSizes } from '../methods/inputFiles.js';
import type { UserAccount } from '../world/UserAccount.js';
import type { CallbackAnswer } from '../world/WorldEvents.js';
import type { ControlLink } from './ControlLink.js';
import { chatOfMessage, storedMessage } from './ControlLink.js';
import { InlineQueryResults } from './InlineQueryResults.js';
import { pay } from './pay.js';
import type { PayOptions } from './pay.js';
import { pressButton } from './pressButton.js';
import type { SimChat } from './SimChat.js';

/** A text message as a simulated person writes it. */
export interface OutgoingMessage {
  /** The text (markup allowed with `parseMode`). */
  readonly text: string;
  /** Explicit entities (otherwise commands, mentions, hashtags and URLs are detected). */
  readonly entities?: readonly MessageEntity[];
  /** `HTML`, `MarkdownV2` or `Markdown`, to write formatted text. */
  readonly parseMode?: string;
  /** The message (or its id) this one replies to. */
  readonly replyTo?: Message | number;
}

/** A file a simulated person sends. */
export interface OutgoingFile {
  /** The bytes. */
  readonly data: Uint8Array;
  /** The file name. */
  readonly fileName?: string;
  /** The MIME type. */
  readonly mimeType?: string;
  /** A caption. */
  readonly caption?: string;
}

/**
 * A simulated person: sends messages, presses buttons, types inline queries, pays invoices, joins
 * and leaves groups, blocks bots. Every action becomes the updates Telegram would send to bots.
 *
 * @example
 * ```ts
 * const alice = emu.createUser({ firstName: 'Alice' });
 * const chat = emu.privateChat(alice, bot);
 * await alice.sendMessage(chat, '/start');
 * const menu = await chat.nextBotMessage();
 * const answer = await alice.pressButton(menu, 'Yes');
 * ```
 */
export class SimUser {
  /**
   * @param link - the emulator's world and chat handles
   * @param account - the world's record of this person
   */
  constructor(
    private readonly link: ControlLink,
    readonly account: UserAccount,
  ) {}

  /** The person's user id (also the id of their private chats with bots). */
  get id(): number {
    return this.account.id;
  }

  /** The person's first name. */
  get firstName(): string {
    return this.account.firstName;
  }

  /** The person as a Bot API `User`. */
  toUser(): ReturnType<UserAccount['toUser']> {
    return this.account.toUser();
  }

  /**
   * Sends a text message; bots in the chat get a `message` update.
   *
   * @param chat - where to send it
   * @param message - the text, or text with entities / parse mode / reply
   * @returns the sent message
   */
  sendMessage(chat: SimChat, message: string | OutgoingMessage): Promise<Message> {
    return this.act(() => {
      const m = typeof message === 'string' ? { text: message } : message;
      const formatted = formatText(m.text, m.parseMode, m.entities);
      if (formatted.text.trim() === '')
        throw new EmulatorError('invalid_option', 'A message needs non-empty text');
      const entities =
        m.entities === undefined && m.parseMode === undefined
          ? detectEntities(formatted.text)
          : formatted.entities;
      const replyTo = m.replyTo === undefined ? undefined : storedMessage(chat.record, m.replyTo);
      return this.post(
        chat,
        { text: formatted.text, ...(entities.length > 0 ? { entities } : {}) },
        replyTo,
      );
    });
  }

  /** Sends a photo (bytes); bots get a message with `photo` sizes and can download it. */
  sendPhoto(chat: SimChat, file: OutgoingFile): Promise<Message> {
    return this.act(() => {
      const stored = this.store(file, 'photo');
      return this.post(chat, { photo: photoSizes(stored), ...caption(file) });
    });
  }

  /** Sends a document (bytes with a file name). */
  sendDocument(chat: SimChat, file: OutgoingFile): Promise<Message> {
    return this.act(() => {
      const stored = this.store(file, 'document');
      const document = {
        file_id: stored.fileId,
        file_unique_id: stored.fileUniqueId,
        ...(stored.fileName === undefined ? {} : { file_name: stored.fileName }),
        ...(stored.mimeType === undefined ? {} : { mime_type: stored.mimeType }),
        file_size: stored.size,
      };
      return this.post(chat, { document, ...caption(file) });
    });
  }

  /** Sends a location. */
  sendLocation(chat: SimChat, location: { latitude: number; longitude: number }): Promise<Message> {
    return this.act(() =>
      this.post(chat, { location: { latitude: location.latitude, longitude: location.longitude } }),
    );
  }

  /** Sends a contact card. */
  sendContact(
    chat: SimChat,
    contact: { phoneNumber: string; firstName: string; lastName?: string; userId?: number },
  ): Promise<Message> {
    return this.act(() =>
      this.post(chat, {
        contact: {
          phone_number: contact.phoneNumber,
          first_name: contact.firstName,
          ...(contact.lastName === undefined ? {} : { last_name: contact.lastName }),
          ...(contact.userId === undefined ? {} : { user_id: contact.userId }),
        },
      }),
    );
  }

  /**
   * Edits one of the person's own text messages; bots get `edited_message`.
   *
   * @param chat - the chat
   * @param message - the message or its id
   * @param text - the new text (or text with entities); blank after Telegram's clean-up is refused
   * @returns the edited message
   * @throws EmulatorError `invalid_option` for another person's or a non-text message, or blank text
   */
  editMessage(
    chat: SimChat,
    message: Message | number,
    text: string | OutgoingMessage,
  ): Promise<Message> {
    return this.act(() => {
      const stored = storedMessage(chat.record, message);
      if (stored.from?.id !== this.id)
        throw new EmulatorError('invalid_option', 'People can only edit their own messages');
      if (stored.text === undefined)
        throw new EmulatorError(
          'invalid_option',
          'Only text messages can be edited by the control API',
        );
      const m = typeof text === 'string' ? { text } : text;
      const f = formatText(m.text, m.parseMode, m.entities);
      if (f.text.trim() === '')
        throw new EmulatorError('invalid_option', 'A message needs non-empty text');
      const entities =
        m.entities === undefined && m.parseMode === undefined ? detectEntities(f.text) : f.entities;
      this.link.world.editMessage(
        chat.record,
        stored,
        { text: f.text, entities: entities.length > 0 ? entities : undefined },
        false,
      );
      return structuredClone(stored);
    });
  }

  /** Deletes one of the person's messages (bots are not told, as in Telegram). */
  deleteMessage(chat: SimChat, message: Message | number): Promise<void> {
    return this.act(() => {
      const stored = storedMessage(chat.record, message);
      this.link.world.deleteMessages(chat.record, [stored.message_id]);
    });
  }

  /**
   * Presses an inline keyboard button of a message, by its text or callback data.
   *
   * @param message - the message with the keyboard (as a bot sent it; its current state is used)
   * @param button - the button's text or `callback_data`
   * @returns the bot's `answerCallbackQuery` ({ text, showAlert, url }), a URL button's URL, or
   *   `undefined` when the bot did not answer before the query expired
   */
  async pressButton(message: Message, button: string): Promise<CallbackAnswer | undefined> {
    const { world } = this.link;
    const chat = chatOfMessage(world, this.id, message);
    if (!chat.hasMember(this.id))
      throw new EmulatorError('not_member', `${this.firstName} is not in that chat`);
    return pressButton(world, this.account, chat, storedMessage(chat, message), button);
  }

  /**
   * Presses a button of the reply keyboard a bot shows this person in a chat (their own, which a
   * selective keyboard may have set): sends its text, or the person's contact / a location for
   * `request_contact` / `request_location` buttons. A one-time keyboard closes for this person
   * only, once the message is sent (a refused send, e.g. to a blocked bot, leaves it open).
   *
   * @param chat - the chat
   * @param label - the button's text
   * @returns the sent message
   */
  pressKeyboardButton(chat: SimChat, label: string): Promise<Message> {
    const keyboard = chat.record.keyboardFor(this.id);
    const rows = (keyboard?.keyboard ?? []) as (
      string | { text: string; request_contact?: boolean; request_location?: boolean }
    )[][];
    const button = rows.flat().find((b) => (typeof b === 'string' ? b : b.text) === label);
    if (button === undefined) {
      const there = rows
        .flat()
        .map((b) => `"${typeof b === 'string' ? b : b.text}"`)
        .join(', ');
      return Promise.reject(
        new EmulatorError(
          'no_button',
          `No reply keyboard button "${label}" shown to ${this.firstName} in "${chat.title}"${there === '' ? '' : `; there are ${there}`}`,
        ),
      );
    }
    const sent =
      typeof button !== 'string' && button.request_contact === true
        ? this.sendContact(chat, {
            phoneNumber: `+1555${String(this.id).slice(-7)}`,
            firstName: this.firstName,
            userId: this.id,
          })
        : typeof button !== 'string' && button.request_location === true
          ? this.sendLocation(chat, { latitude: 52.5163, longitude: 13.3777 })
          : this.sendMessage(chat, label);
    if (keyboard?.one_time_keyboard !== true) return sent;
    // The keyboard closes once the press went out (a refused send leaves it open), right after
    // the message, before a bot can answer it over HTTP with a new keyboard.
    return sent.then((message) => {
      const { world } = this.link;
      const audience = chat.type === 'private' ? 'all' : [this.id];
      chat.record.keyboards.show(undefined, audience);
      world.emit('keyboard', { chat: world.chatRef(chat.record), userIds: audience });
      return message;
    });
  }

  /**
   * Types an inline query to a bot (`@bot query`) and waits for its answer. A repeated query
   * within the answer's `cache_time` is answered from Telegram's cache, without an update.
   *
   * @param bot - the inline bot
   * @param query - the text after the bot's username (up to 256 characters)
   * @param options - the `offset` for more results, and the chat it is typed in
   * @returns the answer, with `choose(resultId, chat?)`
   * @throws EmulatorError `no_answer` when the bot does not answer before the query expires
   */
  async inlineQuery(
    bot: BotAccount,
    query: string,
    options: { offset?: string; chat?: SimChat } = {},
  ): Promise<InlineQueryResults> {
    const { world } = this.link;
    if (!bot.supportsInlineQueries)
      throw new EmulatorError('invalid_option', `@${bot.username} does not support inline queries`);
    if (query.length > 256)
      throw new EmulatorError('invalid_option', 'Inline queries are at most 256 characters');
    const chat = options.chat;
    const chatType =
      chat === undefined
        ? undefined
        : chat.type === 'private'
          ? chat.record.bot === bot
            ? 'sender'
            : 'private'
          : chat.type;
    const offset = options.offset ?? '';
    const cached = world.inlineCache.lookup(bot.id, this.id, query, offset);
    if (cached !== undefined) {
      // A fresh id per typing, so that two people's copies of a shared answer stay apart.
      const id = world.inlineQueries.issueId();
      return new InlineQueryResults(world, this.account, bot, query, id, cached.answer, chat);
    }
    const { id, answer } = world.inlineQueries.create(bot.id, world.ttl.inline);
    world.push(
      bot,
      'inline_query',
      {
        id,
        from: this.toUser(),
        query,
        offset,
        ...(chatType === undefined ? {} : { chat_type: chatType }),
      },
      `user:${this.id}`,
    );
    const result = await answer;
    if (result === undefined) {
      throw new EmulatorError(
        'no_answer',
        `@${bot.username} did not answer the inline query "${query}" within ${world.ttl.inline} ms`,
      );
    }
    world.inlineCache.store(bot.id, this.id, query, offset, id, result);
    world.emit('inlineAnswer', {
      queryId: id,
      userId: this.id,
      botId: bot.id,
      resultCount: result.results.length,
    });
    return new InlineQueryResults(world, this.account, bot, query, id, result, chat);
  }

  /**
   * Pays an invoice: shipping query (flexible invoices), pre-checkout query, then the
   * `successful_payment` message.
   *
   * @param invoice - the invoice message a bot sent
   * @param options - shipping address and option, order info
   * @returns the `successful_payment` service message
   */
  async pay(invoice: Message, options: PayOptions = {}): Promise<Message> {
    const chat = chatOfMessage(this.link.world, this.id, invoice);
    return pay(this.link.world, this.account, chat, storedMessage(chat, invoice), options);
  }

  /** Joins a group or channel. */
  join(chat: SimChat): void {
    if (chat.record.hasMember(this.id)) return;
    if (chat.record.member(this.id)?.status === 'kicked') {
      throw new EmulatorError('blocked', `${this.firstName} is banned from "${chat.title}"`);
    }
    this.link.world.addMember(chat.record, this.account);
  }

  /** Leaves a group or channel. */
  leave(chat: SimChat): void {
    if (!chat.record.hasMember(this.id))
      throw new EmulatorError('not_member', `${this.firstName} is not in "${chat.title}"`);
    this.link.world.removeMember(chat.record, this.account);
  }

  /** Blocks a bot: it gets `my_chat_member` (kicked) and 403 when it writes to this person. */
  blockBot(bot: BotAccount): void {
    this.link.world.setBlocked(this.account, bot, true);
  }

  /** Unblocks a bot (what "Restart" does in Telegram): it gets `my_chat_member` (member). */
  unblockBot(bot: BotAccount): void {
    this.link.world.setBlocked(this.account, bot, false);
  }

  private store(
    file: OutgoingFile,
    kind: FileKind,
  ): ReturnType<ControlLink['world']['files']['put']> {
    if (!(file.data instanceof Uint8Array) || file.data.length === 0) {
      throw new EmulatorError(
        'invalid_option',
        'A file needs non-empty data (a Buffer or Uint8Array)',
      );
    }
    return this.link.world.files.put(Buffer.from(file.data), {
      kind,
      ...(file.fileName === undefined ? {} : { fileName: file.fileName }),
      ...(file.mimeType === undefined ? {} : { mimeType: file.mimeType }),
    });
  }

  private post(chat: SimChat, content: Partial<Message>, replyTo?: Message): Message {
    const record = chat.record;
    if (record.type === 'private') {
      if (record.user?.id !== this.id)
        throw new EmulatorError('not_member', `${this.firstName} is not in this private chat`);
      if (record.blocked) {
        throw new EmulatorError(
          'blocked',
          `${this.firstName} blocked @${record.bot?.username ?? ''}; call unblockBot first`,
        );
      }
    } else {
      const member = record.member(this.id);
      if (member?.isPresent !== true)
        throw new EmulatorError(
          'not_member',
          `${this.firstName} is not in "${chat.title}"; join first`,
        );
      if (record.type === 'channel' && !member.isAdmin)
        throw new EmulatorError('not_member', 'Only administrators post in channels');
      if (
        member.restrictions?.can_send_messages === false ||
        (record.permissions.can_send_messages === false && !member.isAdmin)
      ) {
        throw new EmulatorError(
          'blocked',
          `${this.firstName} may not send messages in "${chat.title}"`,
        );
      }
    }
    const message = this.link.world.postMessage(
      record,
      this.account,
      content,
      replyTo === undefined ? {} : { replyTo },
    );
    return structuredClone(message);
  }

  /** Runs a synchronous action so that its errors reject the returned promise. */
  // eslint-disable-next-line @typescript-eslint/require-await
  private async act<T>(fn: () => T): Promise<T> {
    return fn();
  }
}

function caption(file: OutgoingFile): Partial<Message> {
  return file.caption === undefined || file.caption === '' ? {} : { caption: file.caption };
}
