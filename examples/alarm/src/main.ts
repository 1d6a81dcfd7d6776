import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { createAlarmBot } from './createAlarmBot.js';

/**
 * Starts the alarm bot: send a number of seconds.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'alarm_bot',
    botName: 'Alarm',
    title: 'alarm: send a number of seconds; the bot beeps when they have passed.',
  });
  return runPolling(createAlarmBot(launched.token, launched.botOptions), launched, {
    signals: options.signals ?? true,
  });
}

if (isMain(import.meta.url)) await main();
