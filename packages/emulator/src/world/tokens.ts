import { randomBytes } from 'node:crypto';

const TOKEN_PATTERN = /^(\d{1,20}):([A-Za-z0-9_-]{30,60})$/;

/**
 * Makes a fresh bot token of Telegram's shape, `<bot id>:<35 url-safe characters>`.
 *
 * @param botId - the numeric id the token starts with
 * @returns a token that {@link parseToken} accepts
 */
export function issueToken(botId: number): string {
  return `${botId}:${randomBytes(27).toString('base64url').slice(0, 35)}`;
}

/**
 * Splits a preset token into its bot id and secret, or says why it cannot be a bot token.
 *
 * @param token - a token such as `123456:AAH...`
 * @returns the bot id the token carries
 * @throws TypeError naming the expected shape when the token is malformed
 */
export function parseToken(token: string): number {
  const match = TOKEN_PATTERN.exec(token);
  const id = match === null ? NaN : Number(match[1]);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new TypeError(
      'A bot token must look like "<positive bot id>:<30-60 characters of A-Z a-z 0-9 _ ->", ' +
        'for example "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"; leave token out to get one issued',
    );
  }
  return id;
}
