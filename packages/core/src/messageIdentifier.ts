import type { Message, Update } from '@delegram/api';
import { NoIdentifierError } from './errors.js';

/**
 * Identifies a message for editing: `[chatId, messageId]` for a message in a chat, or
 * `[inlineMessageId]` for a message sent in inline mode.
 */
export type MessageIdentifier =
  readonly [chatId: number, messageId: number] | readonly [inlineMessageId: string];

type ChosenInlineResult = NonNullable<Update['chosen_inline_result']>;
type CallbackQuery = NonNullable<Update['callback_query']>;

/**
 * Returns the identifier of a chat message or of the message a chosen inline result produced
 * (telepot's `message_identifier`), ready for `Editor` and the `edit*` methods.
 *
 * @example
 * ```ts
 * const sent = await bot.api.sendMessage(chatId, 'Counting...');
 * const id = messageIdentifier(sent); // [chatId, sent.message_id]
 * ```
 * @param msg - a `Message`, or a `ChosenInlineResult` with `inline_message_id`
 * @returns `[chatId, messageId]` or `[inlineMessageId]`
 * @throws {@link NoIdentifierError} when `msg` identifies no message
 */
export function messageIdentifier(msg: Message | ChosenInlineResult): MessageIdentifier {
  return identify(msg, 'messageIdentifier');
}

/**
 * Returns the identifier of the message a callback query came from (telepot's
 * `origin_identifier`): its chat message, or its inline message.
 *
 * @example
 * ```ts
 * const origin = originIdentifier(query); // [chatId, messageId] or [inlineMessageId]
 * ```
 * @param query - a callback query
 * @returns `[chatId, messageId]` or `[inlineMessageId]`
 * @throws {@link NoIdentifierError} when the query carries neither
 */
export function originIdentifier(query: CallbackQuery): MessageIdentifier {
  if (query.message !== undefined) return identify(query.message, 'originIdentifier');
  return identify(query, 'originIdentifier');
}

function identify(value: object, fn: string): MessageIdentifier {
  const v = value as {
    chat?: { id?: unknown };
    message_id?: unknown;
    inline_message_id?: unknown;
  };
  if (typeof v.chat?.id === 'number' && typeof v.message_id === 'number') {
    return [v.chat.id, v.message_id];
  }
  if (typeof v.inline_message_id === 'string') return [v.inline_message_id];
  throw new NoIdentifierError(fn, value);
}
