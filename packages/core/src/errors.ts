/**
 * Thrown when something that is neither an update nor an event is classified, typically the
 * payload taken out of an update (a bare `Message`), whose content keys (`poll`, ...) would be
 * mistaken for update kinds.
 *
 * @example
 * ```ts
 * try { flavor(msg); } catch (e) { if (e instanceof BadFlavorError) console.log(e.keys); }
 * ```
 */
export class BadFlavorError extends Error {
  /** The top-level keys of the value that could not be classified (empty for a non-object). */
  readonly keys: readonly string[];

  /** @param value - the value that could not be classified (only its keys are kept) */
  constructor(value: unknown) {
    const keys =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.keys(value)
        : [];
    const what =
      keys.length > 0 ? `an object with keys ${keys.slice(0, 8).join(', ')}` : describe(value);
    super(
      `flavor() takes an update ({ update_id, message: ... }) or an event ({ _name: data }), ` +
        `got ${what}. Inside a handler, read incoming.flavor instead.`,
    );
    this.name = 'BadFlavorError';
    this.keys = keys;
  }
}

/**
 * Reported (on the bot's `error` event) for an update that cannot be used at all: not an object,
 * or without a numeric `update_id`. The loop skips it and keeps going; its offset never stalls.
 */
export class MalformedUpdateError extends Error {
  /** The value as received. */
  readonly update: unknown;
  /** What is wrong with it, in words. */
  readonly reason: string;

  /**
   * @param update - the value as received
   * @param reason - what is wrong with it
   * @param options - `cause`, if another error revealed the problem
   */
  constructor(update: unknown, reason: string, options?: ErrorOptions) {
    super(`Malformed update skipped: ${reason}`, options);
    this.name = 'MalformedUpdateError';
    this.update = update;
    this.reason = reason;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
