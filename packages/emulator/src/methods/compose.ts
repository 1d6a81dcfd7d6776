import type {
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  ReplyParameters,
} from '@delegram/api';
import { badRequest } from '../ApiError.js';
import type { ChatRecord } from '../world/ChatRecord.js';
import { formatText } from '../world/formatting/formatText.js';
import { applyReplyMarkup } from './applyReplyMarkup.js';
import { withMentions } from './mentions.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/** Telegram's limit on message text after entity parsing. */
export const MAX_TEXT_LENGTH = 4096;
/** Telegram's limit on media captions after entity parsing. */
export const MAX_CAPTION_LENGTH = 1024;

/**
 * Builds `text` + `entities` from a method's `text`, `parse_mode` and `entities` parameters.
 *
 * @param ctx - the call
 * @param field - the text parameter's name (`text`)
 * @returns the message fields
 * @throws ApiError 400 `message text is empty`, `message is too long`, `can't parse entities: …`
 */
export function textFields(
  ctx: MethodContext,
  field = 'text',
): { text: string; entities?: MessageEntity[] } {
  const p = new Params(ctx);
  const formatted = formatText(
    p.str(field) ?? '',
    p.str('parse_mode'),
    p.json<MessageEntity[]>('entities'),
  );
  if (formatted.text.trim() === '') throw badRequest('message text is empty');
  if (formatted.text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long');
  return formatted.entities.length > 0
    ? { text: formatted.text, entities: formatted.entities }
    : { text: formatted.text };
}

/**
 * Builds `caption` + `caption_entities` from `caption`, `parse_mode`, `caption_entities` (absent
 * caption gives no fields).
 *
 * @param p - the parameters (of the call or of one `InputMedia` object)
 * @returns the message fields
 * @throws ApiError 400 `message caption is too long` or `can't parse entities: …`
 */
export function captionFields(p: Params): { caption?: string; caption_entities?: MessageEntity[] } {
  const raw = p.str('caption');
  if (raw === undefined || raw === '') return {};
  const formatted = formatText(
    raw,
    p.str('parse_mode'),
    p.json<MessageEntity[]>('caption_entities'),
  );
  if (formatted.text.length > MAX_CAPTION_LENGTH) throw badRequest('message caption is too long');
  if (formatted.text === '') return {};
  return formatted.entities.length > 0
    ? { caption: formatted.text, caption_entities: formatted.entities }
    : { caption: formatted.text };
}

/**
 * Finds the message a new message replies to, from `reply_parameters` or the older
 * `reply_to_message_id` + `allow_sending_without_reply`.
 *
 * @param ctx - the call
 * @param chat - the chat the new message goes to
 * @returns the replied message, or `undefined` for no reply
 * @throws ApiError 400 `message to be replied not found`
 */
export function findReply(ctx: MethodContext, chat: ChatRecord): Message | undefined {
  const p = new Params(ctx);
  const params = p.json<ReplyParameters>('reply_parameters');
  const id = params?.message_id ?? p.int('reply_to_message_id');
  if (id === undefined) return undefined;
  const allowMissing = params?.allow_sending_without_reply ?? p.bool('allow_sending_without_reply');
  let source = chat;
  if (params?.chat_id !== undefined && String(params.chat_id) !== String(chat.id)) {
    source = ctx.world.resolveChat(ctx.bot, params.chat_id);
  }
  const replied = source.messages.get(Number(id));
  if (replied === undefined && allowMissing !== true) {
    throw badRequest('message to be replied not found');
  }
  return replied;
}

/**
 * Reads and validates `reply_markup`. Only an inline keyboard is stored on the message (that is
 * what Telegram returns); reply keyboards, removals and forced replies change the chat's
 * per-person keyboard state once the message is posted ({@link applyReplyMarkup}).
 *
 * @param ctx - the call
 * @returns the inline keyboard to store, `undefined` for none
 * @throws ApiError 400 on malformed buttons (`BUTTON_DATA_INVALID`, ...)
 */
export function replyMarkup(ctx: MethodContext): InlineKeyboardMarkup | undefined {
  const markup = new Params(ctx).json<Record<string, unknown>>('reply_markup');
  if (markup === undefined) return undefined;
  if (typeof markup !== 'object' || markup === null)
    throw badRequest("can't parse reply keyboard markup JSON object");
  if ('inline_keyboard' in markup) return inlineKeyboard(markup.inline_keyboard);
  if ('keyboard' in markup) replyKeyboardRows(markup.keyboard);
  return undefined;
}

/** A reply keyboard button as stored: its text, or a `KeyboardButton` object. */
export type ReplyKeyboardButton = string | ({ text: string } & Record<string, unknown>);

/**
 * Validates a reply keyboard's rows as Telegram does: rows are arrays, and each button is its text
 * or a `KeyboardButton` object whose `text` is a string (a number is read as its text, as
 * Telegram's JSON reader does).
 *
 * @param rows - the `keyboard` value
 * @returns the rows, with numeric texts as strings
 * @throws ApiError 400 on malformed rows or buttons
 */
export function replyKeyboardRows(rows: unknown): ReplyKeyboardButton[][] {
  if (!Array.isArray(rows))
    throw badRequest('keyboard must be an Array of Array of KeyboardButton');
  if (rows.some((row) => !Array.isArray(row))) {
    throw badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
  }
  return (rows as unknown[][]).map((row) =>
    row.map((button): ReplyKeyboardButton => {
      if (typeof button === 'string') return button;
      if (typeof button !== 'object' || button === null || Array.isArray(button)) {
        throw badRequest(
          "can't parse keyboard button: KeyboardButton must be a String or an Object",
        );
      }
      const text = stringField(button as Record<string, unknown>, 'text', 'keyboard button');
      if (text === undefined)
        throw badRequest('can\'t parse keyboard button: Can\'t find field "text"');
      return { ...(button as Record<string, unknown>), text };
    }),
  );
}

/**
 * A string field of a keyboard button as Telegram's JSON reader takes it: a string, or a number
 * read as its text; `null`, booleans, objects and arrays are refused.
 */
function stringField(
  button: Record<string, unknown>,
  field: string,
  what: string,
): string | undefined {
  const value = button[field];
  if (value === undefined || typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw badRequest(`can't parse ${what}: Field "${field}" must be of type String`);
}

/** The fields of an `InlineKeyboardButton` that are strings (the others are objects or `pay`). */
const INLINE_STRING_FIELDS = [
  'text',
  'url',
  'callback_data',
  'switch_inline_query',
  'switch_inline_query_current_chat',
] as const;

/**
 * Validates an inline keyboard as Telegram does.
 *
 * @param rows - the `inline_keyboard` value
 * @returns the keyboard (numbers given for string fields such as `callback_data` become strings)
 * @throws ApiError 400 on malformed rows or buttons
 */
export function inlineKeyboard(rows: unknown): InlineKeyboardMarkup {
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
    throw badRequest(
      'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
    );
  }
  const keyboard = (rows as unknown[][]).map((row) =>
    row.map((raw): InlineKeyboardButton => {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw badRequest(
          "can't parse inline keyboard button: InlineKeyboardButton must be an Object",
        );
      }
      const button: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
      for (const field of INLINE_STRING_FIELDS) {
        const value = stringField(button, field, 'inline keyboard button');
        if (value !== undefined) button[field] = value;
      }
      if (typeof button.text !== 'string') {
        throw badRequest(
          'can\'t parse inline keyboard button: Field "text" must be of type String',
        );
      }
      const actions = ACTIONS.filter((a) => button[a] !== undefined);
      if (actions.length !== 1) {
        throw badRequest(
          "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        );
      }
      const { callback_data: data, url } = button as Partial<InlineKeyboardButton>;
      if (data !== undefined) {
        const size = Buffer.byteLength(data, 'utf8');
        if (size < 1 || size > 64) throw badRequest('BUTTON_DATA_INVALID');
      }
      if (url !== undefined && !/^(https?|tg):\/\/\S+$/.test(url)) {
        throw badRequest(`inline keyboard button URL '${url}' is invalid: Wrong HTTP URL`);
      }
      return button as unknown as InlineKeyboardButton;
    }),
  );
  return { inline_keyboard: keyboard };
}

const ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const;

/**
 * The chat a sending method targets, after Telegram's access checks.
 *
 * @param ctx - the call (its `chat_id`)
 * @returns the chat
 */
export function targetChat(ctx: MethodContext): ChatRecord {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  ctx.world.requireAccess(ctx.bot, chat);
  return chat;
}

/**
 * Posts a message from the calling bot with the common options (`reply_parameters`,
 * `reply_markup`, `protect_content`) applied; returns a copy to send back.
 *
 * @param ctx - the call
 * @param content - the message's content fields
 * @param chat - the target (default: {@link targetChat})
 * @returns the sent message
 */
export function sendFromBot(
  ctx: MethodContext,
  content: Partial<Message>,
  chat: ChatRecord = targetChat(ctx),
): Message {
  const replyTo = findReply(ctx, chat);
  const keyboard = replyMarkup(ctx);
  const p = new Params(ctx);
  const message = ctx.world.postMessage(
    chat,
    ctx.bot,
    {
      ...withMentions(ctx.world, content),
      ...(p.bool('protect_content') ? { has_protected_content: true } : {}),
      ...(keyboard === undefined ? {} : { reply_markup: keyboard }),
    },
    replyTo === undefined ? {} : { replyTo },
  );
  applyReplyMarkup(ctx, chat, message);
  return structuredClone(message);
}
