import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { diceyClock } from './diceyClock.js';

/**
 * Starts diceyclock: `/roll` and `/time`, with a plain handler in a `MessageLoop`.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'diceyclock_bot',
    botName: 'Diceyclock',
    title: 'diceyclock: send /roll or /time.',
  });
  const bot = new Bot(launched.token, launched.botOptions);
  return runPolling(bot, launched, { handler: diceyClock(bot), signals: options.signals ?? true });
}

if (isMain(import.meta.url)) await main();
