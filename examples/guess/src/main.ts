import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { createGuessBot } from './createGuessBot.js';

/**
 * Starts guess-a-number: write anything to start a game, then guess.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'guess_bot',
    botName: 'Guess',
    title: 'guess-a-number: write anything to start, then guess (a game expires after 10 s).',
  });
  return runPolling(createGuessBot(launched.token, launched.botOptions), launched, {
    signals: options.signals ?? true,
  });
}

if (isMain(import.meta.url)) await main();
