import type { Message } from '@delegram/api';
import type { Bot, FlavorRoutingTable } from 'delegram';
import { glance } from 'delegram';

/**
 * Spells out a text's code points, telepot's emodi style: `'hi 😀'` → `U+0068 U+0069 U+0020
 * U+1F600`. Iterating a JS string by code point keeps an emoji outside the BMP whole.
 *
 * @param text - any text
 * @returns the code points, space separated
 */
export function codePoints(text: string): string {
  return [...text]
    .map((ch) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
    .join(' ');
}

/**
 * The emodi bot's handler: it answers a text with its glance and its code points (send it emoji
 * to see how they are encoded), and anything else with its content type.
 *
 * @param bot - the bot that answers
 * @returns the routing table for the message loop
 */
export function emodi(bot: Bot): FlavorRoutingTable {
  return {
    chat: async (msg: Message) => {
      const [contentType, chatType, chatId] = glance(msg);
      const from = msg.from?.first_name ?? 'someone';
      if (contentType !== 'text' || msg.text === undefined) {
        await bot.api.sendMessage(chatId, `${from} sent a ${contentType} in a ${chatType} chat.`);
        return;
      }
      await bot.api.sendMessage(
        chatId,
        `${from} sent text in a ${chatType} chat:\n${codePoints(msg.text)}`,
      );
    },
  };
}
