import { checkOptions, is } from '@delegram/api';
import type { Message, Update } from '@delegram/api';
import { contentType } from './contentType.js';
import type { ContentType } from './contentType.js';
import { UnsupportedFlavorError } from './errors.js';
import type { Flavor } from './flavor.js';
import { toIncoming } from './Incoming.js';
import type { Incoming, MessageOf } from './Incoming.js';

/** A chat's type (`'private'`, `'group'`, `'supergroup'`, `'channel'`). */
export type ChatType = Message['chat']['type'];

/** The headline tuples {@link glance} returns by default, per flavor (telepot's short form). */
export interface ShortGlances {
  /** `[contentType, chatType, chatId]` */
  chat: [contentType: ContentType, chatType: ChatType, chatId: number];
  /** `[queryId, fromId, data]`; `data` is `undefined` for a game's callback query. */
  callback_query: [queryId: string, fromId: number, data: string | undefined];
  /** `[queryId, fromId, query]` */
  inline_query: [queryId: string, fromId: number, query: string];
  /** `[resultId, fromId, query]` */
  chosen_inline_result: [resultId: string, fromId: number, query: string];
  /** `[queryId, fromId, invoicePayload]` */
  shipping_query: [queryId: string, fromId: number, invoicePayload: string];
  /** `[queryId, fromId, invoicePayload]` */
  pre_checkout_query: [queryId: string, fromId: number, invoicePayload: string];
  /** Same as `chat`: a business message is a chat message. */
  business_message: ShortGlances['chat'];
  /** Same as `chat`. */
  edited_business_message: ShortGlances['chat'];
}

/** The headline tuples {@link glance} returns with `long: true`, per flavor (telepot's long form). */
export interface LongGlances {
  /** `[contentType, chatType, chatId, date, messageId]` */
  chat: [...ShortGlances['chat'], date: number, messageId: number];
  /** Same as the short form. */
  callback_query: ShortGlances['callback_query'];
  /** `[queryId, fromId, query, offset]` */
  inline_query: [...ShortGlances['inline_query'], offset: string];
  /** Same as the short form. */
  chosen_inline_result: ShortGlances['chosen_inline_result'];
  /** Same as the short form. */
  shipping_query: ShortGlances['shipping_query'];
  /** `[queryId, fromId, invoicePayload, currency, totalAmount]` */
  pre_checkout_query: [
    ...ShortGlances['pre_checkout_query'],
    currency: string,
    totalAmount: number,
  ];
  /** Same as `chat`. */
  business_message: LongGlances['chat'];
  /** Same as `chat`. */
  edited_business_message: LongGlances['chat'];
}

/** The flavors {@link glance} has a headline for. */
export type GlanceFlavor = keyof ShortGlances;

/** The tuple {@link glance} returns for flavor `F`, short or (`L = true`) long. */
export type Glance<F extends GlanceFlavor, L extends boolean = false> = L extends true
  ? LongGlances[F]
  : ShortGlances[F];

/** Options for {@link glance}. */
export interface GlanceOptions<F extends GlanceFlavor, L extends boolean> {
  /** The message's flavor (default `'chat'`); take it from `incoming.flavor`. */
  flavor: F;
  /** Whether to return telepot's long form (default `false`). */
  long?: L;
}

const GLANCE_OPTION_RULES = { flavor: is.string, long: is.boolean };

/**
 * Returns the headline of a message as a tuple, telepot-style, typed by flavor.
 *
 * The flavor is not guessed from the message: pass it (it is `incoming.flavor` in a handler).
 * Without options, the message is taken as a chat message.
 *
 * @example
 * ```ts
 * const [contentType, chatType, chatId] = glance(msg);
 * const [queryId, fromId, data] = glance(query, { flavor: 'callback_query' });
 * const [id, from, q, offset] = glance(inline, { flavor: 'inline_query', long: true });
 * ```
 * @param msg - a chat message
 * @returns `[contentType, chatType, chatId]`
 */
