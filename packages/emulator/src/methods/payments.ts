import type { LabeledPrice, Message } from '@delegram/api';
import { badRequest } from '../ApiError.js';
import { sendFromBot, targetChat } from './compose.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

const CURRENCY = /^[A-Z]{3}$/;

/** `sendInvoice`: an invoice message a simulated person can pay (see `SimUser.pay`). */
export function sendInvoice(ctx: MethodContext): Message {
  const p = new Params(ctx);
  const chat = targetChat(ctx);
  const title = p.reqStr('title');
  const description = p.reqStr('description');
  const payload = p.reqStr('payload');
  const currency = p.reqStr('currency');
  if (title.length < 1 || title.length > 32)
    throw badRequest('invoice title must be 1-32 characters');
  if (description.length < 1 || description.length > 255)
    throw badRequest('invoice description must be 1-255 characters');
  const payloadBytes = Buffer.byteLength(payload);
  if (payloadBytes < 1 || payloadBytes > 128) throw badRequest('INVOICE_PAYLOAD_INVALID');
  if (!CURRENCY.test(currency)) throw badRequest('CURRENCY_INVALID');
  const prices = p.array<LabeledPrice>('prices');
  if (prices.length === 0) throw badRequest('invoice prices are empty');
  if (prices.some((x) => typeof x.label !== 'string' || !Number.isSafeInteger(x.amount))) {
    throw badRequest("can't parse prices JSON object");
  }
  if (currency === 'XTR' && prices.length !== 1)
    throw badRequest('exactly one price must be specified for payments in Telegram Stars');
  const total = prices.reduce((sum, x) => sum + x.amount, 0);
  if (total <= 0) throw badRequest('CURRENCY_TOTAL_AMOUNT_INVALID');
  const sent = sendFromBot(
    ctx,
    {
      invoice: {
        title,
        description,
        start_parameter: p.str('start_parameter') ?? '',
        currency,
        total_amount: total,
      },
    },
    chat,
  );
  ctx.world.invoices.set(`${chat.key}/${sent.message_id}`, {
    botId: ctx.bot.id,
    payload,
    currency,
    prices,
    isFlexible: p.bool('is_flexible'),
    need: {
      name: p.bool('need_name'),
      phoneNumber: p.bool('need_phone_number'),
      email: p.bool('need_email'),
      shippingAddress: p.bool('need_shipping_address') || p.bool('is_flexible'),
    },
    paid: false,
  });
  return sent;
}
