/** A request path the bot side serves, decoded. */
export type BotPath =
  | {
      readonly kind: 'method';
      readonly token: string;
      readonly method: string;
      readonly test: boolean;
    }
  | { readonly kind: 'file'; readonly token: string; readonly filePath: string };

/**
 * Reads `/bot<token>/<method>`, `/bot<token>/test/<method>` and `/file/bot<token>/<file_path>`.
 *
 * @param pathname - the URL path (still percent-encoded)
 * @returns the decoded route, or undefined for any other path (which gets 404 `Not Found`)
 */
export function parseBotPath(pathname: string): BotPath | undefined {
  const file = /^\/file\/bot([^/]*)\/(.+)$/.exec(pathname);
  if (file !== null) {
    const filePath = safeDecode(file[2]!);
    const token = safeDecode(file[1]!);
    if (filePath === undefined || token === undefined) return undefined;
    return { kind: 'file', token, filePath };
  }
  const match = /^\/bot([^/]*)\/(test\/)?([^/]*)$/.exec(pathname);
  if (match === null) return undefined;
  const token = safeDecode(match[1]!);
  const method = safeDecode(match[3]!);
  if (token === undefined || method === undefined) return undefined;
  return { kind: 'method', token, method, test: match[2] !== undefined };
}

/**
 * Tells whether a string has the shape Telegram's server accepts as a bot token before looking
 * it up: non-empty, at most 80 characters, no `/`, a colon, and a positive bot id before it.
 *
 * @param token - the token from the URL
 * @returns false when Telegram would answer 401 `Unauthorized: invalid token specified`
 */
export function isWellFormedToken(token: string): boolean {
  if (token.length === 0 || token.length > 80 || token.includes('/')) return false;
  const colon = token.indexOf(':');
  if (colon < 0) return false;
  const id = token.slice(0, colon);
  return /^\d+$/.test(id) && Number(id) > 0;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
