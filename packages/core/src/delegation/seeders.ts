import type { Flavor } from '../flavor.js';
import type { ChatType } from '../glance.js';
import type { Incoming } from '../Incoming.js';
import { oneShot } from './Seed.js';
import type { Seed, SeedKey, Seeder } from './Seed.js';

/** The flavors `perFromId()` accepts by default: chat messages and inline flavors (telepot's). */
export const CHAT_AND_INLINE_FLAVORS: readonly Flavor[] = [
  'chat',
  'inline_query',
  'chosen_inline_result',
];

/** The inline flavors: inline queries and chosen inline results. */
export const INLINE_FLAVORS: readonly Flavor[] = ['inline_query', 'chosen_inline_result'];

type Bag = Readonly<Record<string, unknown>>;

function bag(value: unknown): Bag | undefined {
  return typeof value === 'object' && value !== null ? (value as Bag) : undefined;
}

function idOf(value: unknown): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

function chatIdOf(chat: Bag | undefined, types: 'all' | readonly ChatType[]): number | undefined {
  if (chat === undefined) return undefined;
  const id = chat['id'];
  if (typeof id !== 'number') return undefined;
  if (types !== 'all' && !types.includes(chat['type'] as ChatType)) return undefined;
  return id;
}

/**
 * Seeds by chat id: one delegate per chat (telepot's `per_chat_id`). Only chat messages (new,
 * edited, channel posts) match; callback queries and events give `undefined`.
 *
 * @example
 * ```ts
 * delegate(perChatId(['private']), MessageCounter, { timeout: 10 });
 * ```
 * @param types - the chat types to accept (`'all'` by default)
 * @returns the seeder
 */
export function perChatId(types: 'all' | readonly ChatType[] = 'all'): Seeder {
  return (incoming) =>
    incoming.flavor === 'chat' ? chatIdOf(bag(bag(incoming.msg)?.['chat']), types) : undefined;
}

/**
 * Seeds by chat id, only for chats in `ids` (telepot's `per_chat_id_in`).
 *
 * @param ids - the accepted chat ids
 * @param types - the chat types to accept
 * @returns the seeder
 */
export function perChatIdIn(
  ids: Iterable<number>,
  types: 'all' | readonly ChatType[] = 'all',
): Seeder {
  const set = new Set(ids);
  const inner = perChatId(types);
  return (incoming) => {
    const id = inner(incoming);
    return typeof id === 'number' && set.has(id) ? id : undefined;
  };
}

/**
 * Seeds by chat id, for every chat except those in `ids` (telepot's `per_chat_id_except`).
 *
 * @param ids - the excluded chat ids
 * @param types - the chat types to accept
 * @returns the seeder
 */
export function perChatIdExcept(
  ids: Iterable<number>,
  types: 'all' | readonly ChatType[] = 'all',
): Seeder {
  const set = new Set(ids);
  const inner = perChatId(types);
  return (incoming) => {
    const id = inner(incoming);
    return typeof id === 'number' && !set.has(id) ? id : undefined;
  };
}

/**
 * Seeds by sender (`from.id`): one delegate per user (telepot's `per_from_id`). By default only
 * chat messages and inline flavors match, not callback, shipping or pre-checkout queries.
 *
 * @example
 * ```ts
 * delegate(perFromId(), UserSession, { timeout: 60 });
 * ```
 * @param flavors - the flavors to accept, or `'all'`
 * @returns the seeder
 */
export function perFromId(flavors: 'all' | readonly Flavor[] = CHAT_AND_INLINE_FLAVORS): Seeder {
  return (incoming) => {
    if (flavors !== 'all' && !flavors.includes(incoming.flavor)) return undefined;
    const id = bag(bag(incoming.msg)?.['from'])?.['id'];
    return typeof id === 'number' ? id : undefined;
  };
}

/**
 * Seeds by sender, only for users in `ids` (telepot's `per_from_id_in`).
 *
 * @param ids - the accepted user ids
 * @param flavors - the flavors to accept
 * @returns the seeder
 */
export function perFromIdIn(
  ids: Iterable<number>,
  flavors: 'all' | readonly Flavor[] = CHAT_AND_INLINE_FLAVORS,
): Seeder {
  const set = new Set(ids);
  const inner = perFromId(flavors);
  return (incoming) => {
    const id = inner(incoming);
    return typeof id === 'number' && set.has(id) ? id : undefined;
  };
}

