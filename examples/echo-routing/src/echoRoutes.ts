import type { CallbackQuery, InlineQuery, Message } from '@delegram/api';
import type { Bot, FlavorRoutingTable, Incoming } from 'delegram';

/**
 * The echo bot as a routing table by flavor: each flavor gets its own handler, with the payload
 * typed for it.
 *
 * - `chat`: a new text comes back as `You said: …` with a **Shout** button; an edit comes back as
 *   `You edited it to: …`; other content gets a short note.
 * - `callback_query`: **Shout** answers with the text in capitals, as a notification.
 * - `inline_query`: one article, the query in capitals.
 *
 * @param bot - the bot that answers
 * @returns the routing table for `new MessageLoop(bot, table)`
 */
export function echoRoutes(bot: Bot): FlavorRoutingTable {
  return {
    chat: async (msg: Message, incoming: Incoming<'chat'>) => {
      if (msg.text === undefined) {
        await bot.api.sendMessage(msg.chat.id, 'I can only echo text.');
      } else if (incoming.kind === 'edited_message') {
        await bot.api.sendMessage(msg.chat.id, `You edited it to: ${msg.text}`);
      } else {
        await bot.api.sendMessage(msg.chat.id, `You said: ${msg.text}`, {
          reply_markup: { inline_keyboard: [[{ text: 'Shout', callback_data: 'shout' }]] },
        });
      }
    },
    callback_query: async (query: CallbackQuery) => {
      const said = query.message !== undefined && 'text' in query.message ? query.message.text : '';
      const text = (said ?? '').replace(/^You said: /, '');
      await bot.api.answerCallbackQuery(query.id, { text: `${text.toUpperCase()}!` });
    },
    inline_query: async (query: InlineQuery) => {
      const text = query.query.trim();
      if (text === '') {
        await bot.api.answerInlineQuery(query.id, [], { cache_time: 0 });
        return;
      }
      await bot.api.answerInlineQuery(
        query.id,
        [
          {
            type: 'article',
            id: 'shout',
            title: text.toUpperCase(),
            input_message_content: { message_text: text.toUpperCase() },
          },
        ],
        { cache_time: 0 },
      );
    },
  };
}
