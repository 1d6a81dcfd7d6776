import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { createQuizBot } from './createQuizBot.js';

/**
 * Starts the quiz: write anything, press START, answer the sums with the buttons.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'quiz_bot',
    botName: 'Quiz',
    title: 'quiz: write anything, press START and answer; stop answering to see your score.',
  });
  return runPolling(createQuizBot(launched.token, launched.botOptions), launched, {
    signals: options.signals ?? true,
  });
}

if (isMain(import.meta.url)) await main();
