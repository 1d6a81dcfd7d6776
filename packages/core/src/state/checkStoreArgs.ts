import type { DeleteOptions, SetOptions } from './StateStore.js';

/**
 * Checks the arguments of a {@link StateStore} call, for every store (so they all refuse the same
 * things with the same words).
 *
 * @param key - the key
 * @param value - the value (for `set`)
 * @param options - the options
 * @throws TypeError naming what is wrong
 */
export function checkStoreArgs(
  key: unknown,
  value?: unknown,
  options?: SetOptions | DeleteOptions,
): void {
  if (typeof key !== 'string' || key === '') {
    throw new TypeError(`a state store key must be a non-empty string, got ${describe(key)}`);
  }
  if (arguments.length > 1 && value !== undefined && typeof value !== 'string') {
    throw new TypeError(`a state store value must be a string, got ${describe(value)}`);
  }
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('state store options must be an object ({ ifVersion, ttlMs })');
  }
  for (const name of Object.keys(options)) {
    if (name !== 'ifVersion' && name !== 'ttlMs') {
      throw new TypeError(`unknown state store option '${name}'; the options are ifVersion, ttlMs`);
    }
  }
  const { ifVersion } = options;
  if (ifVersion !== undefined && (!Number.isSafeInteger(ifVersion) || ifVersion < 0)) {
    throw new TypeError(`ifVersion must be a version (an integer >= 0), got ${String(ifVersion)}`);
  }
  const ttlMs = (options as SetOptions).ttlMs;
  if (ttlMs !== undefined && (!Number.isSafeInteger(ttlMs) || ttlMs <= 0)) {
    throw new TypeError(`ttlMs must be a positive integer of milliseconds, got ${String(ttlMs)}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}
