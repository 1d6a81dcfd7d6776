const TOKEN_SHAPE = /^[1-9][0-9]{0,19}:[A-Za-z0-9_-]{1,80}$/;

/**
 * Checks that `token` looks like a bot token (`<bot id>:<secret>`, as BotFather gives it) and
 * throws a `TypeError` naming the problem otherwise. The message never repeats the token.
 *
 * @param token - the value given as a bot token
 * @throws TypeError when it is not a string of the right shape
 */
export function assertToken(token: unknown): asserts token is string {
  if (typeof token !== 'string') {
    throw new TypeError(
      `Api: the bot token must be a string like "123456:ABC-DEF..." from @BotFather, got ${token === null ? 'null' : typeof token}`,
    );
  }
  if (TOKEN_SHAPE.test(token)) return;
  let problem: string;
  if (token === '') problem = 'it is empty';
  else if (token.trim() !== token) problem = 'it has leading or trailing whitespace';
  else if (!token.includes(':')) problem = 'it has no ":" between the bot id and the secret';
  else if (!/^[1-9][0-9]*:/.test(token)) problem = 'the part before ":" is not a positive bot id';
  else if (token.includes('/')) problem = 'it contains "/"';
  else problem = 'the secret after ":" has characters other than A-Z a-z 0-9 _ - or is too long';
  throw new TypeError(
    `Api: the bot token is malformed (${problem}); expected "<bot id>:<secret>" as @BotFather gives it`,
  );
}
