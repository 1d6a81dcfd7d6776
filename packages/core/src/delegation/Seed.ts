import type { Incoming } from '../Incoming.js';

/**
 * The one-shot marker a seeder returns to ask for a fresh, unrecorded delegate for this message
 * (telepot's unhashable `[]` seed, as returned by `per_message()`).
 */
export const oneShot: unique symbol = Symbol('delegram.oneShot');

/** A delegate's identity within its pattern: a chat id, a user id, an origin tuple, a payload. */
export type SeedKey = string | number | readonly (string | number)[];

/**
 * What a seeder returns: `undefined` (this pattern does not want the message), a {@link SeedKey}
 * (the one live delegate for that key gets it), or {@link oneShot} (a fresh delegate that is never
 * recorded, so it gets only this message).
 */
export type Seed = undefined | SeedKey | typeof oneShot;

/**
 * A seeder: a pure function from a message to a {@link Seed}. Seeders never throw for a message of
 * the wrong shape; they return `undefined`.
 *
 * @example
 * ```ts
 * const seeder: Seeder = (incoming) => (incoming.flavor === 'chat' ? incoming.msg.chat.id : undefined);
 * ```
 */
export type Seeder = (incoming: Incoming) => Seed;

/**
 * Turns a seed key into the registry key: numbers and strings as they are, tuples as a string
 * that no number or plain string collides with.
 *
 * @param key - a seed key
 * @returns a value usable as a `Map` key with value semantics
 */
export function registryKey(key: SeedKey): string | number {
  if (typeof key === 'string' || typeof key === 'number') return key;
  return '\u0000' + JSON.stringify(key);
}