/**
 * Seeds by sender, for every user except those in `ids` (telepot's `per_from_id_except`).
 *
 * @param ids - the excluded user ids
 * @param flavors - the flavors to accept
 * @returns the seeder
 */
export function perFromIdExcept(
  ids: Iterable<number>,
  flavors: 'all' | readonly Flavor[] = CHAT_AND_INLINE_FLAVORS,
): Seeder {
  const set = new Set(ids);
  const inner = perFromId(flavors);
  return (incoming) => {
    const id = inner(incoming);
    return typeof id === 'number' && !set.has(id) ? id : undefined;
  };
}

/**
 * Seeds inline queries and chosen inline results by sender (telepot's `per_inline_from_id`).
 *
 * @example
 * ```ts
 * delegate(perInlineFromId(), QueryCounter, { timeout: 10 });
 * ```
 * @returns the seeder
 */
export function perInlineFromId(): Seeder {
  return perFromId(INLINE_FLAVORS);
}

/**
 * {@link perInlineFromId} for users in `ids` only.
 *
 * @param ids - the accepted user ids
 * @returns the seeder
 */
export function perInlineFromIdIn(ids: Iterable<number>): Seeder {
  return perFromIdIn(ids, INLINE_FLAVORS);
}

/**
 * {@link perInlineFromId} for every user except those in `ids`.
 *
 * @param ids - the excluded user ids
 * @returns the seeder
 */
export function perInlineFromIdExcept(ids: Iterable<number>): Seeder {
  return perFromIdExcept(ids, INLINE_FLAVORS);
}

/**
 * Seeds everything, events included, with the key `1`: one delegate for the whole application
 * (telepot's `per_application`), typically a {@link Monitor}.
 *
 * @example
 * ```ts
 * pair(perApplication(), createOpen, Audit, { capture: [[{ chat: { type: 'private' } }]] });
 * ```
 * @returns the seeder
 */
export function perApplication(): Seeder {
  return () => 1;
}

/**
 * Gives every matching message a fresh, unrecorded delegate (telepot's `per_message`).
 *
 * @example
 * ```ts
 * pair(perMessage(['chat']), call, sendInvoice, providerToken); // a job per message
 * ```
 * @param flavors - the flavors to accept, or `'all'`
 * @returns the seeder, returning {@link oneShot} for matching messages
 */
export function perMessage(flavors: 'all' | readonly Flavor[] = 'all'): Seeder {
  return (incoming) =>
    flavors === 'all' || flavors.includes(incoming.flavor) ? oneShot : undefined;
}

/**
 * Seeds events of one event space by their source id, so an event reaches (or revives) the
 * delegate that scheduled it (telepot's `per_event_source_id`).
 *
 * @param eventSpace - the event space, from {@link paveEventSpace}
 * @returns the seeder
 */
export function perEventSourceId(eventSpace: number): Seeder {
  return (incoming) => {
    if (incoming.flavor.charCodeAt(0) !== 95 /* '_' */) return undefined;
    const source = bag(bag(incoming.msg)?.['source']);
    if (source?.['space'] !== eventSpace) return undefined;
    return seedKeyOf(source['id']);
  };
}

function seedKeyOf(value: unknown): SeedKey | undefined {
  const id = idOf(value);
  if (id !== undefined) return id;
  if (Array.isArray(value) && value.every((v) => idOf(v) !== undefined)) {
    return value as (string | number)[];
  }
  return undefined;
}

/**
 * Seeds callback queries on chat messages by the message's chat id, so they reach that chat's
 * delegate (telepot's `per_callback_query_chat_id`). Inline-message callbacks give `undefined`.
 *
 * @example
 * ```ts
 * // what includeCallbackQueryChatId() builds for you:
 * pair([perChatId(), perCallbackQueryChatId()], createOpen, Lover, { includeCallbackQuery: true });
 * ```
 * @param types - the chat types to accept
 * @returns the seeder
 */
