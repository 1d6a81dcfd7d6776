import type { Message } from '@delegram/api';
import { BotAccount } from '../world/BotAccount.js';
import type { ChatRecord } from '../world/ChatRecord.js';
import { EmulatorError } from '../world/EmulatorError.js';
import type { ForceReplyRequest, KeyboardMarkup } from '../world/ReplyKeyboards.js';
import type { World } from '../world/World.js';
import { ChatEventRouter } from './ChatEventRouter.js';
import { Inbox } from './Inbox.js';
import type { SimUser } from './SimUser.js';

/** Options for {@link SimChat.nextBotMessage} and {@link SimChat.nextBotEdit}. */
export interface WaitOptions {
  /** How long to wait, in ms of the emulator's clock (default 5000). */
  readonly timeoutMs?: number;
  /** Only messages from this bot (for groups with several bots). */
  readonly from?: BotAccount;
}

/**
 * A chat as tests and tools see it: its history, its members, and waiting for what bots send.
 *
 * Get one from `emu.privateChat(user, bot)` or `emu.createGroup(...)`; the emulator keeps one
 * handle per chat, so every caller shares its inbox of bot messages.
 *
 * @example
 * ```ts
 * const chat = emu.privateChat(alice, bot);
 * await alice.sendMessage(chat, '/start');
 * const reply = await chat.nextBotMessage();
 * expect(reply.text).toBe('Hello!');
 * ```
 */
export class SimChat {
  private readonly messages: Inbox<Message>;
  private readonly edits: Inbox<Message>;
  private readonly unsubscribe: () => void;

  /**
   * @param world - the world the chat lives in
   * @param record - the world's record of the chat
   */
  constructor(
    private readonly world: World,
    readonly record: ChatRecord,
  ) {
    const messages = new Inbox<Message>(world.clock);
    const edits = new Inbox<Message>(world.clock);
    this.messages = messages;
    this.edits = edits;
    this.unsubscribe = ChatEventRouter.of(world).subscribe(record.key, {
      message: (message) => messages.put(message),
      edit: (message) => edits.put(message),
    });
  }

  /** Unique key of the chat (private chats: `p<userId>_<botId>`). */
  get key(): string {
    return this.record.key;
  }

  /** The chat id bots use. */
  get id(): number {
    return this.record.id;
  }

  /** `private`, `group`, `supergroup` or `channel`. */
  get type(): ChatRecord['type'] {
    return this.record.type;
  }

  /** The title (groups and channels) or the bot's name (private chats). */
  get title(): string {
    return this.world.chatRef(this.record).title;
  }

  /**
   * The reply keyboard a bot is showing in this chat to everyone, if any (`ReplyKeyboardMarkup`).
   * In a private chat that is the person's keyboard; in a group, people targeted by a selective
   * keyboard or removal, or who closed a one-time keyboard, may see another: use
   * {@link SimChat.replyKeyboardFor}.
   */
  get replyKeyboard(): KeyboardMarkup | undefined {
    return this.record.replyKeyboard;
  }

  /**
   * The reply keyboard one person sees in this chat, with `selective` and one-time presses
   * applied, as Telegram keeps it per person.
   *
   * @example
   * ```ts
   * await bob.sendMessage(group, '/lang');           // the bot replies with selective: true
   * await group.nextBotMessage();
   * expect(group.replyKeyboardFor(bob)).toBeDefined();
   * expect(group.replyKeyboardFor(alice)).toBeUndefined();
   * ```
   * @param user - the person
   * @returns the `ReplyKeyboardMarkup`, or `undefined` when they see none
   */
  replyKeyboardFor(user: SimUser): KeyboardMarkup | undefined {
    return this.record.keyboardFor(user.id);
  }

  /**
   * The bot message a person's client has a reply open to because of a `ForceReply` markup
   * (respecting `selective`), with its `input_field_placeholder`; it lasts until the person sends
   * a message in this chat or the bot's message is deleted.
   *
   * @param user - the person
   * @returns `{ messageId, botId, placeholder? }`, or `undefined` when no reply is forced
   */
  forceReplyFor(user: SimUser): ForceReplyRequest | undefined {
    return this.record.forceReplyFor(user.id);
  }

  /** The chat's messages, oldest first, without deleted ones (copies). */
  history(): Message[] {
    return [...this.record.messages.values()].map((m) => structuredClone(m));
  }

  /** The current state of one message (a copy), or `undefined` if it does not exist (any more). */
  message(id: number): Message | undefined {
    const message = this.record.messages.get(id);
    return message === undefined ? undefined : structuredClone(message);
  }

  /**
   * Waits for the next message a bot sends here: the oldest bot message this handle has not
   * returned yet (kept since the handle was made), else the next one to arrive.
   *
   * @param options - timeout (emulated ms, default 5000) and which bot
   * @returns the message
   * @throws EmulatorError `timeout` when none arrives in time
   */
  nextBotMessage(options: WaitOptions = {}): Promise<Message> {
    const from = options.from;
    return this.messages.take(
      (m) => from === undefined || m.from?.id === from.id || m.via_bot?.id === from.id,
      options.timeoutMs ?? 5_000,
      `message from ${from === undefined ? 'a bot' : `@${from.username}`} in chat "${this.title}"`,
    );
  }

  /**
   * Waits for the next edit a bot makes to a message here (text, caption, media or keyboard).
   *
   * @param options - timeout (emulated ms, default 5000) and which bot
   * @returns the edited message
   * @throws EmulatorError `timeout` when no edit happens in time
   */
  nextBotEdit(options: WaitOptions = {}): Promise<Message> {
    const from = options.from;
    return this.edits.take(
      (m) => from === undefined || m.from?.id === from.id || m.via_bot?.id === from.id,
      options.timeoutMs ?? 5_000,
      `edit by a bot in chat "${this.title}"`,
    );
  }

  /** Forgets bot messages and edits not yet taken by `nextBotMessage` / `nextBotEdit`. */
  clearInbox(): void {
    this.messages.clear();
    this.edits.clear();
  }

  /**
   * Adds a person or a bot to this group or channel.
   *
   * @param account - who joins
   * @param options - who adds them (default: they join themselves) and whether as administrator
   */
  add(account: SimUser | BotAccount, options: { by?: SimUser; admin?: boolean } = {}): void {
    const target = account instanceof BotAccount ? account : account.account;
    this.world.addMember(this.record, target, {
      ...(options.by === undefined ? {} : { by: options.by.account }),
      admin: options.admin ?? false,
    });
  }

  /**
   * Removes a person or a bot from this group or channel.
   *
   * @param account - who goes
   * @param options - who removes them (default: they leave) and whether it is a ban
   */
  remove(account: SimUser | BotAccount, options: { by?: SimUser; ban?: boolean } = {}): void {
    const target = account instanceof BotAccount ? account : account.account;
    if (!this.record.hasMember(target.id)) {
      throw new EmulatorError('not_member', `${target.firstName} is not in "${this.title}"`);
    }
    this.world.removeMember(this.record, target, {
      ...(options.by === undefined ? {} : { by: options.by.account }),
      ban: options.ban ?? false,
    });
  }

  /** Stops collecting bot messages (the emulator calls it on stop). */
  dispose(): void {
    this.unsubscribe();
  }
}
