import { UPDATE_KINDS } from '@delegram/api';
import type { Update, UpdateKind } from '@delegram/api';
import { BadFlavorError } from './errors.js';

/**
 * The four update kinds that carry a chat `Message`; all four have the flavor `'chat'`.
 *
 * The kind itself stays available as `incoming.kind`, so a handler can still tell an edit
 * (`'edited_message'`) from a channel post (`'channel_post'`).
 */
export type ChatKind = 'message' | 'edited_message' | 'channel_post' | 'edited_channel_post';

/** The update kinds whose flavor is `'chat'`, in the spec's order. */
export const CHAT_KINDS: readonly ChatKind[] = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
];

/**
 * The flavor of an update kind other than the four chat kinds: the kind's own name
 * (`'callback_query'`, `'poll'`, `'my_chat_member'`, `'business_message'`, ...).
 */
export type KindFlavor = Exclude<UpdateKind, ChatKind>;

/** The flavor of a scheduled or custom event: its single top-level key, which starts with `_`. */
export type EventFlavor = `_${string}`;

/**
 * What kind of thing a message is, telepot-style.
 *
 * - `'chat'` for `message`, `edited_message`, `channel_post` and `edited_channel_post`;
 * - the update kind's own name for every other kind of the Bot API (telepot's
 *   `'callback_query'`, `'inline_query'`, `'chosen_inline_result'`, `'shipping_query'`,
 *   `'pre_checkout_query'`, and today's `'poll'`, `'chat_member'`, `'business_message'`, ...);
 * - the event's key for an event (`'_idle'`, `'_alarm'`);
 * - `'unknown'` for an update whose kind this version of delegram has never heard of (a newer
 *   Bot API). Such updates are still delivered, never dropped, and never stall the loop.
 */
export type Flavor = 'chat' | KindFlavor | EventFlavor | 'unknown';

/**
 * Identifies where an event comes from: an event space (one per `paveEventSpace()` call) and the
 * seed of the delegate that owns it.
 */
export interface EventSource {
  /** The event space, a small integer allocated by the delegation layer. */
  readonly space: number;
  /** The owning delegate's seed key. */
  readonly id: string | number | readonly (string | number)[];
}

/**
 * The payload of an event (`{ _idle: data }`): any fields, plus an optional `source` that routes
 * the event back to the delegate that scheduled it.
 */
export interface EventData {
  /** Where the event comes from; set by event spaces so the event reaches its delegate. */
  source?: EventSource;
  [field: string]: unknown;
}

/**
 * An internal event, telepot-style: an object with exactly one top-level key that starts with
 * `_`, such as `{ _idle: { seconds: 10 } }`. Events travel the same path as updates.
 *
 * @example
 * ```ts
 * const tick: BotEvent = { _tick: { count: 3 } };
 * flavor(tick); // '_tick'
 * ```
 */
export type BotEvent = { readonly [key: EventFlavor]: EventData };

const kindToFlavor = new Map<string, Flavor>();
for (const kind of UPDATE_KINDS) kindToFlavor.set(kind, kind as KindFlavor);
for (const kind of CHAT_KINDS) kindToFlavor.set(kind, 'chat');

/**
 * The update kinds this build of delegram knows (the generated `UPDATE_KINDS` of the Bot API it
 * was built against).
 *
 * @param key - a top-level key of an update
 * @returns whether `key` is a known update kind
 */
export function isKnownKind(key: string): key is UpdateKind {
  return kindToFlavor.has(key);
}

/**
 * Returns an update's kind: its one top-level key other than `update_id`, known or not.
 *
 * @param update - an update as Telegram sends it
 * @returns the kind (`'message'`, `'callback_query'`, a key from a newer Bot API, ...), or
 *   `undefined` for an update with no key besides `update_id`
 */
export function updateKind(update: Update | object): UpdateKind | (string & {}) | undefined {
  let first: string | undefined;
  for (const key in update) {
    if (key === 'update_id' || !Object.prototype.hasOwnProperty.call(update, key)) continue;
    if (kindToFlavor.has(key)) return key;
    first ??= key;
  }
  return first;
}

/**
 * Classifies an update or an event by its top-level key, never by sniffing the payload's fields.
 *
 * Pass the whole update (`{ update_id, callback_query: {...} }`) or an event (`{ _idle: {...} }`).
 * Inside handlers you rarely need it: `incoming.flavor` already holds the answer.
 *
 * @example
 * ```ts
 * flavor({ update_id: 1, edited_message: msg }); // 'chat'
 * flavor({ update_id: 2, poll_answer: answer }); // 'poll_answer'
 * flavor({ update_id: 3, brand_new_kind: {} }); // 'unknown'
 * flavor({ _idle: { seconds: 10 } }); // '_idle'
 * ```
 * @param updateOrEvent - an update, or an event with exactly one `_`-key
 * @returns the flavor; `'unknown'` for an update of a kind never heard of, or an empty update
 * @throws {@link BadFlavorError} for something that is neither an update nor an event, such as the
 *   payload inside an update (a bare `Message`); use `incoming.flavor` there
 */
export function flavor(updateOrEvent: Update | BotEvent | object): Flavor {
  if (typeof updateOrEvent !== 'object' || updateOrEvent === null || Array.isArray(updateOrEvent)) {
    throw new BadFlavorError(updateOrEvent);
  }
  let count = 0;
  let only: string | undefined;
  let known: Flavor | undefined;
  let hasUpdateId = false;
  for (const key in updateOrEvent) {
    if (!Object.prototype.hasOwnProperty.call(updateOrEvent, key)) continue;
    if (key === 'update_id') {
      hasUpdateId = true;
      continue;
    }
    known ??= kindToFlavor.get(key);
    count += 1;
    only = key;
  }
  if (hasUpdateId) return known ?? 'unknown';
  if (count === 0) return 'unknown';
  if (count === 1)
    return known ?? (only?.startsWith('_') === true ? (only as EventFlavor) : 'unknown');
  throw new BadFlavorError(updateOrEvent);
}

/**
 * Tells whether a flavor is an event's (starts with `_`).
 *
 * @param f - a flavor
 * @returns `true` for `'_idle'`, `'_alarm'`, ...
 */
export function isEventFlavor(f: Flavor): f is EventFlavor {
  return f.charCodeAt(0) === 95; /* '_' */
}
