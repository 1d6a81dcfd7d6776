import type { Message } from '@delegram/api';
import type { Bot, FlavorRoutingTable } from 'delegram';
import { glance } from 'delegram';

/**
 * The diceyclock bot's handler (telepot's simplest example): `/roll` answers a number from 1 to 6,
 * `/time` the current time (UTC, from the bot's clock); anything else gets a hint.
 *
 * @example
 * ```ts
 * const bot = new Bot(token);
 * await new MessageLoop(bot, diceyClock(bot)).run();
 * ```
 * @param bot - the bot that answers
 * @param random - a source of numbers in [0, 1) (default `Math.random`)
 * @returns a routing table for the message loop
 */
export function diceyClock(bot: Bot, random: () => number = Math.random): FlavorRoutingTable {
  return {
    chat: async (msg: Message) => {
      const [contentType, , chatId] = glance(msg);
      if (contentType !== 'text') return;
      const command = msg.text?.trim().split(/\s+/)[0]?.replace(/@\w+$/, '');
      if (command === '/roll') {
        await bot.api.sendMessage(chatId, String(1 + Math.floor(random() * 6)));
      } else if (command === '/time') {
        await bot.api.sendMessage(chatId, new Date(bot.clock.now()).toISOString());
      } else {
        await bot.api.sendMessage(chatId, 'Try /roll or /time.');
      }
    },
  };
}
