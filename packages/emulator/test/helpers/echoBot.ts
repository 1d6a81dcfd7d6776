// The small bot the page and control-API tests talk to: it echoes with an inline keyboard, edits
// on "Like", alerts on "Alert", deletes on "Remove", answers inline queries and sends a photo.
import { type RawBot, runRawBot } from './rawBot.js';

/** An 8x8 red PNG, for sendPhoto. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGO4w8CAFWEXHbQSALUDNwEuq85EAAAAAElFTkSuQmCC',
  'base64',
);

const keyboard = {
  inline_keyboard: [
    [
      { text: 'Like', callback_data: 'like' },
      { text: 'Alert', callback_data: 'alert' },
    ],
    [
      { text: 'Remove', callback_data: 'remove' },
      { text: 'Docs', url: 'https://core.telegram.org/bots/api' },
    ],
  ],
};

/** Starts the echo bot on `token` against `apiRoot`. */
export function startEchoBot(apiRoot: string, token: string): RawBot {
  return runRawBot(apiRoot, token, async (update, call) => {
    const message = update.message;
    if (message?.text === 'photo') {
      const form = new FormData();
      form.set('chat_id', String(message.chat.id));
      form.set('caption', 'A red square');
      form.set('photo', new Blob([PNG], { type: 'image/png' }), 'red.png');
      const response = await fetch(`${apiRoot}/bot${token}/sendPhoto`, {
        method: 'POST',
        body: form,
      });
      const body = (await response.json()) as { ok: boolean; description?: string };
      if (!body.ok) throw new Error(`sendPhoto failed: ${body.description}`);
      return;
    }
    if (message?.text === 'keyboard') {
      await call('sendMessage', {
        chat_id: message.chat.id,
        text: 'Pick a colour',
        reply_markup: { keyboard: [[{ text: 'Red' }, { text: 'Blue' }]], one_time_keyboard: true },
      });
      return;
    }
    if (message?.text !== undefined) {
      await call('sendChatAction', { chat_id: message.chat.id, action: 'typing' });
      const prefix = 'You said: ';
      await call('sendMessage', {
        chat_id: message.chat.id,
        text: prefix + message.text,
        entities: [{ type: 'bold', offset: prefix.length, length: message.text.length }],
        reply_markup: keyboard,
      });
      return;
    }
    const query = update.callback_query;
    if (query?.message !== undefined) {
      const text = 'text' in query.message ? query.message.text : undefined;
      const target = { chat_id: query.message.chat.id, message_id: query.message.message_id };
      if (query.data === 'like') {
        await call('editMessageText', {
          ...target,
          text: `Liked: ${text ?? ''}`,
          reply_markup: keyboard,
        });
        await call('answerCallbackQuery', { callback_query_id: query.id, text: 'Thanks!' });
      } else if (query.data === 'alert') {
        await call('answerCallbackQuery', {
          callback_query_id: query.id,
          text: 'Careful!',
          show_alert: true,
        });
      } else if (query.data === 'remove') {
        await call('deleteMessage', target);
        await call('answerCallbackQuery', { callback_query_id: query.id });
      }
      return;
    }
    const inline = update.inline_query;
    if (inline !== undefined && inline.query === 'items') {
      // 15 results in pages of 10: "Item 1".."Item 10", then "Item 11".."Item 15".
      const start = Number(inline.offset || '0');
      const end = Math.min(start + 10, 15);
      const results = [];
      for (let n = start + 1; n <= end; n += 1) {
        const title = `Item ${n}`;
        results.push({
          type: 'article',
          id: `item${n}`,
          title,
          input_message_content: { message_text: title },
        });
      }
      await call('answerInlineQuery', {
        inline_query_id: inline.id,
        cache_time: 0,
        next_offset: end < 15 ? String(end) : '',
        results,
      });
    } else if (inline !== undefined) {
      const q = inline.query;
      await call('answerInlineQuery', {
        inline_query_id: inline.id,
        cache_time: 0,
        results: [
          {
            type: 'article',
            id: 'upper',
            title: q.toUpperCase(),
            input_message_content: { message_text: q.toUpperCase() },
          },
          {
            type: 'article',
            id: 'lower',
            title: q.toLowerCase(),
            input_message_content: { message_text: q.toLowerCase() },
          },
        ],
      });
    }
  });
}
