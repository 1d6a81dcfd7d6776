import type { CallbackQuery, ChosenInlineResult, InlineQuery, Message } from '@delegram/api';
import type { Bot, FlavorRoutingTable } from 'delegram';
import { Answerer, glance } from 'delegram';

/**
 * The webhook skeleton's routing table (telepot's `flask_skeleton.py`): it reports each chat
 * message, callback query and chosen inline result, answers chat messages with their glance, and
 * answers inline queries with one article.
 *
 * @param bot - the bot
 * @param print - where the reports go
 * @returns the routing table
 */
export function skeletonTable(bot: Bot, print: (line: string) => void): FlavorRoutingTable {
  const answerer = new Answerer(bot, { defaults: { cache_time: 0 } });
  return {
    chat: async (msg: Message) => {
      const [contentType, chatType, chatId] = glance(msg);
      print(`Chat message: ${contentType} ${chatType} ${chatId}`);
      await bot.api.sendMessage(chatId, `Chat message: ${contentType} ${chatType} ${chatId}`);
    },
    callback_query: async (query: CallbackQuery) => {
      const [queryId, fromId, data] = glance(query, { flavor: 'callback_query' });
      print(`Callback query: ${queryId} ${fromId} ${data ?? ''}`);
      await bot.api.answerCallbackQuery(queryId);
    },
    inline_query: (query: InlineQuery) => {
      void answerer.answer(query, () => [
        {
          type: 'article',
          id: 'abc',
          title: 'ABC',
          input_message_content: { message_text: 'Good morning' },
        },
      ]);
    },
    chosen_inline_result: (result: ChosenInlineResult) => {
      const [resultId, fromId, query] = glance(result, { flavor: 'chosen_inline_result' });
      print(`Chosen inline result: ${resultId} ${fromId} ${query}`);
    },
  };
}
