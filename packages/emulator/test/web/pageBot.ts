// The bot the newer chat-page tests talk to: it echoes text, shows reply keyboards of several
// kinds, sends invoices and takes (or refuses) the payment, and answers replies, photos,
// documents, edits, shared contacts and locations, and names the callback data of inline buttons (or answers "open <url>" with that URL).
import { type RawBot, runRawBot } from '../helpers/rawBot.js';

/** Starts the page-test bot on `token` against `apiRoot`. */
export function startPageBot(apiRoot: string, token: string): RawBot {
  return runRawBot(apiRoot, token, async (update, call) => {
    const query = update.pre_checkout_query;
    if (query !== undefined) {
      await call(
        'answerPreCheckoutQuery',
        query.invoice_payload === 'sold-out'
          ? { pre_checkout_query_id: query.id, ok: false, error_message: 'Sorry, no tea left' }
          : { pre_checkout_query_id: query.id, ok: true },
      );
      return;
    }
    const callback = update.callback_query;
    if (callback !== undefined) {
      const data = callback.data ?? '';
      await call(
        'answerCallbackQuery',
        data.startsWith('open ')
          ? { callback_query_id: callback.id, url: data.slice('open '.length) }
          : { callback_query_id: callback.id, text: `Pressed ${callback.data ?? 'a game button'}` },
      );
      return;
    }
    const edited = update.edited_message;
    if (edited?.text !== undefined) {
      await call('sendMessage', {
        chat_id: edited.chat.id,
        text: `You changed it to: ${edited.text}`,
      });
      return;
    }
    const message = update.message;
    if (message === undefined) return;
    const reply = (text: string, extra: Record<string, unknown> = {}): Promise<unknown> =>
      call('sendMessage', { chat_id: message.chat.id, text, ...extra });
    if (message.successful_payment !== undefined) {
      await reply(`Thanks for paying, ${message.from?.first_name ?? 'someone'}!`);
    } else if (message.photo !== undefined) {
      const largest = message.photo[message.photo.length - 1];
      await reply(
        `Got a ${largest?.width ?? 0}x${largest?.height ?? 0} photo: ${message.caption ?? 'no caption'}`,
      );
    } else if (message.document !== undefined) {
      await reply(
        `Got ${message.document.file_name ?? 'a file'} (${message.document.file_size ?? 0} bytes)`,
      );
    } else if (message.contact !== undefined) {
      await reply(`Got your number: ${message.contact.phone_number}`);
    } else if (message.location !== undefined) {
      await reply(`You are at ${message.location.latitude}, ${message.location.longitude}`);
    } else if (message.text === 'keyboard') {
      await reply('Pick a colour', {
        reply_markup: { keyboard: [[{ text: 'Red' }, { text: 'Blue' }]], one_time_keyboard: true },
      });
    } else if (message.text === 'menu') {
      await reply('Main menu', {
        reply_markup: {
          keyboard: [
            ['Small', 'Large'],
            [
              { text: 'Share phone', request_contact: true },
              { text: 'Share place', request_location: true },
            ],
          ],
          resize_keyboard: true,
          is_persistent: true,
          input_field_placeholder: 'Choose a size',
        },
      });
    } else if (message.text === 'sizes') {
      await reply('Sizes', { reply_markup: { keyboard: [['S', 'M', 'L', 'XL']] } });
    } else if (message.text === 'done') {
      await reply('Keyboard closed', { reply_markup: { remove_keyboard: true } });
    } else if (message.text === 'invoice') {
      await call('sendInvoice', {
        chat_id: message.chat.id,
        title: 'Coffee',
        description: 'A large flat white',
        payload: 'coffee-1',
        provider_token: 'TEST',
        currency: 'EUR',
        prices: [{ label: 'Flat white', amount: 350 }],
      });
    } else if (message.text === 'tea') {
      await call('sendInvoice', {
        chat_id: message.chat.id,
        title: 'Tea',
        description: 'Green tea',
        payload: 'sold-out',
        provider_token: 'TEST',
        currency: 'EUR',
        prices: [{ label: 'Tea', amount: 200 }],
      });
    } else if (message.text !== undefined) {
      const quoted = message.reply_to_message;
      await reply(
        quoted === undefined
          ? `You said: ${message.text}`
          : `You answered message ${quoted.message_id} with: ${message.text}`,
      );
    }
  });
}
