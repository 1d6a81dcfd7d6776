import type { ExampleOptions, RunningWebhook } from '@delegram-examples/launcher';
import { isMain, launch, runWebhook } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { createHttpServer } from './createHttpServer.js';

/**
 * Starts the echo bot behind a plain `node:http` server. On Telegram set `WEBHOOK_URL` and
 * `WEBHOOK_PORT`.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running webhook bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningWebhook> {
  const launched = await launch({
    ...options,
    botUsername: 'webhook_http_bot',
    botName: 'Webhook echo',
    title: 'webhook behind node:http: the bot echoes you in its webhook answers.',
  });
  const bot = new Bot(launched.token, launched.botOptions);
  return runWebhook(bot, launched, {
    signals: options.signals ?? true,
    listen: (port, secretToken) => createHttpServer(bot, { port, secretToken }),
  });
}

if (isMain(import.meta.url)) await main();