export function perCallbackQueryChatId(types: 'all' | readonly ChatType[] = 'all'): Seeder {
  return (incoming) => {
    if (incoming.flavor !== 'callback_query') return undefined;
    return chatIdOf(bag(bag(bag(incoming.msg)?.['message'])?.['chat']), types);
  };
}

/** Where a callback query comes from: a chat message or an inline message. */
export type OriginKind = 'chat' | 'inline';

/**
 * Seeds callback queries by their origin: `[chatId, messageId]` for a chat message,
 * `[inlineMessageId]` for an inline message (telepot's `per_callback_query_origin`).
 *
 * @example
 * ```ts
 * delegate(perCallbackQueryOrigin(), Quizzer, { timeout: 30 }); // one per quiz message
 * ```
 * @param origins - the origin kinds to accept
 * @returns the seeder
 */
export function perCallbackQueryOrigin(origins: 'all' | readonly OriginKind[] = 'all'): Seeder {
  return (incoming) => {
    if (incoming.flavor !== 'callback_query') return undefined;
    return callbackOrigin(bag(incoming.msg), origins);
  };
}

/**
 * The origin tuple of a callback query: `[chatId, messageId]` or `[inlineMessageId]`.
 *
 * @param query - the callback query
 * @param origins - the origin kinds to accept
 * @returns the tuple, or `undefined` if the query has no accepted origin
 */
export function callbackOrigin(
  query: Bag | undefined,
  origins: 'all' | readonly OriginKind[] = 'all',
): readonly [number, number] | readonly [string] | undefined {
  if (query === undefined) return undefined;
  const message = bag(query['message']);
  if (message !== undefined) {
    if (origins !== 'all' && !origins.includes('chat')) return undefined;
    const chatId = bag(message['chat'])?.['id'];
    const messageId = message['message_id'];
    return typeof chatId === 'number' && typeof messageId === 'number'
      ? [chatId, messageId]
      : undefined;
  }
  const inline = query['inline_message_id'];
  if (typeof inline === 'string') {
    return origins === 'all' || origins.includes('inline') ? [inline] : undefined;
  }
  return undefined;
}

/**
 * Seeds by invoice payload: a message's `successful_payment.invoice_payload`, or a shipping or
 * pre-checkout query's `invoice_payload` (telepot's `per_invoice_payload`).
 *
 * @example
 * ```ts
 * delegate(perInvoicePayload(), OrderProcessor, { timeout: 30 });
 * ```
 * @returns the seeder
 */
export function perInvoicePayload(): Seeder {
  return (incoming) => {
    const msg = bag(incoming.msg);
    if (msg === undefined) return undefined;
    if (incoming.flavor === 'chat') {
      const payload = bag(msg['successful_payment'])?.['invoice_payload'];
      return typeof payload === 'string' ? payload : undefined;
    }
    if (incoming.flavor === 'shipping_query' || incoming.flavor === 'pre_checkout_query') {
      const payload = msg['invoice_payload'];
      return typeof payload === 'string' ? payload : undefined;
    }
    return undefined;
  };
}

/**
 * Runs seeders in turn and returns the first seed that satisfies `condition` (telepot's `until`).
 *
 * @example
 * ```ts
 * // private chats by chat id (positive), group messages by their sender:
 * until((seed) => typeof seed === 'number' && seed > 0, [perChatId(), perFromId()]);
 * ```
 * @param condition - tested on each seed
 * @param seeders - the seeders, in order
 * @returns the combined seeder (`undefined` when no seed satisfies `condition`)
 */
export function until(condition: (seed: Seed) => boolean, seeders: readonly Seeder[]): Seeder {
  const list = [...seeders];
  return (incoming: Incoming) => {
    for (const seeder of list) {
      const seed = seeder(incoming);
      if (condition(seed)) return seed;
    }
    return undefined;
  };
}

/**
 * Runs seeders in turn and returns the first seed that is not `undefined` (telepot's `chain`).
 *
 * @example
 * ```ts
 * const seeder = chain(perChatId(), perCallbackQueryChatId());
 * ```
 * @param seeders - the seeders, in order
 * @returns the combined seeder
 */
export function chain(...seeders: Seeder[]): Seeder {
  if (seeders.length === 1 && seeders[0] !== undefined) return seeders[0];
  return until((seed) => seed !== undefined, seeders);
}
