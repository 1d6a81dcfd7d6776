import { OptionsError, UNKNOWN } from './OptionsError.js';

/** How one option is checked: a test and the words for what it expects. */
export interface OptionRule {
  /** What the option expects, for the error: `'a number'`, `"'after-handling' or 'on-receipt'"`. */
  readonly expected: string;
  /** Whether a (defined) value is acceptable. */
  readonly test: (value: unknown) => boolean;
}

/** The rules of an options object, by key. */
export type OptionRules = Readonly<Record<string, OptionRule>>;

const rule = (expected: string, test: (value: unknown) => boolean): OptionRule => ({
  expected,
  test,
});

/**
 * Ready-made {@link OptionRule}s for {@link checkOptions}.
 *
 * @example
 * ```ts
 * checkOptions('myTransformer', options, { retries: is.integer, log: is.function });
 * ```
 */
export const is = {
  /** Any value. */
  any: rule('anything', () => true),
  /** A string. */
  string: rule('a string', (v) => typeof v === 'string'),
  /** A number other than NaN (bounds are the owner's to check). */
  number: rule('a number', (v) => typeof v === 'number' && !Number.isNaN(v)),
  /** A boolean. */
  boolean: rule('a boolean', (v) => typeof v === 'boolean'),
  /** A function. */
  function: rule('a function', (v) => typeof v === 'function'),
  /** A non-null object that is not an array. */
  object: rule('an object', (v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
  /** An array. */
  array: rule('an array', (v) => Array.isArray(v)),
  /** An `AbortSignal`. */
  signal: rule('an AbortSignal', (v) => v instanceof AbortSignal),
  /** A clock: an object with `now`, `setTimeout` and `clearTimeout`. */
  clock: rule(
    'a Clock (now, setTimeout, clearTimeout)',
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      ['now', 'setTimeout', 'clearTimeout'].every(
        (m) => typeof (v as Record<string, unknown>)[m] === 'function',
      ),
  ),
  /**
   * One of the given values.
   *
   * @param values - the allowed values
   * @returns the rule
   */
  oneOf: (...values: readonly unknown[]): OptionRule =>
    rule(values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(' or '), (v) =>
      values.includes(v),
    ),
  /**
   * Any of the given rules.
   *
   * @param rules - the alternatives
   * @returns the rule
   */
  either: (...rules: readonly OptionRule[]): OptionRule =>
    rule(rules.map((r) => r.expected).join(' or '), (v) => rules.some((r) => r.test(v))),
} as const;

/** Extra checks of {@link checkOptions}. */
export interface CheckOptionsExtra {
  /** Keys people write by mistake and the option they mean (`{ maxRetries: 'maxAttempts' }`). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Added to the message of an unknown key, e.g. where that setting belongs instead. */
  readonly hint?: string;
}

/**
 * Checks an options object at runtime, for JavaScript callers whom the types do not protect:
 * every own key must have a rule, and every value that is not `undefined` must pass its rule.
 * An unknown key gives an {@link OptionsError} suggesting the closest valid key (an alias, a
 * different case, or the nearest by edit distance); `undefined` as a whole is fine (no options).
 * The one helper every public constructor and factory of delegram uses.
 *
 * @example
 * ```ts
 * checkOptions('autoRetry', options, { maxAttempts: is.number }, { aliases: { maxRetries: 'maxAttempts' } });
 * ```
 *
 * @param owner - who takes the options, for the error
 * @param options - what the caller passed
 * @param rules - the rule of each valid key
 * @param extra - aliases and a hint for unknown keys
 * @throws OptionsError for a value that is not an object, an unknown key or a wrong value
 */
export function checkOptions(
  owner: string,
  options: unknown,
  rules: OptionRules,
  extra: CheckOptionsExtra = {},
): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new OptionsError(owner, '', 'an options object', describeValue(options));
  }
  const valid = Object.keys(rules);
  for (const key of Object.keys(options)) {
    const value = (options as Record<string, unknown>)[key];
    const keyRule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (keyRule === undefined) {
      const suggestion = closestKey(key, valid, extra.aliases);
      throw new OptionsError(owner, key, UNKNOWN, describeValue(value), {
        ...(suggestion === undefined ? {} : { suggestion }),
        validKeys: valid,
        ...(extra.hint === undefined ? {} : { hint: extra.hint }),
      });
    }
    if (value !== undefined && !keyRule.test(value)) {
      throw new OptionsError(owner, key, keyRule.expected, describeValue(value));
    }
  }
}

/**
 * The valid key closest to `key`: its alias, the same key in another case, or the nearest by
 * edit distance if at most a third of its length (at least 2) apart.
 *
 * @param key - the unknown key
 * @param valid - the valid keys
 * @param aliases - known mistakes and what they mean
 * @returns the suggestion, or `undefined` when nothing is close
 */
export function closestKey(
  key: string,
  valid: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const alias = Object.hasOwn(aliases, key) ? aliases[key] : undefined;
  if (alias !== undefined && valid.includes(alias)) return alias;
  const lower = key.toLowerCase();
  const sameCase = valid.find((v) => v.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of valid) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance (insertions, deletions, substitutions, adjacent swaps). */
function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * Describes a value for an error message without showing it (it may be a secret).
 *
 * @param value - any value
 * @returns `'null'`, `'an array'`, `'a string'`, `'NaN'`, ...
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  const type = typeof value;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}
