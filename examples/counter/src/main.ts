import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { createCounterBot, IDLE_TIMEOUT_SECONDS } from './createCounterBot.js';
import { runDemo } from './runDemo.js';

/**
 * Starts the message counter: on Telegram with `BOT_TOKEN`, else on the embedded emulator with
 * its chat page. Each chat counts its own messages and starts over after 10 s of silence.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot; `stop()` shuts it down
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'counter_bot',
    botName: 'Counter',
    title: `delegram message counter: each chat counts its messages, and starts over after ${IDLE_TIMEOUT_SECONDS} s of silence.`,
  });
  const bot = createCounterBot(launched.token, launched.botOptions);
  return runPolling(bot, launched, { signals: options.signals ?? true });
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--demo')) {
    const result = await runDemo({ fast: args.includes('--fast') });
    process.exitCode = result.ok ? 0 : 1;
  } else {
    await main();
  }
}
