import type { Message, OrderInfo, ShippingAddress } from '@delegram/api';
import { randomBytes } from 'node:crypto';
import type { ChatRecord } from '../world/ChatRecord.js';
import { EmulatorError } from '../world/EmulatorError.js';
import type { UserAccount } from '../world/UserAccount.js';
import type { World } from '../world/World.js';

/** How a simulated person fills in the payment form. */
export interface PayOptions {
  /** Where to ship (default: a sample address in Berlin) — used when the invoice asks for one. */
  readonly shippingAddress?: ShippingAddress;
  /** Which shipping option to take (default: the first the bot offers). */
  readonly shippingOptionId?: string;
  /** Name, phone, email the invoice asked for (defaults from the person's profile). */
  readonly orderInfo?: OrderInfo;
}

const SAMPLE_ADDRESS: ShippingAddress = {
  country_code: 'DE',
  state: '',
  city: 'Berlin',
  street_line1: 'Unter den Linden 1',
  street_line2: '',
  post_code: '10117',
};

/**
 * Runs Telegram's payment flow for an invoice message: `shipping_query` (flexible invoices), then
 * `pre_checkout_query`, then the `successful_payment` service message from the payer.
 *
 * @param world - the world
 * @param user - the payer
 * @param chat - the invoice's chat
 * @param invoice - the invoice message
 * @param options - address, shipping option, order info
 * @returns the `successful_payment` message
 * @throws EmulatorError `payment_failed` when the bot refuses, `no_answer` when it does not answer in time
 */
export async function pay(
  world: World,
  user: UserAccount,
  chat: ChatRecord,
  invoice: Message,
  options: PayOptions = {},
): Promise<Message> {
  const details = world.invoices.get(`${chat.key}/${invoice.message_id}`);
  if (details === undefined || invoice.invoice === undefined) {
    throw new EmulatorError('not_found', `Message ${invoice.message_id} is not an invoice`);
  }
  const bot = world.bot(details.botId);
  if (bot === undefined)
    throw new EmulatorError('not_found', 'The bot that sent this invoice is gone');
  const address = details.need.shippingAddress
    ? (options.shippingAddress ?? SAMPLE_ADDRESS)
    : undefined;
  const orderInfo: OrderInfo = {
    ...(details.need.name
      ? { name: [user.firstName, user.lastName].filter(Boolean).join(' ') }
      : {}),
    ...(details.need.phoneNumber ? { phone_number: '+49301234567' } : {}),
    ...(details.need.email
      ? { email: `${(user.username ?? 'user').toLowerCase()}@example.com` }
      : {}),
    ...(address === undefined ? {} : { shipping_address: address }),
    ...options.orderInfo,
  };
  let total = invoice.invoice.total_amount;
  let shippingOptionId: string | undefined;
  if (details.isFlexible) {
    const { id, answer } = world.shippingQueries.create(bot.id, world.ttl.payment);
    world.push(
      bot,
      'shipping_query',
      {
        id,
        from: user.toUser(),
        invoice_payload: details.payload,
        shipping_address: address ?? SAMPLE_ADDRESS,
      },
      `user:${user.id}`,
    );
    const shipping = await answer;
    if (shipping === undefined)
      throw new EmulatorError(
        'no_answer',
        `@${bot.username} did not answer the shipping query in time`,
      );
    if (!shipping.ok)
      throw new EmulatorError(
        'payment_failed',
        `@${bot.username} refused shipping: ${shipping.errorMessage ?? ''}`,
      );
    const option =
      options.shippingOptionId === undefined
        ? shipping.shippingOptions[0]
        : shipping.shippingOptions.find((o) => o.id === options.shippingOptionId);
    if (option === undefined)
      throw new EmulatorError(
        'not_found',
        `No shipping option "${options.shippingOptionId ?? ''}" offered`,
      );
    shippingOptionId = option.id;
    total += option.prices.reduce((sum, p) => sum + p.amount, 0);
  }
  const hasInfo = Object.keys(orderInfo).length > 0;
  const { id, answer } = world.preCheckoutQueries.create(bot.id, world.ttl.payment);
  world.push(
    bot,
    'pre_checkout_query',
    {
      id,
      from: user.toUser(),
      currency: details.currency,
      total_amount: total,
      invoice_payload: details.payload,
      ...(shippingOptionId === undefined ? {} : { shipping_option_id: shippingOptionId }),
      ...(hasInfo ? { order_info: orderInfo } : {}),
    },
    `user:${user.id}`,
  );
  const checkout = await answer;
  if (checkout === undefined)
    throw new EmulatorError(
      'no_answer',
      `@${bot.username} did not answer the pre-checkout query in time`,
    );
  if (!checkout.ok)
    throw new EmulatorError(
      'payment_failed',
      `@${bot.username} refused the payment: ${checkout.errorMessage ?? ''}`,
    );
  details.paid = true;
  const message = world.postMessage(chat, user, {
    successful_payment: {
      currency: details.currency,
      total_amount: total,
      invoice_payload: details.payload,
      ...(shippingOptionId === undefined ? {} : { shipping_option_id: shippingOptionId }),
      ...(hasInfo ? { order_info: orderInfo } : {}),
      telegram_payment_charge_id: `tg_${randomBytes(10).toString('hex')}`,
      provider_payment_charge_id: `prov_${randomBytes(10).toString('hex')}`,
    },
  });
  return structuredClone(message);
}