export function glance(msg: Message): Glance<'chat'>;
/**
 * Returns the headline of a message of flavor `options.flavor`, short or long (see above).
 *
 * @param msg - the payload of an update (a `Message`, `CallbackQuery`, ...)
 * @param options - the flavor and whether to return the long form
 * @returns the headline tuple for that flavor
 * @throws {@link UnsupportedFlavorError} for a flavor without a headline (e.g. `'poll'`)
 */
export function glance<F extends GlanceFlavor, L extends boolean = false>(
  msg: MessageOf<F>,
  options: GlanceOptions<F, L>,
): Glance<F, L>;
export function glance(
  msg: unknown,
  options: { flavor: Flavor; long?: boolean } = { flavor: 'chat' },
): unknown[] {
  checkOptions('glance(msg, options)', options, GLANCE_OPTION_RULES);
  const long = options.long === true;
  switch (options.flavor) {
    case 'chat':
    case 'business_message':
    case 'edited_business_message': {
      const m = msg as Message;
      const short = [contentType(m), m.chat.type, m.chat.id];
      return long ? [...short, m.date, m.message_id] : short;
    }
    case 'callback_query': {
      const q = msg as MessageOf<'callback_query'>;
      return [q.id, q.from.id, q.data];
    }
    case 'inline_query': {
      const q = msg as MessageOf<'inline_query'>;
      return long ? [q.id, q.from.id, q.query, q.offset] : [q.id, q.from.id, q.query];
    }
    case 'chosen_inline_result': {
      const r = msg as MessageOf<'chosen_inline_result'>;
      return [r.result_id, r.from.id, r.query];
    }
    case 'shipping_query': {
      const q = msg as MessageOf<'shipping_query'>;
      return [q.id, q.from.id, q.invoice_payload];
    }
    case 'pre_checkout_query': {
      const q = msg as MessageOf<'pre_checkout_query'>;
      const short = [q.id, q.from.id, q.invoice_payload];
      return long ? [...short, q.currency, q.total_amount] : short;
    }
    default:
      throw new UnsupportedFlavorError(options.flavor, 'glance');
  }
}

/** What {@link flance} returns: the flavor with its headline, as a union narrowed by the flavor. */
export type Flance<L extends boolean = false> = {
  [F in GlanceFlavor]: [flavor: F, glance: Glance<F, L>];
}[GlanceFlavor];

/**
 * Returns an update's flavor together with its {@link glance}.
 *
 * @example
 * ```ts
 * const [f, headline] = flance(update);
 * if (f === 'callback_query') console.log(headline[2]); // data
 * ```
 * @param updateOrIncoming - an update, or an {@link Incoming} already classified
 * @param options - `long: true` for telepot's long form
 * @returns `[flavor, headline]`
 * @throws {@link UnsupportedFlavorError} for a flavor without a headline
 */
export function flance<L extends boolean = false>(
  updateOrIncoming: Update | Incoming,
  options: { long?: L } = {},
): Flance<L> {
  const incoming = isIncoming(updateOrIncoming) ? updateOrIncoming : toIncoming(updateOrIncoming);
  const f = incoming.flavor;
  if (!isGlanceFlavor(f)) throw new UnsupportedFlavorError(f, 'flance');
  const headline = glance(incoming.msg as Message, {
    flavor: f as 'chat',
    long: options.long === true,
  });
  return [f, headline] as unknown as Flance<L>;
}

const GLANCE_FLAVORS: ReadonlySet<string> = new Set<GlanceFlavor>([
  'chat',
  'callback_query',
  'inline_query',
  'chosen_inline_result',
  'shipping_query',
  'pre_checkout_query',
  'business_message',
  'edited_business_message',
]);

/**
 * Tells whether {@link glance} has a headline for a flavor.
 *
 * @param f - a flavor
 * @returns `true` for the flavors of {@link ShortGlances}
 */
export function isGlanceFlavor(f: Flavor): f is GlanceFlavor {
  return GLANCE_FLAVORS.has(f);
}

function isIncoming(value: Update | Incoming): value is Incoming {
  return 'flavor' in value && 'msg' in value && !('update_id' in value);
}
