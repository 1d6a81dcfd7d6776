import type { Chat, ChatFullInfo, ChatPermissions, Message } from '@delegram/api';
import type { BotAccount } from './BotAccount.js';
import { allPermissions, ChatMemberRecord } from './ChatMemberRecord.js';
import type { Account, MemberStatus } from './ChatMemberRecord.js';
import { ReplyKeyboards } from './ReplyKeyboards.js';
import type { ForceReplyRequest, KeyboardMarkup } from './ReplyKeyboards.js';
import type { UserAccount } from './UserAccount.js';

/** The four kinds of chat the emulator models. */
export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';

/** The default permissions of a new group: members may send anything and invite, nothing more. */
export function defaultPermissions(): ChatPermissions {
  return {
    ...allPermissions(true),
    can_change_info: false,
    can_pin_messages: false,
    can_manage_topics: false,
  };
}

/**
 * The world's record of one chat: identity, members, messages (ids counted per chat) and pins.
 *
 * A private chat is between one person and one bot; its id, as the bot sees it, is the person's id.
 */
export class ChatRecord {
  /** The chat id bots use. */
  readonly id: number;
  /** The chat kind. */
  readonly type: ChatType;
  /** Title (groups and channels). */
  title: string | undefined;
  /** Public username without `@` (supergroups and channels). */
  username: string | undefined;
  /** Description (groups and channels). */
  description: string | undefined;
  /** Default member permissions (groups and supergroups). */
  permissions: ChatPermissions = defaultPermissions();
  /** Members and former members by account id. */
  readonly members = new Map<number, ChatMemberRecord>();
  /** Messages by message id (deleted ones are removed). */
  readonly messages = new Map<number, Message>();
  /** Pinned message ids, most recent last. */
  readonly pinned: number[] = [];
  /** For private chats: the person. */
  readonly user: UserAccount | undefined;
  /** For private chats: the bot. */
  readonly bot: BotAccount | undefined;
  /**
   * The reply keyboards and forced replies bots showed here, chat-wide and per person (see
   * {@link ChatRecord.keyboardFor} and {@link ChatRecord.forceReplyFor}).
   */
  readonly keyboards = new ReplyKeyboards();
  /** For a group upgraded to a supergroup: the supergroup's id. */
  migratedTo: number | undefined;
  /** For private chats: whether the person blocked the bot. */
  blocked = false;
  /** For private chats: whether the person has started the bot (sent anything, or /start). */
  started = false;
  private nextMessageId = 1;

  /**
   * @param init - id, type and, for private chats, the person and the bot
   */
  constructor(init: {
    id: number;
    type: ChatType;
    title?: string;
    username?: string;
    description?: string;
    user?: UserAccount;
    bot?: BotAccount;
  }) {
    this.id = init.id;
    this.type = init.type;
    this.title = init.title;
    this.username = init.username;
    this.description = init.description;
    this.user = init.user;
    this.bot = init.bot;
  }

  /** The reply keyboard everyone without a per-person one sees (`ReplyKeyboardMarkup`), if any. */
  get replyKeyboard(): KeyboardMarkup | undefined {
    return this.keyboards.chatWide;
  }

  /**
   * The reply keyboard one person sees here: a selective keyboard or removal that targeted them,
   * else the chat-wide one.
   *
   * @param userId - the person
   * @returns the `ReplyKeyboardMarkup`, or `undefined` for none
   */
  keyboardFor(userId: number): KeyboardMarkup | undefined {
    return this.keyboards.keyboardFor(userId);
  }

  /**
   * The bot message a person's client has a reply open to (`ForceReply`), while it lasts: until
   * the person sends a message here, or the bot's message is deleted.
   *
   * @param userId - the person
   * @returns the request, or `undefined`
   */
  forceReplyFor(userId: number): ForceReplyRequest | undefined {
    const request = this.keyboards.replyRequestFor(userId);
    if (request === undefined || !this.messages.has(request.messageId)) return undefined;
    for (let id = request.messageId + 1; id < this.nextMessageId; id++) {
      if (this.messages.get(id)?.from?.id === userId) return undefined;
    }
    return request;
  }

  /** Unique key: `p<userId>_<botId>` for private chats, the chat id otherwise. */
  get key(): string {
    return this.type === 'private'
      ? `p${this.user?.id ?? 0}_${this.bot?.id ?? 0}`
      : String(this.id);
  }

  /** Takes the next message id of this chat (ids start at 1 and never repeat). */
  allocateMessageId(): number {
    return this.nextMessageId++;
  }

  /** The membership record of an account, if it ever was a member. */
  member(accountId: number): ChatMemberRecord | undefined {
    return this.members.get(accountId);
  }

  /** Whether the account is in the chat now. */
  hasMember(accountId: number): boolean {
    if (this.type === 'private') return this.user?.id === accountId || this.bot?.id === accountId;
    return this.members.get(accountId)?.isPresent === true;
  }

  /** Sets an account's status, creating its record if needed; returns the record. */
  setStatus(account: Account, status: MemberStatus): ChatMemberRecord {
    let record = this.members.get(account.id);
    if (record === undefined) {
      record = new ChatMemberRecord(account, status);
      this.members.set(account.id, record);
    }
    record.status = status;
    if (status !== 'administrator') record.rights = undefined;
    if (status !== 'restricted') record.restrictions = undefined;
    return record;
  }

  /** Members present now (creator, admins, members, restricted members). */
  presentMembers(): ChatMemberRecord[] {
    return [...this.members.values()].filter((m) => m.isPresent);
  }

  /** The chat as the short Bot API `Chat` object that messages carry. */
  toChat(): Chat {
    if (this.type === 'private') {
      const user = this.user;
      const chat: Chat = { id: this.id, type: 'private', first_name: user?.firstName ?? '' };
      if (user?.lastName !== undefined) chat.last_name = user.lastName;
      if (user?.username !== undefined) chat.username = user.username;
      return chat;
    }
    const chat: Chat = { id: this.id, type: this.type, title: this.title ?? '' };
    if (this.username !== undefined) chat.username = this.username;
    return chat;
  }

  /** The chat as `getChat` returns it. */
  toFullInfo(): ChatFullInfo {
    const info: ChatFullInfo = {
      ...this.toChat(),
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: {
        unlimited_gifts: false,
        limited_gifts: false,
        unique_gifts: false,
        premium_subscription: false,
        gifts_from_channels: false,
      },
    };
    if (this.description !== undefined) info.description = this.description;
    if (this.type === 'group' || this.type === 'supergroup') info.permissions = this.permissions;
    const pinnedId = this.pinned.at(-1);
    const pinned = pinnedId === undefined ? undefined : this.messages.get(pinnedId);
    if (pinned !== undefined) info.pinned_message = pinned;
    return info;
  }
}
