import { checkOptions, describeValue, is, OptionsError } from '@delegram/api';
/**
 * Turns a state into a storable form and back, for states holding what JSON cannot carry as it
 * is (a `Date`, a `Map`, a `BigInt`). `encode`'s result must be plain JSON data.
 *
 * @example
 * ```ts
 * const codec: StateCodec<{ due: Date }> = {
 *   encode: (s) => ({ due: s.due.getTime() }),
 *   decode: (j) => ({ due: new Date((j as { due: number }).due) }),
 * };
 * ```
 */
export interface StateCodec<S> {
  /** The state's storable form (plain objects, arrays, strings, finite numbers, booleans, null). */
  encode(state: S): unknown;
  /** The state again, from what `encode` returned (after a JSON round trip). */
  decode(stored: unknown): S;
}

/**
 * How one kind of durable state is stored: its key namespace, schema version, migrations, expiry
 * and codec. Given as the `state` option of a handler, `fromMachine`, or `Sessions`.
 *
 * @example
 * ```ts
 * delegate(perChatId(), TodoList, {
 *   timeout: 60,
 *   state: { name: 'todo', schema: 2, migrate: (old, from) => ({ items: (old as { list: string[] }).list }) },
 * });
 * ```
 */
export interface StateOptions<S = unknown> {
  /**
   * The namespace of the keys (`state:<name>:<seed>`). Default: the handler class's name (the
   * machine's id for `fromMachine`). Give one when the class may be renamed or minified, or when
   * two patterns use the same class.
   */
  readonly name?: string | undefined;
  /** The schema version this program writes (a positive integer, default 1). */
  readonly schema?: number | undefined;
  /**
   * Upgrades a state stored with an older schema version; its result is saved with `schema` at
   * the next change. Without it, an older schema is a `StateSchemaError`.
   */
  readonly migrate?: ((old: unknown, fromSchema: number) => S) | undefined;
  /**
   * What to do with a stored value that is unusable (not a delegram envelope, unknown schema, a
   * failing codec or migration): `'error'` (default) reports a typed error naming the key and
   * leaves the value untouched; `'reset'` starts the key over from the initial state.
   */
  readonly onInvalid?: 'error' | 'reset' | undefined;
  /** Forget a key's state this many seconds after its last save (default: never). */
  readonly ttl?: number | undefined;
  /** Converts a state that plain JSON cannot carry. */
  readonly codec?: StateCodec<S> | undefined;
}

/** {@link StateOptions} checked, with defaults applied. @internal */
export interface ResolvedStateOptions {
  readonly name: string;
  readonly schema: number;
  readonly migrate: ((old: unknown, fromSchema: number) => unknown) | undefined;
  readonly onInvalid: 'error' | 'reset';
  readonly ttlMs: number | undefined;
  readonly codec: StateCodec<unknown> | undefined;
}

/** How each state option is checked (for JavaScript callers). @internal */
export const STATE_OPTION_RULES = {
  name: is.string,
  schema: {
    expected: 'a positive integer',
    test: (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 1,
  },
  migrate: is.function,
  onInvalid: is.oneOf('error', 'reset'),
  ttl: {
    expected: 'a positive number of seconds',
    test: (v: unknown) => typeof v === 'number' && v > 0 && Number.isFinite(v),
  },
  codec: {
    expected: 'an object with encode(state) and decode(stored)',
    test: (v: unknown) =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as StateCodec<unknown>).encode === 'function' &&
      typeof (v as StateCodec<unknown>).decode === 'function',
  },
} as const;

/**
 * Checks state options and applies the defaults.
 *
 * @param options - what the user gave
 * @param defaultName - the namespace when `name` is not given
 * @returns the resolved options
 * @throws OptionsError naming the option that is wrong (and the closest valid one)
 * @internal
 */
export function resolveStateOptions(
  options: StateOptions | undefined,
  defaultName: string,
): ResolvedStateOptions {
  checkOptions('state options', options, STATE_OPTION_RULES, {
    aliases: { key: 'name', version: 'schema', migration: 'migrate', ttlSeconds: 'ttl' },
  });
  const o: StateOptions = options ?? {};
  const name = o.name ?? defaultName;
  if (name === '' || name.includes(':')) {
    throw new OptionsError(
      'state options',
      'name',
      "a non-empty string without ':'",
      describeValue(name),
    );
  }
  const schema = o.schema ?? 1;
  const onInvalid = o.onInvalid ?? 'error';
  const ttlMs = o.ttl === undefined ? undefined : Math.max(1, Math.round(o.ttl * 1000));
  const codec = o.codec;
  return { name, schema, migrate: o.migrate, onInvalid, ttlMs, codec };
}
