import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { skeletonRoutes } from './skeletonRoutes.js';

/**
 * Starts the routing-table skeleton: end a message with c, i, h or f; press the inline buttons;
 * type `@skeleton_route_bot something`.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'skeleton_route_bot',
    botName: 'Skeleton route',
    botSettings: { supportsInlineQueries: true, inlineFeedback: true },
    title: 'skeleton with a routing table: end a message with c, i, h or f.',
  });
  const bot = new Bot(launched.token, launched.botOptions);
  return runPolling(bot, launched, {
    handler: skeletonRoutes(bot, { print: launched.print }),
    signals: options.signals ?? true,
  });
}

if (isMain(import.meta.url)) await main();
