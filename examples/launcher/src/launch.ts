import type { Clock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import type { BotAccountOptions } from '@delegram/emulator';
import type { BotOptions } from 'delegram';
import { watchFloodTrips } from './floodTrips.js';

/** Where a line of the launcher's (and an example's) output goes. */
export type Print = (line: string) => void;

/** Prints a line on standard output: the default {@link Print}. */
export const printToStdout: Print = (line) => {
  process.stdout.write(`${line}\n`);
};

/** The bot account the emulator made for the example. */
export type EmulatorBot = ReturnType<Emulator['createBot']>;
/** A simulated user of the emulator. */
export type SimulatedUser = ReturnType<Emulator['createUser']>;
/** A chat of the emulator, as the control API gives it. */
export type SimulatedChat = ReturnType<Emulator['privateChat']>;

/** Options of {@link launch}. */
export interface LaunchOptions {
  /** The bot's username on the emulator (it must end in `bot`), e.g. `counter_bot`. */
  readonly botUsername: string;
  /** The bot's display name on the emulator (default: taken from the username). */
  readonly botName?: string;
  /**
   * The bot's settings on the emulator that @BotFather holds on Telegram, e.g.
   * `{ supportsInlineQueries: true, inlineFeedback: true }` for an inline bot.
   */
  readonly botSettings?: Omit<BotAccountOptions, 'username' | 'firstName' | 'token'>;
  /** One line saying what the example does, printed first. */
  readonly title?: string;
  /** Where `BOT_TOKEN`, `BOT_API_ROOT` and `PORT` are read from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The emulator's port; overrides `PORT` (default: `PORT`, else a free port). */
  readonly port?: number;
  /** The clock the bot runs on (default: the system clock); tests pass a `ManualClock`. */
  readonly clock?: Clock;
  /** Where output goes (default: standard output). */
  readonly print?: Print;
  /** The emulator's first `update_id` (default 1; see the emulator's `firstUpdateId`). */
  readonly firstUpdateId?: number;
  /** The demo person who gets a private chat with the bot (default Alice). */
  readonly demoUser?: { readonly firstName: string; readonly username?: string };
}

/**
 * What {@link launch} decided: the token and API root to build the bot with, and, on the emulator,
 * the emulator itself with a demo user and the user's private chat with the bot.
 */
export interface Launched {
  /** `telegram` when `BOT_TOKEN` is set, else `emulator`. */
  readonly mode: 'telegram' | 'emulator';
  /** The bot token (never printed). */
  readonly token: string;
  /** The Bot API root the bot talks to. */
  readonly apiRoot: string;
  /** Options for `new Bot(token, options)` / `new DelegatorBot(token, patterns, options)`. */
  readonly botOptions: BotOptions;
  /** The print function in use. */
  readonly print: Print;
  /** The environment the launcher read (for more settings, such as `WEBHOOK_URL`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The embedded emulator (emulator mode only). */
  readonly emulator: Emulator | undefined;
  /** The bot's account on the emulator (emulator mode only). */
  readonly account: EmulatorBot | undefined;
  /** The demo user (emulator mode only). */
  readonly user: SimulatedUser | undefined;
  /** The demo user's private chat with the bot (emulator mode only). */
  readonly chat: SimulatedChat | undefined;
  /** The chat page's address (emulator mode only). */
  readonly chatPageUrl: string | undefined;
  /** Stops the emulator, if one was started (idempotent). Stop the bot first. */
  close(): Promise<void>;
}

/** Telegram's Bot API root. */
export const TELEGRAM_API_ROOT = 'https://api.telegram.org';

/**
 * Decides where an example's bot runs, the one place that does: with `BOT_TOKEN` set, on Telegram
 * (`BOT_API_ROOT` may point at a local Bot API server); without it, on the embedded
 * `@delegram/emulator` on 127.0.0.1 (port `PORT` or a free one), with the bot, a demo user and
 * their private chat created and the chat page's address printed.
 *
 * @example
 * ```ts
 * const launched = await launch({ botUsername: 'counter_bot', title: 'Counts your messages' });
 * const bot = createCounterBot(launched.token, launched.botOptions);
 * await runPolling(bot, launched).done;
 * ```
 * @param options - the bot's name on the emulator, environment, port, clock, output
 * @returns what to build the bot with, and the emulator when one was started
 * @throws RangeError when `PORT` is not a port number
 */
export async function launch(options: LaunchOptions): Promise<Launched> {
  const env = options.env ?? process.env;
  const print = options.print ?? printToStdout;
  const clockOption = options.clock === undefined ? {} : { clock: options.clock };
  if (options.title !== undefined) print(options.title);
  const token = env['BOT_TOKEN']?.trim();
  if (token !== undefined && token !== '') {
    const apiRoot = stripSlash(env['BOT_API_ROOT']?.trim() || TELEGRAM_API_ROOT);
    print(`Talking to the Bot API at ${apiRoot} (BOT_TOKEN is set). Open your bot in Telegram.`);
    return {
      mode: 'telegram',
      token,
      apiRoot,
      botOptions: { ...clockOption, api: { apiRoot } },
      print,
      env,
      emulator: undefined,
      account: undefined,
      user: undefined,
      chat: undefined,
      chatPageUrl: undefined,
      close: () => Promise.resolve(),
    };
  }

  const port = options.port ?? parsePort(env['PORT']);
  // Telegram's flood control, as on Telegram (the bots' own flow control keeps them under it),
  // counting the bot's time when a test gives the bot a manual clock
  const emulator = new Emulator({
    floodControl: options.clock === undefined ? true : { clock: options.clock },
    ...(options.firstUpdateId === undefined ? {} : { firstUpdateId: options.firstUpdateId }),
  });
  await emulator.start({ port, host: '127.0.0.1' });
  watchFloodTrips(emulator);
  const demo = options.demoUser ?? { firstName: 'Alice', username: 'alice' };
  let account: EmulatorBot;
  let user: SimulatedUser;
  let chat: SimulatedChat;
  try {
    account = emulator.createBot({
      ...options.botSettings,
      username: options.botUsername,
      firstName: options.botName ?? nameFrom(options.botUsername),
    });
    user = emulator.createUser(demo);
    chat = emulator.privateChat(user, account);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  print(`No BOT_TOKEN set: running on the embedded Telegram emulator at ${emulator.apiRoot}`);
  print(`Chat with @${account.username} here: ${emulator.chatPageUrl}`);
  print(`  (you are ${demo.firstName}; pick the chat with @${account.username} and write)`);
  print('Press Ctrl+C to stop.');
  return {
    mode: 'emulator',
    token: account.token,
    apiRoot: emulator.apiRoot,
    botOptions: { ...clockOption, api: { apiRoot: emulator.apiRoot } },
    print,
    env,
    emulator,
    account,
    user,
    chat,
    chatPageUrl: emulator.chatPageUrl,
    close: () => (closing ??= emulator.stop()),
  };
}

function parsePort(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`PORT must be a port number from 0 to 65535, got "${text}"`);
  }
  return port;
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function nameFrom(username: string): string {
  const base =
    username
      .replace(/_?bot$/i, '')
      .replace(/_/g, ' ')
      .trim() || username;
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/**
 * Launch options for tests: always the embedded emulator (even with `BOT_TOKEN` set), on a free
 * port, printing nothing.
 *
 * @example
 * ```ts
 * const launched = await launch({ ...quietEmulator, botUsername: 'counter_bot' });
 * ```
 */
export const quietEmulator = {
  env: {},
  port: 0,
  print: (): void => {},
} as const satisfies Partial<LaunchOptions>;
