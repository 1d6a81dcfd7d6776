import type { ChatMember, Clock, Message, UpdateKind } from '@delegram/api';
import { systemClock } from '@delegram/api';
import createDebug from 'debug';
import { EventEmitter } from 'eventemitter3';
import { ApiError, badRequest } from '../ApiError.js';
import type { BotUpdates } from '../updates/BotUpdates.js';
import { BotAccount } from './BotAccount.js';
import type { BotAccountOptions } from './BotAccount.js';
import type { Account } from './ChatMemberRecord.js';
import { fullRights } from './ChatMemberRecord.js';
import { ChatRecord } from './ChatRecord.js';
import type { ChatType } from './ChatRecord.js';
import { recipientsOf } from './delivery.js';
import { EmulatorError } from './EmulatorError.js';
import { FileStore } from './FileStore.js';
import { InlineCache } from './InlineCache.js';
import { QueryBook } from './QueryBook.js';
import type {
  InlineMessageRef,
  InlineQueryAnswer,
  InvoiceDetails,
  PreCheckoutAnswer,
  ShippingAnswer,
} from './QueryAnswers.js';
import { issueToken, parseToken } from './tokens.js';
import { UserAccount } from './UserAccount.js';
import type { UserAccountOptions } from './UserAccount.js';
import type { CallbackAnswer, CallbackQueryMeta, ChatRef, WorldEvents } from './WorldEvents.js';

const log = createDebug('delegram:emulator:world');

/** What a {@link World} is built with. */
export interface WorldOptions {
  /** Emulated time: message dates, query expiry (default `systemClock`). */
  readonly clock?: Clock;
  /** How long a bot has to answer an inline query, in ms (default 10 000). */
  readonly inlineQueryTtlMs?: number;
  /** How long a bot has to answer a callback query, in ms (default 15 000). */
  readonly callbackQueryTtlMs?: number;
  /** How long a bot has to answer shipping and pre-checkout queries, in ms (default 10 000). */
  readonly paymentQueryTtlMs?: number;
  /** Builds each bot's update queue (the emulator passes the server's `BotUpdates`). */
  readonly makeUpdates: (bot: BotAccount) => BotUpdates;
}

/** What {@link World.createGroup} accepts. */
export interface GroupOptions {
  /** The group's title (required, 1-128 characters). */
  readonly title: string;
  /** `group`, `supergroup` (default) or `channel`. */
  readonly type?: Exclude<ChatType, 'private'>;
  /** Public username without `@` (supergroups and channels). */
  readonly username?: string;
  /** Description. */
  readonly description?: string;
  /** The creator (default: the first person in `members`). */
  readonly creator?: UserAccount;
  /** People and bots that join at creation. */
  readonly members?: readonly Account[];
  /** Members (people or bots) made administrators with every right. */
  readonly admins?: readonly Account[];
}

/** Options for {@link World.postMessage}. */
export interface PostOptions {
  /** The message replied to (already found in the same chat). */
  readonly replyTo?: Message;
  /** The bot an inline result was sent through (`via_bot`). */
  readonly viaBot?: BotAccount;
}

/**
 * The emulator's in-memory world: people, bots, chats with members and messages, files, and the
 * queries (inline, callback, payment) waiting for bots' answers.
 *
 * Method implementations and the control API change it; it turns changes into updates for the
 * bots concerned (through each bot's `updates` queue) and into {@link WorldEvents} for observers.
 */
