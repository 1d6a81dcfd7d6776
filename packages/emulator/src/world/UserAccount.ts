import type { User } from '@delegram/api';

/** What {@link World.createUser} accepts. */
export interface UserAccountOptions {
  /** Display first name (required, non-empty). */
  readonly firstName: string;
  /** Optional last name. */
  readonly lastName?: string;
  /** Optional username without `@`. */
  readonly username?: string;
  /** IETF language tag reported in `from.language_code` (default 'en'). */
  readonly languageCode?: string;
  /** Whether the user has Telegram Premium. */
  readonly isPremium?: boolean;
}

/**
 * The world's record of one simulated person (not a bot).
 *
 * The control API wraps it in a `SimUser` that can send messages, press buttons and pay.
 */
export class UserAccount {
  /** The user's id, also the id of their private chats with bots. */
  readonly id: number;
  /** First name. */
  firstName: string;
  /** Last name, if any. */
  lastName: string | undefined;
  /** Username without `@`, if any. */
  username: string | undefined;
  /** Language tag. */
  languageCode: string;
  /** Premium flag. */
  isPremium: boolean;

  /**
   * @param id - the user id the world allocated
   * @param options - the person's profile
   */
  constructor(id: number, options: UserAccountOptions) {
    this.id = id;
    this.firstName = options.firstName;
    this.lastName = options.lastName;
    this.username = options.username;
    this.languageCode = options.languageCode ?? 'en';
    this.isPremium = options.isPremium ?? false;
  }

  /** The person as a Bot API `User`. */
  toUser(): User {
    const user: User = { id: this.id, is_bot: false, first_name: this.firstName };
    if (this.lastName !== undefined) user.last_name = this.lastName;
    if (this.username !== undefined) user.username = this.username;
    user.language_code = this.languageCode;
    if (this.isPremium) user.is_premium = true;
    return user;
  }
}
