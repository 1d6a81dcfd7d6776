import { BadFlavorError } from './errors.js';
import type { BotEvent, EventFlavor } from './flavor.js';

/**
 * Returns an event's data, stripping its single `_`-key (telepot's `peel`).
 *
 * @example
 * ```ts
 * peel({ _alarm: { at: 5 } }); // { at: 5 }
 * ```
 * @param event - an event (`{ _name: data }`)
 * @returns the data under the event's key
 * @throws {@link BadFlavorError} when `event` is not an event
 */
export function peel<E extends BotEvent>(event: E): E[keyof E] {
  return event[eventKey(event)] as E[keyof E];
}

/**
 * Returns an event's flavor and data (telepot's `fleece`).
 *
 * @example
 * ```ts
 * const [name, data] = fleece({ _alarm: { at: 5 } }); // ['_alarm', { at: 5 }]
 * ```
 * @param event - an event (`{ _name: data }`)
 * @returns `[flavor, data]`
 * @throws {@link BadFlavorError} when `event` is not an event
 */
export function fleece<E extends BotEvent>(
  event: E,
): [flavor: keyof E & EventFlavor, data: E[keyof E]] {
  const key = eventKey(event);
  return [key, event[key] as E[keyof E]];
}

/**
 * Tells whether a value is an event: an object with exactly one own key, which starts with `_`.
 * Never throws (telepot's `is_event` could).
 *
 * @param value - an update, an event, or anything else
 * @returns `true` for `{ _idle: {...} }`, `false` for updates and everything else
 */
export function isEvent(value: unknown): value is BotEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let key: string | undefined;
  for (const k in value) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    if (key !== undefined) return false;
    key = k;
  }
  return key !== undefined && key.charCodeAt(0) === 95;
}

function eventKey(event: BotEvent): EventFlavor {
  if (!isEvent(event)) throw new BadFlavorError(event);
  return Object.keys(event)[0] as EventFlavor;
}