export class World extends EventEmitter<WorldEvents> {
  /** The emulator's clock. */
  readonly clock: Clock;
  /** Uploaded and issued files. */
  readonly files = new FileStore();
  /** Inline queries waiting for `answerInlineQuery`. */
  readonly inlineQueries: QueryBook<InlineQueryAnswer>;
  /** Callback queries waiting for `answerCallbackQuery`. */
  readonly callbackQueries: QueryBook<CallbackAnswer, CallbackQueryMeta>;
  /** Shipping queries waiting for `answerShippingQuery`. */
  readonly shippingQueries: QueryBook<ShippingAnswer>;
  /** Pre-checkout queries waiting for `answerPreCheckoutQuery`. */
  readonly preCheckoutQueries: QueryBook<PreCheckoutAnswer>;
  /** Inline answers Telegram would serve from its cache (`cache_time`, `is_personal`). */
  readonly inlineCache: InlineCache;
  /** Messages sent via inline mode, by `inline_message_id`. */
  readonly inlineMessages = new Map<string, InlineMessageRef>();
  /** Invoices by `<chat key>/<message id>`. */
  readonly invoices = new Map<string, InvoiceDetails>();
  /** Game scores by `<chat key>/<message id>` (or inline message id), then by user id. */
  readonly gameScores = new Map<string, Map<number, number>>();
  /** Time-to-live settings (ms). */
  readonly ttl: { readonly inline: number; readonly callback: number; readonly payment: number };

  private readonly makeUpdates: (bot: BotAccount) => BotUpdates;
  private readonly usersById = new Map<number, UserAccount>();
  private readonly botsById = new Map<number, BotAccount>();
  private readonly botsByToken = new Map<string, BotAccount>();
  private readonly chatsByKey = new Map<string, ChatRecord>();
  private nextUserId = 100_000_001;
  private nextBotId = 7_000_000_001;
  private nextGroupId = 1;

  /** @param options - clock, query lifetimes and the update-queue factory */
  constructor(options: WorldOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    this.makeUpdates = options.makeUpdates;
    this.ttl = {
      inline: options.inlineQueryTtlMs ?? 10_000,
      callback: options.callbackQueryTtlMs ?? 15_000,
      payment: options.paymentQueryTtlMs ?? 10_000,
    };
    this.inlineCache = new InlineCache(this.clock);
    this.inlineQueries = new QueryBook(this.clock, '1');
    this.callbackQueries = new QueryBook(this.clock, '2');
    this.shippingQueries = new QueryBook(this.clock, '3');
    this.preCheckoutQueries = new QueryBook(this.clock, '4');
  }

