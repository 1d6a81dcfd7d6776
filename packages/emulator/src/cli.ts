#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { Emulator } from './Emulator.js';

const HELP = `delegram-emulator: an offline Telegram Bot API server with simulated users and a chat page

Usage: delegram-emulator [options]

Options:
  --port <n>           port to listen on (default 8081; 0 picks a free port)
  --host <address>     address to listen on (default 127.0.0.1)
  --token <token>      preset token for the bot ("<id>:<secret>"; default: one is issued)
  --bot-username <u>   the bot's username (default delegram_bot; must end in "bot")
  --no-flood-control   turn off the 429 flood-control emulation
  -h, --help           show this help

Point a bot at the printed apiRoot with the printed token, then open the chat page.
`;

/** What the command line asked for. */
interface CliOptions {
  readonly port: number;
  readonly host: string;
  readonly token: string | undefined;
  readonly botUsername: string;
  readonly floodControl: boolean;
}

/** An error in the command line: printed with the usage hint, exit code 2. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

function parse(argv: string[]): CliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        'bot-username': { type: 'string' },
        'no-flood-control': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  if (values.help === true) return 'help';
  const portText = values.port ?? '8081';
  const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(`--port must be a number from 0 to 65535, got "${portText}"`);
  }
  const botUsername = (values['bot-username'] ?? 'delegram_bot').replace(/^@/, '');
  return {
    port,
    host: values.host ?? '127.0.0.1',
    token: values.token,
    botUsername,
    floodControl: values['no-flood-control'] !== true,
  };
}

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`delegram-emulator: ${error.message}\nTry --help.\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const emulator = new Emulator({ floodControl: options.floodControl });
  let bot;
  try {
    bot = emulator.createBot({
      username: options.botUsername,
      ...(options.token === undefined ? {} : { token: options.token }),
    });
  } catch (error) {
    process.stderr.write(`delegram-emulator: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    await emulator.start({ port: options.port, host: options.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? `port ${options.port} is in use; try --port 0`
        : (error as Error).message;
    process.stderr.write(
      `delegram-emulator: cannot listen on ${options.host}:${options.port}: ${why}\n`,
    );
    return 1;
  }
  process.stdout.write(
    [
      'delegram emulator is running',
      `apiRoot: ${emulator.apiRoot}`,
      `token: ${bot.token}`,
      `bot: @${bot.username}`,
      `chatPage: ${emulator.chatPageUrl}`,
      '',
      'Give your bot the apiRoot and token; open the chat page to talk to it. Ctrl+C stops.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await emulator.stop();
  process.stdout.write('delegram emulator stopped\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`delegram-emulator: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
