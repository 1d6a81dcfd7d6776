import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { afterEach, describe, expect, it } from 'vitest';
import { createPaymentBot } from '../src/createPaymentBot.js';

describe('createPaymentBot', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it('sends an invoice per message, offers shipping, and thanks for the payment', async () => {
    const launched = await launch({ ...quietEmulator, botUsername: 'payment_bot' });
    running = runPolling(
      createPaymentBot(launched.token, { ...launched.botOptions, providerToken: 'test' }),
      launched,
      { signals: false },
    );
    const alice = launched.user!;
    const chat = launched.chat!;

    const order = await alice.sendMessage(chat, 'I want hand cream');
    const invoice = await chat.nextBotMessage({ timeoutMs: 5_000 });
    expect(invoice.invoice).toMatchObject({ title: "Nick's Hand Cream", currency: 'HKD' });

    const receipt = await alice.pay(invoice, {
      shippingAddress: {
        country_code: 'HK',
        state: '',
        city: 'Hong Kong',
        street_line1: '1 Queen’s Road',
        street_line2: '',
        post_code: '000000',
      },
      shippingOptionId: 'dhl',
    });
    expect(receipt.successful_payment).toMatchObject({
      currency: 'HKD',
      total_amount: 1999 + 500 + 300,
      shipping_option_id: 'dhl',
    });
    const thanks = await chat.nextBotMessage({ timeoutMs: 5_000 });
    expect(thanks.text).toBe(
      `Thank you! Received 27.99 HKD for order order-${chat.id}-${order.message_id}, shipping by dhl.`,
    );
    expect(thanks.invoice).toBeUndefined();
  });
});
