import type { Api, Message } from '@delegram/api';
import type { BotOptions, SeedTuple } from 'delegram';
import { call, DelegatorBot, delegate, pair, perInvoicePayload, perMessage } from 'delegram';
import { OrderProcessor } from './OrderProcessor.js';

/** Options of {@link createPaymentBot}. */
export interface PaymentBotOptions extends BotOptions {
  /** The payment provider's token from @BotFather (any text on the emulator). */
  readonly providerToken: string;
}

/** Sends an invoice for a text message, with a payload naming this order. */
async function sendInvoice({ bot, incoming }: SeedTuple, providerToken: string): Promise<void> {
  const msg = incoming.msg as Message;
  if (msg.text === undefined) return;
  await bot.api.sendInvoice(
    msg.chat.id,
    "Nick's Hand Cream",
    "Keep a man's hand like a woman's",
    `order-${msg.chat.id}-${msg.message_id}`,
    'HKD',
    [
      { label: 'One case', amount: 1999 },
      { label: 'Package', amount: 500 },
    ],
    { provider_token: providerToken, need_shipping_address: true, is_flexible: true },
  );
}

/**
 * Builds the payment bot: a one-off job per text message that sends an invoice (`perMessage` +
 * `call`), and an {@link OrderProcessor} per invoice payload for its shipping query, pre-checkout
 * query and successful payment.
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - API root, clock, the payment provider's token
 * @returns the bot
 */
export function createPaymentBot(
  tokenOrApi: string | Api,
  options: PaymentBotOptions,
): DelegatorBot {
  const { providerToken, ...botOptions } = options;
  return new DelegatorBot(
    tokenOrApi,
    [
      pair(perMessage(['chat']), call, sendInvoice, providerToken),
      delegate(perInvoicePayload(), OrderProcessor, { timeout: 30 }),
    ],
    botOptions,
  );
}
