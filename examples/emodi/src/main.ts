import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { emodi } from './emodi.js';

/**
 * Starts emodi: send it emoji and it spells out their code points.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'emodi_bot',
    botName: 'Emodi',
    title: 'emodi: send emoji, get their code points.',
  });
  const bot = new Bot(launched.token, launched.botOptions);
  return runPolling(bot, launched, { handler: emodi(bot), signals: options.signals ?? true });
}

if (isMain(import.meta.url)) await main();
