import type { Message } from '@delegram/api';
import type { Bot, FlavorRoutingTable } from 'delegram';
import { byChatCommand, defaultRoute, noMatch, Router } from 'delegram';

/**
 * The diceyclock bot's handler (telepot's simplest example): `/roll` answers a number from 1 to 6,
 * `/time` the current time (UTC, from the bot's clock); anything else gets a hint. Commands are
 * routed with a {@link Router} keyed by {@link byChatCommand}.
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
  const reply = (msg: Message, text: string): Promise<Message> =>
    bot.api.sendMessage(msg.chat.id, text);
  const hint = (msg: Message): Promise<Message> => reply(msg, 'Try /roll or /time.');
  const commands = new Router<Message>(byChatCommand(), {
    roll: (msg: Message) => reply(msg, String(1 + Math.floor(random() * 6))),
    time: (msg: Message) => reply(msg, new Date(bot.clock.now()).toISOString()),
    [defaultRoute]: hint,
    [noMatch]: (msg: Message) => (msg.text === undefined ? undefined : hint(msg)),
  });
  return { chat: (msg: Message) => commands.route(msg) };
}
