import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { createCoffeeBot } from './createCoffeeBot.js';

/**
 * Starts the coffee bot, a conversation written as an xstate machine: write anything to order.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'coffee_bot',
    botName: 'Coffee',
    title: 'conversation as an xstate machine: write anything to order a coffee.',
  });
  const bot = createCoffeeBot(launched.token, {
    ...launched.botOptions,
    onOrder: (o) => launched.print(`order for chat ${o.chatId}: ${o.size} ${o.drink}`),
  });
  return runPolling(bot, launched, { signals: options.signals ?? true });
}

if (isMain(import.meta.url)) await main();
