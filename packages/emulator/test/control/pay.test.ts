import { ManualClock } from '@delegram/api';
import type { Message } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import type { SimUser } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/TestBot.js';

let clock: ManualClock;
let emu: Emulator;
let bot: TestBot;
let alice: SimUser;

beforeEach(async () => {
  clock = new ManualClock(1_000_000);
  emu = new Emulator({ clock, floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'shop_bot' }));
  alice = emu.createUser({ firstName: 'Alice', username: 'alice' });
  emu.privateChat(alice, bot.account);
});

afterEach(async () => {
  await emu.stop();
});

function invoice(extra: Record<string, unknown> = {}): Promise<Message> {
  return bot.call('sendInvoice', {
    chat_id: alice.id,
    title: 'Tea',
    description: 'Green tea',
    payload: 'order-1',
    provider_token: '',
    currency: 'EUR',
    prices: [
      { label: 'Tea', amount: 500 },
      { label: 'Tax', amount: 95 },
    ],
    ...extra,
  });
}

describe('SimUser.pay', () => {
  it('runs pre_checkout_query then posts successful_payment', async () => {
    const message = await invoice({ need_email: true });
    expect(message.invoice).toEqual({
      title: 'Tea',
      description: 'Green tea',
      start_parameter: '',
      currency: 'EUR',
      total_amount: 595,
    });
    const paying = alice.pay(message);
    const checkout = await bot.next('pre_checkout_query');
    expect(checkout).toMatchObject({
      from: { id: alice.id },
      currency: 'EUR',
      total_amount: 595,
      invoice_payload: 'order-1',
      order_info: { email: 'alice@example.com' },
    });
    await bot.call('answerPreCheckoutQuery', { pre_checkout_query_id: checkout.id, ok: true });
    const paid = await paying;
    expect(paid.successful_payment).toMatchObject({
      currency: 'EUR',
      total_amount: 595,
      invoice_payload: 'order-1',
    });
    const update = await bot.next('message');
    expect(update.successful_payment?.telegram_payment_charge_id).toMatch(/^tg_/);
  });

  it('asks for shipping first on flexible invoices and adds the option’s price', async () => {
    const message = await invoice({ is_flexible: true });
    const paying = alice.pay(message, { shippingOptionId: 'express' });
    const shipping = await bot.next('shipping_query');
    expect(shipping).toMatchObject({
      invoice_payload: 'order-1',
      shipping_address: { country_code: 'DE' },
    });
    await bot.call('answerShippingQuery', {
      shipping_query_id: shipping.id,
      ok: true,
      shipping_options: [
        { id: 'slow', title: 'Slow', prices: [{ label: 'Post', amount: 100 }] },
        { id: 'express', title: 'Express', prices: [{ label: 'Courier', amount: 900 }] },
      ],
    });
    const checkout = await bot.next('pre_checkout_query');
    expect(checkout).toMatchObject({ total_amount: 1495, shipping_option_id: 'express' });
    await bot.call('answerPreCheckoutQuery', { pre_checkout_query_id: checkout.id, ok: true });
    expect((await paying).successful_payment?.shipping_option_id).toBe('express');
  });

  it('surfaces the bot’s refusal and a missing answer', async () => {
    const message = await invoice({ is_flexible: true });
    const refused = expect(alice.pay(message)).rejects.toMatchObject({
      code: 'payment_failed',
      message: expect.stringContaining('We do not ship there'),
    });
    const shipping = await bot.next('shipping_query');
    const missingError = await bot.fails('answerShippingQuery', {
      shipping_query_id: shipping.id,
      ok: false,
    });
    expect(missingError.description).toBe('Bad Request: ERROR_MESSAGE_EMPTY');
    await bot.call('answerShippingQuery', {
      shipping_query_id: shipping.id,
      ok: false,
      error_message: 'We do not ship there',
    });
    await refused;

    const plain = await invoice();
    const silent = alice.pay(plain);
    const checkout = await bot.next('pre_checkout_query');
    const timedOut = expect(silent).rejects.toMatchObject({ code: 'no_answer' });
    await clock.advance(10_000);
    await timedOut;
    expect(
      (await bot.fails('answerPreCheckoutQuery', { pre_checkout_query_id: checkout.id, ok: true }))
        .errorCode,
    ).toBe(400);
  });

  it('validates invoices', async () => {
    expect(
      (
        await bot.fails('sendInvoice', {
          chat_id: alice.id,
          title: 'T',
          description: 'D',
          payload: 'p',
          currency: 'euro',
          prices: [{ label: 'x', amount: 1 }],
        })
      ).description,
    ).toBe('Bad Request: CURRENCY_INVALID');
  });
});
