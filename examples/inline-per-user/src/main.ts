import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { createQueryCounterBot } from './createQueryCounterBot.js';

/**
 * Starts the per-user inline bot: type `@querycounter_bot something` and watch your count.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'querycounter_bot',
    botName: 'Query counter',
    botSettings: { supportsInlineQueries: true, inlineFeedback: true },
    title: 'per-user inline: type "@querycounter_bot text"; each of your queries is counted.',
  });
  const bot = createQueryCounterBot(launched.token, {
    ...launched.botOptions,
    onChosen: (userId, r) => launched.print(`user ${userId} chose "${r.query}"`),
  });
  return runPolling(bot, launched, { signals: options.signals ?? true });
}

if (isMain(import.meta.url)) await main();
