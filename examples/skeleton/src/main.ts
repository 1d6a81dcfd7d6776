import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { skeleton } from './skeleton.js';

/**
 * Starts the skeleton: it prints (and answers with) each update's flavor and glance.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'skeleton_bot',
    botName: 'Skeleton',
    title: "skeleton: shows each update's flavor and glance.",
  });
  const bot = new Bot(launched.token, launched.botOptions);
  return runPolling(bot, launched, {
    handler: skeleton(bot, launched.print),
    signals: options.signals ?? true,
  });
}

if (isMain(import.meta.url)) await main();
