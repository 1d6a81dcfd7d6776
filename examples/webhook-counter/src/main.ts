import type { ExampleOptions, RunningWebhook } from '@delegram-examples/launcher';
import { isMain, launch } from '@delegram-examples/launcher';
import { startCounterWebhook } from './startCounterWebhook.js';

/**
 * Starts the message counter over a webhook. On Telegram set `WEBHOOK_URL` and `WEBHOOK_PORT`.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running webhook bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningWebhook> {
  const launched = await launch({
    ...options,
    botUsername: 'webhook_counter_bot',
    botName: 'Webhook counter',
    title: 'webhook counter: each chat counts its messages; updates arrive by webhook.',
  });
  return startCounterWebhook(launched, { signals: options.signals ?? true });
}

if (isMain(import.meta.url)) await main();
