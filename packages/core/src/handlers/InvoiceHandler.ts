import type { SeedTuple } from '../delegation/Delegate.js';
import { DelegationSetupError } from '../delegation/errors.js';
import type { Incoming } from '../Incoming.js';
import { DelegateHandler } from './DelegateHandler.js';
import type { HandlerOptions } from './HandlerOptions.js';

type Bag = Record<string, unknown>;

/**
 * A delegate per invoice payload (telepot's `InvoiceHandler`); pair it with
 * `perInvoicePayload()`. It captures shipping and pre-checkout queries with its payload and the
 * successful payment message, and gives `payload`.
 *
 * @example
 * ```ts
 * class Checkout extends InvoiceHandler {
 *   override async onPreCheckoutQuery(query: PreCheckoutQuery) {
 *     await this.bot.api.answerPreCheckoutQuery(query.id, true);
 *   }
 *   override async onChatMessage(msg: Message) {
 *     if (msg.successful_payment === undefined) return;
 *     await this.bot.api.sendMessage(msg.chat.id, `Paid for ${this.payload}`);
 *     this.close();
 *   }
 * }
 * new DelegatorBot(token, [delegate(perInvoicePayload(), Checkout, { timeout: 30 })]);
 * ```
 */
export class InvoiceHandler extends DelegateHandler {
  /** The invoice payload this delegate is for. */
  readonly payload: string;

  /**
   * @param seedTuple - from the delegator; its seed must be the payload
   * @param options - timeout, event space, ...
   */
  constructor(seedTuple: SeedTuple, options: HandlerOptions = {}) {
    super(seedTuple, options);
    if (typeof seedTuple.seed !== 'string') {
      throw new DelegationSetupError(
        'InvoiceHandler needs an invoice payload as its seed; pair it with perInvoicePayload()',
      );
    }
    this.payload = seedTuple.seed;
  }

  override accepts(incoming: Incoming): boolean {
    const msg = incoming.msg as Bag;
    if (incoming.flavor === 'shipping_query' || incoming.flavor === 'pre_checkout_query') {
      if (msg['invoice_payload'] === this.payload) return true;
    } else if (incoming.flavor === 'chat') {
      if ((msg['successful_payment'] as Bag | undefined)?.['invoice_payload'] === this.payload)
        return true;
    }
    return super.accepts(incoming);
  }
}
