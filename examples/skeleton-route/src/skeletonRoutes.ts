import type {
  CallbackQuery,
  ChosenInlineResult,
  InlineQuery,
  InlineQueryResult,
  Message,
  SendMessageParams,
} from '@delegram/api';
import type { Bot, FlavorRoutingTable, MessageIdentifier } from 'delegram';
import { Answerer, glance, messageIdentifier } from 'delegram';

type Markup = NonNullable<SendMessageParams['reply_markup']>;

/** What each command letter sends: the text and its keyboard. */
const COMMANDS: Record<string, readonly [text: string, markup: Markup]> = {
  c: [
    'Custom keyboard',
    {
      keyboard: [
        [{ text: 'Plain text' }, { text: 'Text only' }],
        [
          { text: 'Phone', request_contact: true },
          { text: 'Location', request_location: true },
        ],
      ],
    },
  ],
  i: [
    'Inline keyboard',
    {
      inline_keyboard: [
        [{ text: 'Telegram URL', url: 'https://core.telegram.org/' }],
        [{ text: 'Callback - show notification', callback_data: 'notification' }],
        [{ text: 'Callback - show alert', callback_data: 'alert' }],
        [{ text: 'Callback - edit message', callback_data: 'edit' }],
        [{ text: 'Switch to using bot inline', switch_inline_query: 'initial query' }],
      ],
    },
  ],
  h: ['Hide custom keyboard', { remove_keyboard: true }],
  f: ['Force reply', { force_reply: true }],
};

/** Options of {@link skeletonRoutes}. */
export interface SkeletonRoutesOptions {
  /** Where chosen inline results are reported. */
  readonly print?: (line: string) => void;
}

/**
 * Telepot's `skeleton_route.py`: a routing table by flavor. A chat message ending in `c`, `i`, `h`
 * or `f` gets a custom keyboard, an inline keyboard, a keyboard removal or a forced reply; the
 * inline buttons answer with a notification, an alert, or an edit of their message; inline queries
 * are answered through an {@link Answerer}, with a "switch to private chat" button when the query
 * is empty.
 *
 * @param bot - the bot
 * @param options - where chosen results are printed
 * @returns the routing table for the message loop
 */
export function skeletonRoutes(bot: Bot, options: SkeletonRoutesOptions = {}): FlavorRoutingTable {
  const answerer = new Answerer(bot, { defaults: { cache_time: 0 } });
  const lastKeyboard = new Map<number, MessageIdentifier>();

  return {
    chat: async (msg: Message) => {
      const [contentType, , chatId] = glance(msg);
      if (contentType !== 'text') return;
      const command = COMMANDS[(msg.text ?? '').slice(-1).toLowerCase()];
      if (command === undefined) {
        await bot.api.sendMessage(chatId, 'End your message with c, i, h or f.');
        return;
      }
      const [text, markup] = command;
      const sent = await bot.api.sendMessage(chatId, text, { reply_markup: markup });
      if ('inline_keyboard' in markup) lastKeyboard.set(chatId, messageIdentifier(sent));
    },

    callback_query: async (query: CallbackQuery) => {
      if (query.data === 'notification') {
        await bot.api.answerCallbackQuery(query.id, { text: 'Notification at top of screen' });
      } else if (query.data === 'alert') {
        await bot.api.answerCallbackQuery(query.id, { text: 'Alert!', show_alert: true });
      } else if (query.data === 'edit') {
        const target =
          query.message === undefined ? undefined : lastKeyboard.get(query.message.chat.id);
        if (target === undefined || target.length !== 2) {
          await bot.api.answerCallbackQuery(query.id, { text: 'No previous message to edit' });
          return;
        }
        await bot.api.answerCallbackQuery(query.id);
        await bot.api.editMessageText({
          chat_id: target[0],
          message_id: target[1],
          text: 'NEW MESSAGE HERE!!!!!',
        });
      }
    },

    inline_query: (query: InlineQuery) => {
      void answerer.answer(query, (q) => {
        const text = q.query.trim();
        const articles: InlineQueryResult[] =
          text === ''
            ? []
            : [
                {
                  type: 'article',
                  id: 'abc',
                  title: text,
                  input_message_content: { message_text: text },
                },
              ];
        if (text !== '') return articles;
        return {
          results: articles,
          button: { text: 'Back to the bot', start_parameter: 'from_inline' },
        };
      });
    },

    chosen_inline_result: (result: ChosenInlineResult) => {
      options.print?.(
        `Chosen inline result: ${result.result_id} ${result.from.id} ${result.query}`,
      );
    },
  };
}
