import { randomBytes } from 'node:crypto';
import type { Message } from '@delegram/api';
import type { Bot, FlavorRoutingTable } from 'delegram';
import { byChatCommand, defaultRoute, noMatch, Router } from 'delegram';

/** Options of {@link deepLinking}. */
export interface DeepLinkingOptions {
  /** The bot's username, for the `t.me` links. */
  readonly botUsername: string;
  /** Makes a new link key (default: 12 random URL-safe characters). */
  readonly newKey?: () => string;
}

/**
 * Deep linking (telepot's `flask_deeplinking`): `/link` gives the user a
 * `https://t.me/<bot>?start=<key>` link; opening it makes Telegram send `/start <key>`, which the
 * bot checks and consumes. A key works once, and only for the user it was made for. A plain
 * `/start` greets.
 *
 * @param bot - the bot that answers
 * @param options - the bot's username, the key generator
 * @returns the routing table for the message loop
 */
export function deepLinking(bot: Bot, options: DeepLinkingOptions): FlavorRoutingTable {
  const newKey = options.newKey ?? (() => randomBytes(9).toString('base64url'));
  const keys = new Map<string, number>();
  const reply = (msg: Message, text: string): Promise<Message> =>
    bot.api.sendMessage(msg.chat.id, text);

  const commands = new Router<Message>(
    byChatCommand({ passArgs: true, botUsername: options.botUsername }),
    {
      start: async (msg: Message, args: string[]) => {
        const key = args[0];
        if (key === undefined) {
          await reply(msg, 'Hello! Send /link to get a deep link to this bot.');
          return;
        }
        const owner = keys.get(key);
        if (owner === undefined || owner !== msg.from?.id) {
          await reply(
            msg,
            'That link is not valid (or was used already). Send /link for a new one.',
          );
          return;
        }
        keys.delete(key);
        await reply(msg, `Deep linking worked: you came back with "${key}".`);
      },
      link: async (msg: Message) => {
        if (msg.from === undefined) return;
        const key = newKey();
        keys.set(key, msg.from.id);
        await reply(msg, `Open https://t.me/${options.botUsername}?start=${key}`);
      },
      [defaultRoute]: (msg: Message) => reply(msg, 'Unknown command. Try /link.'),
      [noMatch]: (msg: Message) => reply(msg, 'Send /link to get a deep link.'),
    },
  );
  return { chat: (msg: Message) => commands.route(msg) };
}
