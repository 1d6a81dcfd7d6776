/**
 * A stored value that is not a delegram state envelope, or one whose fields are not what the
 * format says (see `docs/state.md`). delegram never overwrites it: the delegate (or session) for
 * the key fails with this error until the value is repaired or removed, unless you chose
 * `onInvalid: 'reset'`.
 */
export class StateFormatError extends Error {
  /** Always `'StateFormatError'`. */
  override readonly name = 'StateFormatError';

  /**
   * @param key - the store key whose value is unusable
   * @param reason - what is wrong with it, in words
   * @param options - `cause`, e.g. the JSON parse error
   */
  constructor(
    readonly key: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(
      `the state stored under '${key}' is unusable (${reason}); it was left as it is. Repair or ` +
        "delete it, or choose onInvalid: 'reset' to start that key over",
      options,
    );
  }
}

/**
 * A stored state written with a schema version this program does not know how to read: a newer
 * one (written by a newer deployment), or an older one without a `migrate` function. The value is
 * never overwritten.
 */
export class StateSchemaError extends Error {
  /** Always `'StateSchemaError'`. */
  override readonly name = 'StateSchemaError';

  /**
   * @param key - the store key
   * @param found - the schema version stored
   * @param expected - the schema version this program writes
   */
  constructor(
    readonly key: string,
    readonly found: number,
    readonly expected: number,
  ) {
    super(
      found > expected
        ? `the state under '${key}' has schema ${found}, newer than this program's ${expected}; ` +
            'it was left as it is (deploy the newer program, or reset the key)'
        : `the state under '${key}' has schema ${found} and this program writes ${expected}: ` +
            'give a migrate(old, fromSchema) function in the state options, or onInvalid: ' +
            "'reset'",
    );
  }
}

/**
 * A state that cannot be stored as it is: a function, a symbol, a `BigInt` (without a codec),
 * `NaN` or an infinity, a cycle, `undefined` in an array, or an object that JSON would turn into
 * something else (a `Date`, a `Map`, a class instance). Thrown when the state is saved, not at
 * the next restart; `path` names the field.
 */
export class StateSerializationError extends TypeError {
  /** Always `'StateSerializationError'`. */
  override readonly name = 'StateSerializationError';

  /**
   * @param path - where in the state, e.g. `state.items[2].at`
   * @param reason - what is there and what to store instead
   */
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot store ${path}: ${reason}`);
  }
}

/**
 * An update whose state could not be loaded or saved before the bot stopped (the store was down
 * and the retries were cut short by the stop). It was not confirmed: Telegram delivers it again,
 * and since its state was never saved it is applied then. Later updates for the same key in this
 * process were held back too, so none of them was saved past it.
 */
export class StateSaveError extends Error {
  /** Always `'StateSaveError'`. */
  override readonly name = 'StateSaveError';
  /** The update must be delivered again: loops and webhooks do not confirm it. */
  readonly redeliver = true;

  /**
   * @param key - the store key
   * @param options - `cause`: the store's last error
   */
  constructor(
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(
      `the state under '${key}' could not be saved before the bot stopped; the update was left ` +
        'unconfirmed and will be delivered again',
      options,
    );
  }
}

/**
 * Another process kept writing the same key between this process's read and write
 * (compare-and-set failed on every attempt). The update was handled again on the fresh state
 * each time; after the last attempt it is reported with this error and given up.
 */
export class StateConflictError extends Error {
  /** Always `'StateConflictError'`. */
  override readonly name = 'StateConflictError';

  /**
   * @param key - the store key
   * @param attempts - how many times the update was handled
   */
  constructor(
    readonly key: string,
    readonly attempts: number,
  ) {
    super(
      `the state under '${key}' was changed by another writer on each of ${attempts} attempts; ` +
        'two processes handle the same chat: run one poller, or give each chat one owner',
    );
  }
}

/**
 * Tells whether an error means "this update was not handled and must come again": a loop then
 * leaves it unconfirmed and a webhook answers with an error status, so Telegram redelivers it.
 *
 * @param error - what a handler (or `bot.handle`) rejected with
 * @returns `true` for errors that carry `redeliver: true`, such as {@link StateSaveError}
 */
export function mustRedeliver(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { redeliver?: unknown }).redeliver === true
  );
}

/** A state store was used after its `close()`. */
export class StoreClosedError extends Error {
  /** Always `'StoreClosedError'`. */
  override readonly name = 'StoreClosedError';

  /** @param store - which store, e.g. `'SqliteStore'` */
  constructor(readonly store: string) {
    super(`this ${store} was closed; create a new one to read or write state`);
  }
}

/**
 * Reported on the bot's `error` event (with `outcome: 'retry'`) while a state store call fails:
 * the store is down, timed out, or refused the call. The delegate (or session) for the key waits
 * and tries again with back-off, keeping its order; its update is not confirmed meanwhile.
 */
export class StateStoreError extends Error {
  /** Always `'StateStoreError'`. */
  override readonly name = 'StateStoreError';

  /**
   * @param key - the store key
   * @param operation - what failed: loading or saving the state
   * @param attempt - how many attempts failed so far (1 for the first)
   * @param options - `cause`: the store's error
   */
  constructor(
    readonly key: string,
    readonly operation: 'load' | 'save',
    readonly attempt: number,
    options?: ErrorOptions,
  ) {
    super(
      `could not ${operation} the state under '${key}' (attempt ${attempt}); retrying: ` +
        String((options?.cause as { message?: unknown } | undefined)?.message ?? options?.cause),
      options,
    );
  }
}
