import type { Launched, RunningWebhook } from '@delegram-examples/launcher';
import { runWebhook } from '@delegram-examples/launcher';
import type { SignalSource } from 'delegram';
import { Bot, OrderedWebhook, WebhookServer } from 'delegram';
import { skeletonTable } from './skeletonTable.js';

/**
 * Runs the skeleton behind a webhook: a small `node:http` server ({@link WebhookServer}) takes the
 * POSTs, checks the secret token and answers at once; an {@link OrderedWebhook} then hands the
 * updates to the routing table in `update_id` order, one at a time (telepot's `OrderedWebhook`).
 *
 * @param launched - where to run, from `launch()`
 * @param options - signal handling
 * @returns the running webhook bot
 */
export async function startSkeletonWebhook(
  launched: Launched,
  options: { readonly signals?: boolean | SignalSource } = {},
): Promise<RunningWebhook> {
  const bot = new Bot(launched.token, launched.botOptions);
  const ordered = new OrderedWebhook(bot, skeletonTable(bot, launched.print));
  return runWebhook(bot, launched, {
    signals: options.signals ?? true,
    listen: (port, secretToken) =>
      new WebhookServer(bot, {
        port,
        path: '/telegram',
        secretToken,
        handler: (_msg, incoming) => {
          if (incoming.update !== undefined) ordered.feed(incoming.update);
        },
      }),
    beforeBotStop: async () => {
      await ordered.idle();
      ordered.dispose();
    },
  });
}
