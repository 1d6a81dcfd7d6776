/** What the token is replaced with in messages, stacks and URLs. */
export const REDACTED = '<token>';

/**
 * Replaces every occurrence of `token` in `text` with `<token>`.
 *
 * @param text - any text, e.g. a URL or an error message
 * @param token - the bot token
 * @returns the text without the token
 */
export function redactToken(text: string, token: string): string {
  return token === '' ? text : text.split(token).join(REDACTED);
}

/**
 * Removes the bot token from an error and its whole `cause` chain, in place: from `message`,
 * `stack` and every other string property (node-fetch errors carry the request URL, which
 * contains the token). A thrown string cannot be changed in place: it is returned redacted.
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
        if (inner.includes(token) && descriptor.writable === true) {
          (value as Record<string, unknown>)[key] = redactToken(inner, token);
        }
      } else if (
        key === 'cause' ||
        key === 'errors' ||
        inner instanceof Error ||
        Array.isArray(inner)
      ) {
        visit(inner, depth + 1);
      }
    }
    if (value instanceof Error) {
      // `stack` may be an accessor or not yet materialised: read it once and overwrite.
      const stack = value.stack;
      if (typeof stack === 'string' && stack.includes(token)) {
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
