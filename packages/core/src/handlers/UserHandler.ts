import { is } from '@delegram/api';
import type { OptionRules } from '@delegram/api';
import type { SeedTuple } from '../delegation/Delegate.js';
import { DelegationSetupError } from '../delegation/errors.js';
import { CHAT_AND_INLINE_FLAVORS } from '../delegation/seeders.js';
import type { Flavor } from '../flavor.js';
import type { Incoming } from '../Incoming.js';
import { Sender } from '../proxies/Sender.js';
import { DelegateHandler } from './DelegateHandler.js';
import { HANDLER_OPTION_RULES } from './HandlerOptions.js';
import type { HandlerOptions } from './HandlerOptions.js';

type Bag = Record<string, unknown>;

/** Options of {@link UserHandler}. */
export interface UserHandlerOptions extends HandlerOptions {
  /** The flavors to capture from the user (default: chat messages and inline flavors). */
  readonly flavors?: 'all' | readonly Flavor[] | undefined;
}

/**
 * A delegate per user (telepot's `UserHandler`); pair it with `perFromId()`.
 *
 * It captures messages of the chosen flavors sent by the user, and with `includeCallbackQuery`
 * callback queries on messages in the private chat with the user. It gives `userId` and `sender`
 * (send methods bound to the private chat with the user).
 *
 * @example
 * ```ts
 * class Notes extends UserHandler {
 *   private readonly notes: string[] = [];
 *   override async onChatMessage(msg: Message) {
 *     this.notes.push(msg.text ?? '');
 *     await this.sender.sendMessage(`${this.notes.length} notes from you so far`);
 *   }
 * }
 * new DelegatorBot(token, [delegate(perFromId(['chat']), Notes, { timeout: 300 })]);
 * ```
 */
export class UserHandler extends DelegateHandler {
  /** The options of {@link UserHandlerOptions}, checked when the pattern is built. */
  static override readonly optionRules: OptionRules = {
    ...HANDLER_OPTION_RULES,
    flavors: is.either(is.oneOf('all'), is.array),
  };
  /** The user this delegate is for. */
  readonly userId: number;
  private readonly flavors: 'all' | readonly Flavor[];
  private readonly includeCallbackQuery: boolean;
  private senderRef: Sender | undefined;

  /**
   * @param seedTuple - from the delegator; its seed must be a user id
   * @param options - timeout, event space, `flavors`, `includeCallbackQuery`, ...
   */
  constructor(seedTuple: SeedTuple, options: UserHandlerOptions = {}) {
    super(seedTuple, options);
    if (typeof seedTuple.seed !== 'number') {
      throw new DelegationSetupError(
        `${new.target.name} needs a user id as its seed, got ${String(seedTuple.seed)}; pair it with perFromId() or perInlineFromId()`,
      );
    }
    this.userId = seedTuple.seed;
    this.flavors = options.flavors ?? CHAT_AND_INLINE_FLAVORS;
    this.includeCallbackQuery = options.includeCallbackQuery === true;
  }

  /** Send methods bound to the private chat with this user, created on first use. */
  get sender(): Sender {
    return (this.senderRef ??= this.captured(new Sender(this.bot.api, this.userId)));
  }

  override accepts(incoming: Incoming): boolean {
    const msg = incoming.msg as Bag;
    if (
      (this.flavors === 'all' || this.flavors.includes(incoming.flavor)) &&
      (msg['from'] as Bag | undefined)?.['id'] === this.userId
    ) {
      return true;
    }
    if (incoming.flavor === 'callback_query' && this.includeCallbackQuery) {
      const chat = (msg['message'] as Bag | undefined)?.['chat'] as Bag | undefined;
      if (chat?.['id'] === this.userId) return true;
    }
    return super.accepts(incoming);
  }
}
