import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { createPaymentBot } from './createPaymentBot.js';

/**
 * Starts the payment bot: write anything to get an invoice, then pay it (on the emulator, with
 * the Pay button). On Telegram set `PAYMENT_PROVIDER_TOKEN`.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'payment_bot',
    botName: 'Payment',
    title: 'payment: write anything to get an invoice, then pay it.',
  });
  const providerToken = launched.env['PAYMENT_PROVIDER_TOKEN'] ?? 'emulator-test-provider';
  return runPolling(
    createPaymentBot(launched.token, { ...launched.botOptions, providerToken }),
    launched,
    { signals: options.signals ?? true },
  );
}

if (isMain(import.meta.url)) await main();
