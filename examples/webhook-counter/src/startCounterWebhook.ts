import type { Launched, RunningWebhook } from '@delegram-examples/launcher';
import { runWebhook } from '@delegram-examples/launcher';
import type { SignalSource } from 'delegram';
import { DelegatorBot, delegate, OrderedWebhook, perChatId, WebhookServer } from 'delegram';
import { MessageCounter } from './MessageCounter.js';

/**
 * Runs the message counter behind a webhook (telepot's `flask_counter.py`): the same
 * `DelegatorBot` as with polling, fed by an {@link OrderedWebhook} (no handler: it calls
 * `bot.handle`, so each update reaches its chat's delegate in `update_id` order).
 *
 * @param launched - where to run, from `launch()`
 * @param options - signal handling, idle timeout in seconds (default 10)
 * @returns the running webhook bot
 */
export async function startCounterWebhook(
  launched: Launched,
  options: { readonly signals?: boolean | SignalSource; readonly timeout?: number } = {},
): Promise<RunningWebhook> {
  const bot = new DelegatorBot(
    launched.token,
    [delegate(perChatId(), MessageCounter, { timeout: options.timeout ?? 10 })],
    launched.botOptions,
  );
  const ordered = new OrderedWebhook(bot);
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
