import type { Bot } from 'delegram';
import type { Print } from './launch.js';

/**
 * Prints the bot's errors (handler failures, polling trouble) as one line each, so a person
 * running an example sees them. The token never appears: delegram's errors do not carry it.
 *
 * @param bot - the bot
 * @param print - where to print
 */
export function reportErrors(bot: Bot, print: Print): void {
  bot.on('error', (error, info) => {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    print(`[error in ${info.source}] ${text}`);
  });
}
