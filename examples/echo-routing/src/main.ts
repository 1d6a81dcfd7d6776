import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { echoRoutes } from './echoRoutes.js';

/**
 * Starts the echo bot with a routing table by flavor: messages, edits, button presses and inline
 * queries each have their own handler.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'echo_bot',
    botName: 'Echo',
    botSettings: { supportsInlineQueries: true },
    title: 'echo: a routing table by flavor. Write, edit, press Shout, or type @echo_bot text.',
  });
  const bot = new Bot(launched.token, launched.botOptions);
  return runPolling(bot, launched, { handler: echoRoutes(bot), signals: options.signals ?? true });
}

if (isMain(import.meta.url)) await main();
