import type { SeedTuple } from '../delegation/Delegate.js';
import { DelegationSetupError } from '../delegation/errors.js';
import type { Incoming } from '../Incoming.js';
import { Administrator } from '../proxies/Administrator.js';
import { Sender } from '../proxies/Sender.js';
import { DelegateHandler } from './DelegateHandler.js';
import type { HandlerOptions } from './HandlerOptions.js';

type Bag = Record<string, unknown>;

/**
 * A delegate per chat (telepot's `ChatHandler`); pair it with `perChatId()`.
 *
 * It captures the chat's messages (and, with `includeCallbackQuery`, callback queries on the
 * chat's messages, plus its own events), and gives `chatId`, `sender` (send methods bound to the
 * chat) and `administrator` (chat admin methods bound to the chat).
 *
 * @example
 * ```ts
 * class MessageCounter extends ChatHandler {
 *   private count = 0;
 *   override async onChatMessage() {
 *     this.count += 1;
 *     await this.sender.sendMessage(String(this.count));
 *   }
 * }
 * new DelegatorBot(token, [delegate(perChatId(), MessageCounter, { timeout: 10 })]);
 * ```
 */
export class ChatHandler extends DelegateHandler {
  /** The chat this delegate is for. */
  readonly chatId: number;
  private readonly includeCallbackQuery: boolean;
  private senderRef: Sender | undefined;
  private administratorRef: Administrator | undefined;

  /**
   * @param seedTuple - from the delegator; its seed must be a chat id
   * @param options - timeout, event space, `includeCallbackQuery`, ...
   */
  constructor(seedTuple: SeedTuple, options: HandlerOptions = {}) {
    super(seedTuple, options);
    if (typeof seedTuple.seed !== 'number') {
      throw new DelegationSetupError(
        `ChatHandler needs a chat id as its seed, got ${String(seedTuple.seed)}; pair it with perChatId()`,
      );
    }
    this.chatId = seedTuple.seed;
    this.includeCallbackQuery = options.includeCallbackQuery === true;
  }

  /** Send methods bound to this chat (`this.sender.sendMessage('hi')`), created on first use. */
  get sender(): Sender {
    return (this.senderRef ??= this.captured(new Sender(this.bot.api, this.chatId)));
  }

  /** Chat administration methods bound to this chat, created on first use. */
  get administrator(): Administrator {
    return (this.administratorRef ??= new Administrator(this.bot.api, this.chatId));
  }

  override accepts(incoming: Incoming): boolean {
    const msg = incoming.msg as Bag;
    if (incoming.flavor === 'chat') return (msg['chat'] as Bag | undefined)?.['id'] === this.chatId;
    if (incoming.flavor === 'callback_query' && this.includeCallbackQuery) {
      const chat = (msg['message'] as Bag | undefined)?.['chat'] as Bag | undefined;
      if (chat?.['id'] === this.chatId) return true;
    }
    return super.accepts(incoming);
  }
}
