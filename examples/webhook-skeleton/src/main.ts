import type { ExampleOptions, RunningWebhook } from '@delegram-examples/launcher';
import { isMain, launch } from '@delegram-examples/launcher';
import { startSkeletonWebhook } from './startSkeletonWebhook.js';

/**
 * Starts the webhook skeleton. On Telegram set `WEBHOOK_URL` (public HTTPS) and `WEBHOOK_PORT`.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running webhook bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningWebhook> {
  const launched = await launch({
    ...options,
    botUsername: 'webhook_skeleton_bot',
    botName: 'Webhook skeleton',
    botSettings: { supportsInlineQueries: true, inlineFeedback: true },
    title: 'webhook skeleton: updates arrive by webhook and are handled in order.',
  });
  return startSkeletonWebhook(launched, { signals: options.signals ?? true });
}

if (isMain(import.meta.url)) await main();
