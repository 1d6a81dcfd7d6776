import type {
  InlineQueryResult,
  InlineQueryResultsButton,
  LabeledPrice,
  ShippingOption,
} from '@delegram/api';

/** A bot's answer to an inline query, as `answerInlineQuery` gave it. */
export interface InlineQueryAnswer {
  /** The results, at most 50. */
  readonly results: InlineQueryResult[];
  /** The offset to ask for more with; '' when there are no more. */
  readonly nextOffset: string;
  /** Seconds the answer may be cached. */
  readonly cacheTime: number;
  /** Whether caching is per user. */
  readonly isPersonal: boolean;
  /** The button shown above the results, if any. */
  readonly button?: InlineQueryResultsButton;
}

/** A bot's answer to a shipping query. */
export interface ShippingAnswer {
  /** Whether delivery to the address is possible. */
  readonly ok: boolean;
  /** The shipping options (when ok). */
  readonly shippingOptions: ShippingOption[];
  /** Why delivery is impossible (when not ok). */
  readonly errorMessage?: string;
}

/** A bot's answer to a pre-checkout query. */
export interface PreCheckoutAnswer {
  /** Whether the bot accepts the order. */
  readonly ok: boolean;
  /** Why it refused (when not ok). */
  readonly errorMessage?: string;
}

/** What `sendInvoice` recorded about an invoice message, for a simulated payment. */
export interface InvoiceDetails {
  /** The bot that sent the invoice. */
  readonly botId: number;
  /** The bot-defined payload, echoed back in queries and the payment. */
  readonly payload: string;
  /** ISO 4217 currency code, or XTR for Telegram Stars. */
  readonly currency: string;
  /** The price breakdown. */
  readonly prices: LabeledPrice[];
  /** Whether the final price depends on the shipping method. */
  readonly isFlexible: boolean;
  /** Which order details the user must give. */
  readonly need: {
    readonly name: boolean;
    readonly phoneNumber: boolean;
    readonly email: boolean;
    readonly shippingAddress: boolean;
  };
  /** Set once the invoice was paid. */
  paid: boolean;
}

/** Where an inline message (one sent via inline mode) lives. */
export interface InlineMessageRef {
  /** The bot whose result it is (the only one that may edit it). */
  readonly botId: number;
  /** The key of the chat it was sent to. */
  readonly chatKey: string;
  /** Its message id in that chat. */
  readonly messageId: number;
}
