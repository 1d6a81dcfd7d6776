import type { Bot, SignalSource } from 'delegram';
import { deleteWebhook, generateSecretToken, setWebhook } from 'delegram';
import type { Launched } from './launch.js';
import { handleSignals } from './handleSignals.js';
import { reportErrors } from './reportErrors.js';

/** A webhook server as {@link runWebhook} needs it: a `WebhookServer`, or your own wrapped. */
export interface WebhookListener {
  /** Starts listening; resolves with the local URL updates are posted to. */
  start(): Promise<{ readonly url: string }>;
  /** Stops listening. */
  stop(): Promise<void>;
}

/** Options of {@link runWebhook}. */
export interface RunWebhookOptions {
  /**
   * Builds the server, given the port to listen on (`WEBHOOK_PORT`, or 0 for a free one on the
   * emulator) and the secret token Telegram will send with each request.
   */
  readonly listen: (port: number, secretToken: string) => WebhookListener;
  /**
   * Stop cleanly on SIGINT/SIGTERM (default `true`; tests pass `false`, or a stand-in
   * `SignalSource` to send signals to).
   */
  readonly signals?: boolean | SignalSource;
  /** Runs after the server stopped and before the bot's delegates stop. */
  readonly beforeBotStop?: () => Promise<void>;
}

/** A bot running behind a webhook, as {@link runWebhook} started it. */
export interface RunningWebhook {
  /** The bot. */
  readonly bot: Bot;
  /** Where it runs. */
  readonly launched: Launched;
  /** The URL given to `setWebhook`. */
  readonly webhookUrl: string;
  /** Removes the webhook, stops the server, the bot's delegates and the emulator (idempotent). */
  stop(): Promise<void>;
}

/**
 * Runs a bot behind a webhook where {@link launch} decided. On the emulator the webhook is the
 * local server's URL; on Telegram it is `WEBHOOK_URL` (a public HTTPS address that forwards to
 * this server, e.g. a reverse proxy or tunnel, listening on `WEBHOOK_PORT`). A fresh secret token
 * guards the endpoint.
 *
 * @param bot - the bot
 * @param launched - from {@link launch}
 * @param options - how to build the server, signal handling
 * @returns the running webhook bot
 * @throws Error when `BOT_TOKEN` is set but `WEBHOOK_URL` is not
 */
export async function runWebhook(
  bot: Bot,
  launched: Launched,
  options: RunWebhookOptions,
): Promise<RunningWebhook> {
  const publicUrl = launched.env['WEBHOOK_URL']?.trim();
  if (launched.mode === 'telegram' && (publicUrl === undefined || publicUrl === '')) {
    await launched.close();
    throw new Error(
      'set WEBHOOK_URL to the public HTTPS address of this webhook (and WEBHOOK_PORT to the local port it forwards to)',
    );
  }
  reportErrors(bot, launched.print);
  const port = Number(launched.env['WEBHOOK_PORT'] ?? 0);
  const secretToken = generateSecretToken();
  const server = options.listen(Number.isInteger(port) ? port : 0, secretToken);
  const { url } = await server.start();
  const webhookUrl = launched.mode === 'telegram' && publicUrl !== undefined ? publicUrl : url;
  await setWebhook(bot, webhookUrl, { secretToken });
  launched.print(`Webhook set; updates arrive at ${url}`);
  let stopping: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    try {
      await deleteWebhook(bot).catch(() => false);
      await server.stop();
      await options.beforeBotStop?.();
      await bot.stop();
      await bot.store.close();
    } finally {
      await launched.close();
    }
  };
  const uninstall = handleSignals(() => (stopping ??= shutdown()), launched.print, options.signals);
  return {
    bot,
    launched,
    webhookUrl,
    stop: () => {
      uninstall();
      return (stopping ??= shutdown());
    },
  };
}
