import type { Message, Update } from '@delegram/api';
import { flavor, isEventFlavor, updateKind } from './flavor.js';
import type { BotEvent, EventData, EventFlavor, Flavor, KindFlavor } from './flavor.js';

/**
 * The payload type for a flavor: `Message` for `'chat'`, the update field's type for every other
 * update kind (`CallbackQuery` for `'callback_query'`, `PollAnswer` for `'poll_answer'`, ...),
 * {@link EventData} for an event, and `unknown` for an update of an unknown kind.
 */
export type MessageOf<F extends Flavor> = F extends 'chat'
  ? Message
  : F extends KindFlavor
    ? NonNullable<Update[F]>
    : F extends EventFlavor
      ? EventData
      : unknown;

/**
 * The fields of one unit of work for a single flavor `F`; {@link Incoming} is the union of these
 * over the flavors, so that checking `incoming.flavor` narrows `incoming.msg`.
 */
export interface IncomingOf<F extends Flavor> {
  /** The flavor (`'chat'`, `'callback_query'`, `'_idle'`, `'unknown'`, ...). */
  readonly flavor: F;
  /**
   * The update kind (`'message'`, `'edited_message'`, `'channel_post'`, ...), the event key for an
   * event, the unknown key for an update of an unknown kind, or `''` for an empty update.
   */
  readonly kind: string;
  /** The payload: the object under the update's kind key, or the event's data. */
  readonly msg: MessageOf<F>;
  /** The raw update, or `undefined` for an event. */
  readonly update: Update | undefined;
}

/**
 * One unit of work: an update's payload with its classification, or an internal event.
 *
 * Handlers receive `(msg, incoming)`; `incoming.kind` keeps the original update kind that the
 * `'chat'` flavor folds together. `Incoming` (without a type argument) is a union, so checking
 * `flavor` narrows `msg`.
 *
 * @example
 * ```ts
 * function onIncoming(incoming: Incoming) {
 *   if (incoming.flavor === 'callback_query') console.log(incoming.msg.data);
 *   else if (incoming.flavor === 'chat' && incoming.kind === 'edited_message') console.log('edit');
 * }
 * ```
 */
export type Incoming<F extends Flavor = Flavor> = F extends Flavor ? IncomingOf<F> : never;

/**
 * Classifies an update or event once, into a small {@link Incoming} object.
 *
 * Never throws for an update of an unknown kind or an empty update (flavor `'unknown'`).
 *
 * @example
 * ```ts
 * const incoming = toIncoming({ update_id: 7, edited_message: msg });
 * incoming.flavor; // 'chat'
 * incoming.kind; // 'edited_message'
 * ```
 * @param updateOrEvent - an update as Telegram sends it, or an event (`{ _idle: {...} }`)
 * @returns the classified unit of work
 * @throws {@link BadFlavorError} for a value that is neither an update nor an event
 */
export function toIncoming(updateOrEvent: Update | BotEvent): Incoming {
  const f = flavor(updateOrEvent);
  const record = updateOrEvent as unknown as Record<string, unknown>;
  if (isEventFlavor(f) && !('update_id' in updateOrEvent)) {
    return { flavor: f, kind: f, msg: record[f] as EventData, update: undefined };
  }
  const update = updateOrEvent as Update;
  const kind = updateKind(update) ?? '';
  const msg = kind === '' ? undefined : record[kind];
  return { flavor: f, kind, msg, update } as Incoming;
}
