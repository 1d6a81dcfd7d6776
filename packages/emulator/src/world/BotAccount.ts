import type { BotCommand, MenuButton, User } from '@delegram/api';
import type { BotUpdates } from '../updates/BotUpdates.js';

/** What {@link World.createBot} accepts: every field has a sensible default. */
export interface BotAccountOptions {
  /** The bot's username without `@`; must end in `bot` like Telegram's (default `test<N>_bot`). */
  readonly username?: string;
  /** A preset token `<id>:<secret>`; the id becomes the bot's id (default: one is issued). */
  readonly token?: string;
  /** Display name (default: the username). */
  readonly firstName?: string;
  /** Whether the bot may be added to groups (default true). */
  readonly canJoinGroups?: boolean;
  /**
   * Privacy mode: in groups the bot then sees only commands, replies to it and mentions
   * (Telegram's default is on; the emulator's default is off so that tests see every message).
   */
  readonly privacyMode?: boolean;
  /** Whether the bot answers inline queries (default true). */
  readonly supportsInlineQueries?: boolean;
  /** Whether `chosen_inline_result` updates are sent (BotFather's "inline feedback"; default true). */
  readonly inlineFeedback?: boolean;
}

/** The commands one scope holds, keyed by `language_code` ('' for all languages). */
export type CommandsByLanguage = Map<string, BotCommand[]>;

/**
 * The world's record of one bot: identity, token, settings and its update queue.
 *
 * Created by {@link World.createBot}; the server finds it with {@link World.botByToken}.
 */
export class BotAccount {
  /** The bot's user id (the number before the colon in its token). */
  readonly id: number;
  /** The secret token bots use in `/bot<token>/...` URLs. */
  readonly token: string;
  /** The username without `@`. */
  readonly username: string;
  /** The display name. */
  firstName: string;
  /** Whether groups may add the bot. */
  readonly canJoinGroups: boolean;
  /** Whether group messages are filtered as in Telegram's privacy mode. */
  readonly privacyMode: boolean;
  /** Whether the bot receives inline queries. */
  readonly supportsInlineQueries: boolean;
  /** Whether `chosen_inline_result` updates are sent. */
  readonly inlineFeedback: boolean;
  /** Whether any client has called the Bot API with this bot's token yet. */
  connected = false;
  /** The bot's update queue (getUpdates or webhook). */
  readonly updates: BotUpdates;
  /** Commands per scope key (see `scopeKey` in the commands methods), then per language. */
  readonly commands = new Map<string, CommandsByLanguage>();
  /** The default menu button; per-chat buttons live in {@link BotAccount.chatMenuButtons}. */
  menuButton: MenuButton = { type: 'commands' };
  /** Menu buttons set for single private chats, by chat id. */
  readonly chatMenuButtons = new Map<number, MenuButton>();
  /** Name, description and short description per language ('' for the default). */
  readonly profile = {
    name: new Map<string, string>(),
    description: new Map<string, string>(),
    shortDescription: new Map<string, string>(),
  };

  /**
   * @param init - identity and settings (already validated by the world)
   * @param makeUpdates - builds the bot's update queue once the account exists
   */
  constructor(
    init: {
      id: number;
      token: string;
      username: string;
      firstName: string;
      canJoinGroups: boolean;
      privacyMode: boolean;
      supportsInlineQueries: boolean;
      inlineFeedback: boolean;
    },
    makeUpdates: (bot: BotAccount) => BotUpdates,
  ) {
    this.id = init.id;
    this.token = init.token;
    this.username = init.username;
    this.firstName = init.firstName;
    this.canJoinGroups = init.canJoinGroups;
    this.privacyMode = init.privacyMode;
    this.supportsInlineQueries = init.supportsInlineQueries;
    this.inlineFeedback = init.inlineFeedback;
    this.updates = makeUpdates(this);
  }

  /** The bot as a Bot API `User` (what `from` holds in its messages). */
  toUser(): User {
    return { id: this.id, is_bot: true, first_name: this.firstName, username: this.username };
  }

  /** Keeps the token out of logs, JSON and `util.inspect`. */
  toJSON(): { id: number; username: string; firstName: string } {
    return { id: this.id, username: this.username, firstName: this.firstName };
  }

  /** Node's inspection hook: shows the bot without its token. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `BotAccount { id: ${this.id}, username: '${this.username}' }`;
  }
}
