import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { deepLinking } from './deepLinking.js';

/**
 * Starts the deep-linking bot: `/link` makes a `t.me/<bot>?start=<key>` link; `/start <key>`
 * (what Telegram sends when the link is opened) checks it. On the emulator, type `/start <key>`.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'deeplinking_bot',
    botName: 'Deep linking',
    title: 'deep linking: send /link, then /start <key> as the link would.',
  });
  const bot = new Bot(launched.token, launched.botOptions);
  const me = await bot.api.getMe();
  return runPolling(bot, launched, {
    handler: deepLinking(bot, { botUsername: me.username ?? 'deeplinking_bot' }),
    signals: options.signals ?? true,
  });
}

if (isMain(import.meta.url)) await main();