  /** The current emulated time as a Unix timestamp in seconds (what `date` fields hold). */
  unixTime(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  // ---- accounts -------------------------------------------------------------------------

  /**
   * Creates a bot account with an issued (or the given) token.
   *
   * @param options - username, token, name and settings
   * @returns the bot's record
   * @throws EmulatorError `invalid_option` / `username_taken` on a bad username or token
   */
  createBot(options: BotAccountOptions = {}): BotAccount {
    let id: number;
    if (options.token !== undefined) {
      try {
        id = parseToken(options.token);
      } catch (error) {
        throw new EmulatorError('invalid_option', (error as Error).message, { cause: error });
      }
      if (this.account(id) !== undefined) {
        throw new EmulatorError(
          'invalid_option',
          `An account with id ${id} already exists; use another token`,
        );
      }
    } else {
      while (this.account(this.nextBotId) !== undefined) this.nextBotId++;
      id = this.nextBotId++;
    }
    const username = options.username ?? `test${this.botsById.size + 1}_bot`;
    if (!/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(username) || !/bot$/i.test(username)) {
      throw new EmulatorError(
        'invalid_option',
        `Bot username "${username}" is not valid: use 5-32 letters, digits or _, starting with a letter and ending in "bot"`,
      );
    }
    this.requireFreeUsername(username);
    const bot = new BotAccount(
      {
        id,
        token: options.token ?? issueToken(id),
        username,
        firstName: options.firstName ?? username,
        canJoinGroups: options.canJoinGroups ?? true,
        privacyMode: options.privacyMode ?? false,
        supportsInlineQueries: options.supportsInlineQueries ?? true,
        inlineFeedback: options.inlineFeedback ?? true,
      },
      this.makeUpdates,
    );
    this.botsById.set(id, bot);
    this.botsByToken.set(bot.token, bot);
    log('bot %d @%s created', id, username);
    this.emit('account', { id, isBot: true, firstName: bot.firstName, username });
    return bot;
  }

  /**
   * Creates a simulated person.
   *
   * @param options - the person's profile; `firstName` is required
   * @returns the person's record
   */
  createUser(options: UserAccountOptions): UserAccount {
    if (typeof options.firstName !== 'string' || options.firstName.trim() === '') {
      throw new EmulatorError('invalid_option', 'createUser needs a non-empty firstName');
    }
    if (options.firstName.length > 64 || (options.lastName?.length ?? 0) > 64) {
      throw new EmulatorError(
        'invalid_option',
        'Telegram names are at most 64 characters (firstName and lastName each)',
      );
    }
    if (options.username !== undefined) {
      if (!/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(options.username)) {
        throw new EmulatorError(
          'invalid_option',
          `Username "${options.username}" is not valid: use 4-32 letters, digits or _, starting with a letter`,
        );
      }
      this.requireFreeUsername(options.username);
    }
    while (this.account(this.nextUserId) !== undefined) this.nextUserId++;
    const user = new UserAccount(this.nextUserId++, options);
    this.usersById.set(user.id, user);
    this.emit('account', {
      id: user.id,
      isBot: false,
      firstName: user.firstName,
      ...(user.username === undefined ? {} : { username: user.username }),
    });
    return user;
  }

  /** The bot whose token this is, or `undefined` (how the server authenticates requests). */
  botByToken(token: string): BotAccount | undefined {
    return this.botsByToken.get(token);
  }

  /** The person or bot with this id. */
  account(id: number): Account | undefined {
    return this.usersById.get(id) ?? this.botsById.get(id);
  }

  /** The person with this id. */
  user(id: number): UserAccount | undefined {
    return this.usersById.get(id);
  }

  /** The bot with this id. */
  bot(id: number): BotAccount | undefined {
    return this.botsById.get(id);
  }

  /** Every person, in creation order. */
  users(): UserAccount[] {
    return [...this.usersById.values()];
  }

  /** Every bot, in creation order. */
  bots(): BotAccount[] {
    return [...this.botsById.values()];
  }

  private requireFreeUsername(username: string): void {
    const lower = username.toLowerCase();
    const taken =
      [...this.usersById.values(), ...this.botsById.values()].some(
        (a) => a.username?.toLowerCase() === lower,
      ) || [...this.chatsByKey.values()].some((c) => c.username?.toLowerCase() === lower);
    if (taken) {
      throw new EmulatorError(
        'username_taken',
        `The username "${username}" is already taken; pick another`,
      );
    }
  }

  // ---- chats ----------------------------------------------------------------------------

  /**
   * The private chat between a person and a bot, created on first use.
   *
   * @param user - the person
   * @param bot - the bot
   * @returns the chat (its id, as the bot sees it, is the person's id)
   */
  privateChat(user: UserAccount, bot: BotAccount): ChatRecord {
    const key = privateKey(user.id, bot.id);
    let chat = this.chatsByKey.get(key);
    if (chat === undefined) {
      chat = new ChatRecord({ id: user.id, type: 'private', user, bot });
      this.chatsByKey.set(key, chat);
      this.emit('chat', { chat: this.chatRef(chat) });
    }
    return chat;
  }

  /**
   * Creates a group, supergroup or channel with its first members.
   *
   * Bots added get a `my_chat_member` update; everyone sees the "created" service message.
   * Bots in a channel are made administrators (a channel member bot could not post).
   *
   * @param options - title, type, members and admins
   * @returns the chat
   */
  createGroup(options: GroupOptions): ChatRecord {
    const type = options.type ?? 'supergroup';
    if (
      typeof options.title !== 'string' ||
      options.title.length < 1 ||
      options.title.length > 128
    ) {
      throw new EmulatorError('invalid_option', 'createGroup needs a title of 1-128 characters');
    }
    if (!['group', 'supergroup', 'channel'].includes(type)) {
      throw new EmulatorError(
        'invalid_option',
        `createGroup type must be group, supergroup or channel, not "${String(type)}"`,
      );
    }
    if (options.username !== undefined) this.requireFreeUsername(options.username);
    const n = this.nextGroupId++;
    const id = type === 'group' ? -(4_000_000_000 + n) : -(1_000_000_000_000 + 2_000_000_000 + n);
    const chat = new ChatRecord({
      id,
      type,
      title: options.title,
      ...(options.username === undefined ? {} : { username: options.username }),
      ...(options.description === undefined ? {} : { description: options.description }),
    });
    this.chatsByKey.set(chat.key, chat);
    const members = options.members ?? [];
    const creator =
      options.creator ?? members.find((m): m is UserAccount => m instanceof UserAccount);
    if (creator !== undefined) chat.setStatus(creator, 'creator');
    const serviceField =
      type === 'group'
        ? 'group_chat_created'
        : type === 'supergroup'
          ? 'supergroup_chat_created'
          : 'channel_chat_created';
    this.postMessage(chat, creator, { [serviceField]: true });
    for (const account of members) {
      if (account === creator) continue;
      const admin =
        options.admins?.includes(account) === true ||
        (type === 'channel' && account instanceof BotAccount);
      this.addMember(chat, account, { by: creator, admin, silent: true });
    }
    this.emit('chat', { chat: this.chatRef(chat) });
    return chat;
  }

  /** The chat with this key (see {@link ChatRef.key}). */
  chatByKey(key: string): ChatRecord | undefined {
    return this.chatsByKey.get(key);
  }

  /** Every chat, in creation order. */
  chats(): ChatRecord[] {
    return [...this.chatsByKey.values()];
  }

  /** The chat as events and the control API name it. */
  chatRef(chat: ChatRecord): ChatRef {
    if (chat.type === 'private') {
      return {
        key: chat.key,
        id: chat.id,
        type: 'private',
        title: chat.bot?.firstName ?? '',
        ...(chat.user === undefined ? {} : { userId: chat.user.id }),
        ...(chat.bot === undefined ? {} : { botId: chat.bot.id }),
      };
    }
    return { key: chat.key, id: chat.id, type: chat.type, title: chat.title ?? '' };
  }

  /**
   * Finds the chat a bot means by `chat_id` (an id or `@username`), as Telegram resolves it.
   *
   * @param bot - the calling bot
   * @param chatId - the `chat_id` parameter
   * @returns the chat
   * @throws ApiError 400 `chat not found`, 403 `bot can't initiate conversation with a user`, ...
   */
  resolveChat(bot: BotAccount, chatId: unknown): ChatRecord {
    if (typeof chatId === 'string' && chatId.startsWith('@')) {
      const name = chatId.slice(1).toLowerCase();
      const chat = this.chats().find((c) => c.username?.toLowerCase() === name);
      if (chat === undefined) throw badRequest('chat not found');
      return chat;
    }
    const id = typeof chatId === 'number' ? chatId : Number(chatId);
    if (!Number.isSafeInteger(id) || id === 0) throw badRequest('chat not found');
    if (id > 0) {
      const chat = this.chatsByKey.get(privateKey(id, bot.id));
      if (chat !== undefined) return chat;
      if (this.botsById.has(id))
        throw new ApiError(403, "Forbidden: bot can't send messages to bots");
      if (this.usersById.has(id)) {
        throw new ApiError(403, "Forbidden: bot can't initiate conversation with a user");
      }
      throw badRequest('chat not found');
    }
    const chat = this.chatsByKey.get(String(id));
    if (chat === undefined) throw badRequest('chat not found');
    if (chat.migratedTo !== undefined) {
      throw new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
        migrate_to_chat_id: chat.migratedTo,
      });
    }
    return chat;
  }

  /**
   * Upgrades a basic group to a supergroup, as Telegram does when a group grows or an admin
   * changes certain settings: a new supergroup with the same title and members, the
   * `migrate_to_chat_id` / `migrate_from_chat_id` service messages, and from then on every bot
   * call naming the old id fails with 400 `group chat was upgraded to a supergroup chat` and
   * `parameters.migrate_to_chat_id`.
   *
   * @param group - a chat of type `group`
   * @returns the new supergroup
   */
  upgradeGroup(group: ChatRecord): ChatRecord {
    if (group.type !== 'group' || group.migratedTo !== undefined) {
      throw new EmulatorError(
        'invalid_option',
        'Only a basic group that was not upgraded yet can be upgraded',
      );
    }
    const n = this.nextGroupId++;
    const supergroup = new ChatRecord({
      id: -(1_000_000_000_000 + 2_000_000_000 + n),
      type: 'supergroup',
      ...(group.title === undefined ? {} : { title: group.title }),
      ...(group.description === undefined ? {} : { description: group.description }),
    });
    supergroup.permissions = { ...group.permissions };
    for (const member of group.members.values()) {
      const copy = supergroup.setStatus(member.account, member.status);
      copy.rights = member.rights;
      copy.restrictions = member.restrictions;
      copy.untilDate = member.untilDate;
      copy.customTitle = member.customTitle;
    }
    this.chatsByKey.set(supergroup.key, supergroup);
    const creator = group.presentMembers().find((m) => m.status === 'creator')?.account;
    this.postMessage(group, creator, { migrate_to_chat_id: supergroup.id });
    group.migratedTo = supergroup.id;
    this.postMessage(supergroup, creator, { migrate_from_chat_id: group.id });
    this.emit('chat', { chat: this.chatRef(group) });
    this.emit('chat', { chat: this.chatRef(supergroup) });
    return supergroup;
  }

  /**
   * Checks that a bot may act in a chat: not blocked, not kicked, a member (an admin that may post,
   * in a channel).
   *
   * @param bot - the calling bot
   * @param chat - the chat
   * @param post - whether the bot wants to post (channels need `can_post_messages`)
   * @throws ApiError 403 (blocked, kicked, not a member) or 400 (not enough rights)
   */
  requireAccess(bot: BotAccount, chat: ChatRecord, post = true): void {
    if (chat.type === 'private') {
      if (chat.blocked) throw new ApiError(403, 'Forbidden: bot was blocked by the user');
      return;
    }
    const member = chat.member(bot.id);
    const noun = `${chat.type} chat`;
    if (member?.status === 'kicked')
      throw new ApiError(403, `Forbidden: bot was kicked from the ${noun}`);
    if (member?.isPresent !== true)
      throw new ApiError(403, `Forbidden: bot is not a member of the ${noun}`);
    if (!post) return;
    if (chat.type === 'channel' && !member.can('can_post_messages')) {
      throw badRequest('need administrator rights in the channel chat');
    }
    const groupMuted = !member.isAdmin && chat.permissions.can_send_messages === false;
    if (
      groupMuted ||
      (member.status === 'restricted' && member.restrictions?.can_send_messages === false)
    ) {
      throw badRequest('not enough rights to send text messages to the chat');
    }
  }

  // ---- messages -------------------------------------------------------------------------

  /**
   * Adds a message to a chat: allocates its id, stamps date, sender and chat, stores it, delivers
   * it to the bots that see it, and emits `message`.
   *
   * @param chat - where it goes
   * @param from - the author (channel posts carry `sender_chat` instead of `from`; a bot's
   *   messages reach no bot)
   * @param content - the message's content fields (`text`, `photo`, `reply_markup`, ...)
   * @param options - the replied message, the inline bot it came through
   * @returns the stored message
   */
  postMessage(
    chat: ChatRecord,
    from: Account | undefined,
    content: Partial<Message>,
    options: PostOptions = {},
  ): Message {
    const message = {
      message_id: chat.allocateMessageId(),
      ...(from === undefined || chat.type === 'channel' ? {} : { from: from.toUser() }),
      ...(chat.type === 'channel' ? { sender_chat: chat.toChat() } : {}),
      date: this.unixTime(),
      chat: chat.toChat(),
      ...(options.replyTo === undefined ? {} : { reply_to_message: stripReply(options.replyTo) }),
      ...(options.viaBot === undefined ? {} : { via_bot: options.viaBot.toUser() }),
      ...content,
    };
    chat.messages.set(message.message_id, message);
    if (from instanceof UserAccount && chat.type === 'private') chat.started = true;
    const kind: UpdateKind = chat.type === 'channel' ? 'channel_post' : 'message';
    const recipients = from instanceof BotAccount ? [] : recipientsOf(chat, message);
    for (const bot of recipients) this.push(bot, kind, structuredClone(message), `chat:${chat.id}`);
    this.emit('message', {
      chat: this.chatRef(chat),
      message: structuredClone(message),
      fromBot: from instanceof BotAccount,
    });
    return message;
  }

  /**
   * Changes a stored message: applies `patch` (fields set to `undefined` are removed), stamps
   * `edit_date` unless only the keyboard changed, tells bots about edits by people, emits `edit`.
   *
   * @param chat - the message's chat
   * @param message - the stored message
   * @param patch - the new field values
   * @param byBot - whether a bot made the edit
   * @returns the edited message
   */
  editMessage(
    chat: ChatRecord,
    message: Message,
    patch: Partial<Message>,
    byBot: boolean,
  ): Message {
    const record = message as unknown as Record<string, unknown>;
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) delete record[field];
      else record[field] = value;
    }
    const keyboardOnly = Object.keys(patch).every((k) => k === 'reply_markup');
    if (!keyboardOnly) message.edit_date = this.unixTime();
    if (!byBot && !keyboardOnly) {
      const kind: UpdateKind = chat.type === 'channel' ? 'edited_channel_post' : 'edited_message';
      for (const bot of recipientsOf(chat, message))
        this.push(bot, kind, structuredClone(message), `chat:${chat.id}`);
    }
    this.emit('edit', { chat: this.chatRef(chat), message: structuredClone(message), byBot });
    return message;
  }

  /**
   * Removes messages from a chat (and from its pins) and emits `delete`.
   *
   * @param chat - the chat
   * @param ids - message ids; unknown ones are ignored
   */
  deleteMessages(chat: ChatRecord, ids: readonly number[]): void {
    const gone = ids.filter((id) => chat.messages.delete(id));
    if (gone.length === 0) return;
    for (const id of gone) {
      const at = chat.pinned.indexOf(id);
      if (at >= 0) chat.pinned.splice(at, 1);
    }
    this.emit('delete', { chat: this.chatRef(chat), messageIds: gone });
  }

  /**
   * Queues an update for a bot (dropped by the queue if the bot's `allowed_updates` exclude it),
   * with file ids as that bot knows them.
   *
   * @param bot - the recipient
   * @param kind - the update kind
   * @param payload - the update's payload object
   * @param orderKey - webhook ordering key (`chat:<id>` or `user:<id>`)
   */
  push(bot: BotAccount, kind: UpdateKind, payload: object, orderKey: string): void {
    bot.updates.push(kind, this.files.toBotView(payload, bot.id), orderKey);
  }

  // ---- membership -----------------------------------------------------------------------

  /**
   * Adds a person or bot to a group or channel (a join, or an add by `by`).
   *
   * @param chat - the group or channel
   * @param account - who joins
   * @param options - who added them, whether as administrator, and whether to skip the service message
   * @throws EmulatorError when the chat is private or a bot may not join groups
   */
  addMember(
    chat: ChatRecord,
    account: Account,
    options: { by?: Account | undefined; admin?: boolean; silent?: boolean } = {},
  ): void {
    if (chat.type === 'private') {
      throw new EmulatorError(
        'invalid_option',
        'Private chats have exactly two members; create a group to add more',
      );
    }
    if (account instanceof BotAccount && !account.canJoinGroups && chat.type !== 'channel') {
      throw new EmulatorError(
        'invalid_option',
        `@${account.username} was created with canJoinGroups: false`,
      );
    }
    const old = chat.member(account.id)?.toChatMember() ?? {
      status: 'left',
      user: account.toUser(),
    };
    const record = chat.setStatus(account, options.admin === true ? 'administrator' : 'member');
    if (options.admin === true) record.rights = fullRights(true);
    this.announceMember(chat, old, record.toChatMember(), options.by ?? account);
    if (chat.type !== 'channel' && options.silent !== true) {
      this.postMessage(chat, options.by ?? account, { new_chat_members: [account.toUser()] });
    }
    this.emit('chat', { chat: this.chatRef(chat) });
  }

  /**
   * Takes a person or bot out of a group: they leave, or are banned (`kicked`) by `by`.
   *
   * @param chat - the group or channel
   * @param account - who goes
   * @param options - who removed them and whether it is a ban
   */
  removeMember(
    chat: ChatRecord,
    account: Account,
    options: { by?: Account | undefined; ban?: boolean; untilDate?: number } = {},
  ): void {
    if (chat.type === 'private') {
      throw new EmulatorError('invalid_option', 'Use blockBot to leave a private chat with a bot');
    }
    const old = chat.member(account.id)?.toChatMember() ?? {
      status: 'left',
      user: account.toUser(),
    };
    const wasPresent = chat.hasMember(account.id);
    const record = chat.setStatus(account, options.ban === true ? 'kicked' : 'left');
    record.untilDate = options.untilDate ?? 0;
    this.announceMember(chat, old, record.toChatMember(), options.by ?? account);
    if (wasPresent && chat.type !== 'channel') {
      this.postMessage(chat, options.by ?? account, { left_chat_member: account.toUser() });
    }
    this.emit('chat', { chat: this.chatRef(chat) });
  }

  /**
   * Sends `my_chat_member` to a bot whose own status changed, or `chat_member` to the chat's admin
   * bots when someone else's did.
   *
   * @param chat - the chat
   * @param oldMember - the status before
   * @param newMember - the status after
   * @param by - who made the change
   */
  announceMember(
    chat: ChatRecord,
    oldMember: ChatMember,
    newMember: ChatMember,
    by: Account,
  ): void {
    const payload = (): object => ({
      chat: chat.toChat(),
      from: by.toUser(),
      date: this.unixTime(),
      old_chat_member: oldMember,
      new_chat_member: newMember,
    });
    const subject = this.bot(newMember.user.id);
    if (subject !== undefined) this.push(subject, 'my_chat_member', payload(), `chat:${chat.id}`);
    for (const member of chat.presentMembers()) {
      if (
        member.account instanceof BotAccount &&
        member.isAdmin &&
        member.account.id !== newMember.user.id
      ) {
        this.push(member.account, 'chat_member', payload(), `chat:${chat.id}`);
      }
    }
  }

  /**
   * A person blocks (or unblocks) a bot: the bot gets `my_chat_member` (kicked / member) and, while
   * blocked, 403 `bot was blocked by the user` when it writes to the person.
   *
   * @param user - the person
   * @param bot - the bot
   * @param blocked - block (true) or unblock (false)
   */
  setBlocked(user: UserAccount, bot: BotAccount, blocked: boolean): void {
    const chat = this.privateChat(user, bot);
    if (chat.blocked === blocked) return;
    chat.blocked = blocked;
    const kicked: ChatMember = { status: 'kicked', user: bot.toUser(), until_date: 0 };
    const member: ChatMember = { status: 'member', user: bot.toUser() };
    this.push(
      bot,
      'my_chat_member',
      {
        chat: chat.toChat(),
        from: user.toUser(),
        date: this.unixTime(),
        old_chat_member: blocked ? member : kicked,
        new_chat_member: blocked ? kicked : member,
      },
      `chat:${chat.id}`,
    );
    this.emit('chat', { chat: this.chatRef(chat) });
  }
}

/** The key of the private chat between a person and a bot. */
export function privateKey(userId: number, botId: number): string {
  return `p${userId}_${botId}`;
}

/** A replied-to message as it is embedded: without its own `reply_to_message`. */
function stripReply(message: Message): Message {
  const copy = structuredClone(message);
  delete copy.reply_to_message;
  return copy;
}
