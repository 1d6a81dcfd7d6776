/** What the token is replaced with in messages, stacks and URLs. */
export const REDACTED = '<token>';

/** Below this length the secret alone is not searched for (it could match ordinary words). */
const MIN_SECRET_ALONE = 8;

let cached: { token: string; pattern: RegExp } | undefined;

/**
 * The pattern that finds `token` in a text in any encoding it travels in: raw, percent-encoded
 * (`%3A` for `:`, as a URL carries it), partly or wholly encoded character by character, encoded
 * twice (`%253A`), as `\u003a` or `\x3a` escapes, in any hex case, with or without the `bot`
 * prefix of a path; and its secret
 * (after `:`) alone, since the bot id part is public.
 *
 * @param token - the bot token
 * @returns a global, case-insensitive pattern (use with `replace`, or reset `lastIndex`)
 */
export function tokenPattern(token: string): RegExp {
  if (cached?.token === token) return cached.pattern;
  const colon = token.indexOf(':');
  const secret = colon === -1 ? '' : token.slice(colon + 1);
  const alternatives = [encodedForms(token)];
  if (secret.length >= MIN_SECRET_ALONE) alternatives.push(encodedForms(secret));
  const pattern = new RegExp(alternatives.join('|'), 'gi');
  cached = { token, pattern };
  return pattern;
}

/** Each character as itself, percent-encoded once or twice, or escaped (`:` `%3A` `%253A` `\u003a`). */
function encodedForms(text: string): string {
  let source = '';
  for (const char of text) {
    const hex = (char.codePointAt(0) ?? 0).toString(16).padStart(2, '0');
    const literal = char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    source += hex.length === 2 ? `(?:${literal}|%(?:25)?${hex}|\\\\(?:u00|x)${hex})` : literal;
  }
  return source;
}

/**
 * Tells whether `text` holds `token` in any of the encodings {@link tokenPattern} knows.
 *
 * @param text - any text
 * @param token - the bot token
 * @returns `true` when the token (or its secret) is in it
 */
export function containsToken(text: string, token: string): boolean {
  if (token === '') return false;
  const pattern = tokenPattern(token);
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

/**
 * Replaces every occurrence of `token` in `text`, in any encoding (see {@link tokenPattern}),
 * with `<token>`.
 *
 * @param text - any text, e.g. a URL or an error message
 * @param token - the bot token
 * @returns the text without the token
 */
export function redactToken(text: string, token: string): string {
  return token === '' ? text : text.replace(tokenPattern(token), REDACTED);
}

/**
 * Removes the bot token from an error and its whole `cause` chain, in place: from `message`,
 * `stack` and every other string property, also in plain objects and arrays it holds (node-fetch
 * errors carry the request URL, which contains the token). A thrown string cannot be changed in
 * place: it is returned redacted.
 *
 * @param error - any thrown value
 * @param token - the bot token
 * @returns the same value, scrubbed (a redacted copy for a string)
 */
export function redactError<T>(error: T, token: string): T {
  if (typeof error === 'string') return redactToken(error, token) as T;
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > 8) return;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key !== 'string') continue;
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined || !('value' in descriptor)) continue;
      const inner: unknown = descriptor.value;
      if (typeof inner === 'string') {
        if (containsToken(inner, token)) {
          if (descriptor.writable === true) {
            (value as Record<string, unknown>)[key] = redactToken(inner, token);
          } else if (descriptor.configurable === true) {
            Object.defineProperty(value, key, { ...descriptor, value: redactToken(inner, token) });
          }
        }
      } else if (
        key === 'cause' ||
        key === 'errors' ||
        inner instanceof Error ||
        Array.isArray(inner) ||
        isPlainObject(inner)
      ) {
        visit(inner, depth + 1);
      }
    }
    if (value instanceof Error) {
      // `stack` may be an accessor or not yet materialised: read it once and overwrite.
      const stack = value.stack;
      if (typeof stack === 'string' && containsToken(stack, token)) {
        Object.defineProperty(value, 'stack', {
          value: redactToken(stack, token),
          writable: true,
          configurable: true,
        });
      }
    }
  };
  if (token !== '') visit(error, 0);
  return error;
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
