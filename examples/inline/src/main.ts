import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { inlineAnswers } from './inlineAnswers.js';

/**
 * Starts the inline bot: type `@inline_bot some text` in any chat.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'inline_bot',
    botName: 'Inline',
    botSettings: { supportsInlineQueries: true, inlineFeedback: true },
    title: 'inline: type "@inline_bot some text" in a chat and pick a result.',
  });
  const bot = new Bot(launched.token, launched.botOptions);
  const { table } = inlineAnswers(bot, {
    onChosen: (r) => launched.print(`${r.from.first_name} chose "${r.result_id}" for "${r.query}"`),
  });
  return runPolling(bot, launched, { handler: table, signals: options.signals ?? true });
}

if (isMain(import.meta.url)) await main();
