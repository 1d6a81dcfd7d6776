import type { Message, PreCheckoutQuery, ShippingQuery } from '@delegram/api';
import { InvoiceHandler } from 'delegram';

/**
 * One order's delegate, per invoice payload (telepot's `payment.py`): it offers shipping options
 * for the address given, approves the checkout, and thanks the buyer once the payment arrives.
 */
export class OrderProcessor extends InvoiceHandler {
  override async onShippingQuery(query: ShippingQuery): Promise<void> {
    const local = query.shipping_address.country_code === 'HK';
    await this.bot.api.answerShippingQuery(query.id, true, {
      shipping_options: [
        {
          id: 'fedex',
          title: 'FedEx',
          prices: [{ label: 'Delivery', amount: local ? 345 : 2345 }],
        },
        { id: 'dhl', title: 'DHL', prices: [{ label: 'Delivery', amount: local ? 300 : 2000 }] },
      ],
    });
  }

  override async onPreCheckoutQuery(query: PreCheckoutQuery): Promise<void> {
    if (query.shipping_option_id === undefined) {
      await this.bot.api.answerPreCheckoutQuery(query.id, false, {
        error_message: 'Please choose how to ship it.',
      });
      return;
    }
    await this.bot.api.answerPreCheckoutQuery(query.id, true);
  }

  override async onChatMessage(msg: Message): Promise<void> {
    const paid = msg.successful_payment;
    if (paid === undefined) return;
    const amount = (paid.total_amount / 100).toFixed(2);
    await this.bot.api.sendMessage(
      msg.chat.id,
      `Thank you! Received ${amount} ${paid.currency} for order ${paid.invoice_payload}, shipping by ${paid.shipping_option_id ?? 'hand'}.`,
    );
    this.close();
  }
}
