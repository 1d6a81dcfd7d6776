import { inspect } from 'node:util';

const hex = (char: string): string => char.charCodeAt(0).toString(16).padStart(2, '0');

/**
 * The encodings a token travels in when a server echoes a request path: raw, with the `bot`
 * prefix, percent-encoded as a URL carries it, every character encoded (upper and lower hex),
 * every other character encoded, encoded twice, as `\u00XX` escapes, and the secret alone.
 */
export function tokenForms(token: string): Record<string, string> {
  const chars = [...token];
  const secret = token.slice(token.indexOf(':') + 1);
  return {
    raw: token,
    botPrefix: `/bot${token}/getMe`,
    percentColon: `/bot${encodeURIComponent(token)}/getMe`,
    allEncodedUpper: chars.map((c) => `%${hex(c).toUpperCase()}`).join(''),
    allEncodedLower: chars.map((c) => `%${hex(c)}`).join(''),
    partlyEncoded: chars.map((c, i) => (i % 2 === 0 ? `%${hex(c)}` : c)).join(''),
    doubleEncoded: token.replace(':', '%253A'),
    unicodeEscaped: chars.map((c, i) => (i % 3 === 0 ? `\\u00${hex(c)}` : c)).join(''),
    secretAlone: `key=${secret}`,
  };
}

/**
 * Whether any trace of the token's secret is in `text`, in any of the {@link tokenForms}
 * encodings (decoded before searching).
 */
export function leaks(text: string, token: string): boolean {
  const secret = token.slice(token.indexOf(':') + 1).toLowerCase();
  const char = (_: string, h: string): string => String.fromCharCode(parseInt(h, 16));
  let decoded = text;
  for (let i = 0; i < 3; i++) {
    decoded = decoded.replace(/%([0-9a-f]{2})/gi, char).replace(/\\(?:u00|x)([0-9a-f]{2})/gi, char);
  }
  return decoded.toLowerCase().includes(secret);
}

/** Every text an error shows: message, stack, String(), inspect, JSON, down the cause chain. */
export function errorTexts(error: unknown): string[] {
  const texts = [inspect(error, { depth: 10, showHidden: true }), safeJson(error)];
  for (let e: unknown = error, depth = 0; depth < 10 && e !== undefined; depth++) {
    if (e instanceof Error) {
      texts.push(e.message, e.stack ?? '', String(e), safeJson(e));
      e = e.cause;
    } else {
      texts.push(inspect(e));
      break;
    }
  }
  return texts;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch (error) {
    return String(error);
  }
}
