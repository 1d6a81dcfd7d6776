import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { createLoverBot } from './createLoverBot.js';

/**
 * Starts the lover: write anything and answer its proposal with the buttons.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'lover_bot',
    botName: 'Lover',
    title: 'lover: write anything, then answer with the buttons.',
  });
  return runPolling(createLoverBot(launched.token, launched.botOptions), launched, {
    signals: options.signals ?? true,
  });
}

if (isMain(import.meta.url)) await main();
