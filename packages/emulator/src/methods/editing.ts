import type { InputMedia, Message } from '@delegram/api';
import { badRequest } from '../ApiError.js';
import { captionFields, inlineKeyboard, textFields } from './compose.js';
import { applyEdit, editTarget } from './editTarget.js';
import { inputMediaContent } from './media.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

const MEDIA_FIELDS = ['photo', 'video', 'audio', 'document', 'animation', 'voice'] as const;

function keyboardPatch(ctx: MethodContext): Pick<Message, 'reply_markup'> {
  const markup = new Params(ctx).json<{ inline_keyboard?: unknown }>('reply_markup');
  // Telegram removes the inline keyboard when an edit does not repeat it.
  return {
    reply_markup:
      markup?.inline_keyboard === undefined ? undefined : inlineKeyboard(markup.inline_keyboard),
  };
}

/** `editMessageText`: new text (and keyboard) for a text message. */
export function editMessageText(ctx: MethodContext): Message | true {
  const target = editTarget(ctx);
  if (target.message.text === undefined)
    throw badRequest('there is no text in the message to edit');
  const { text, entities } = textFields(ctx);
  return applyEdit(ctx, target, { text, entities, ...keyboardPatch(ctx) });
}

/** `editMessageCaption`: new caption (and keyboard) for a media message. */
export function editMessageCaption(ctx: MethodContext): Message | true {
  const target = editTarget(ctx);
  const record = target.message as unknown as Record<string, unknown>;
  if (!MEDIA_FIELDS.some((k) => record[k] !== undefined)) {
    throw badRequest('there is no caption in the message to edit');
  }
  const caption = captionFields(new Params(ctx));
  return applyEdit(ctx, target, {
    caption: caption.caption,
    caption_entities: caption.caption_entities,
    ...keyboardPatch(ctx),
  });
}

/** `editMessageMedia`: replaces a media message's file (and caption, keyboard). */
export function editMessageMedia(ctx: MethodContext): Message | true {
  const target = editTarget(ctx);
  const record = target.message as unknown as Record<string, unknown>;
  if (!MEDIA_FIELDS.some((k) => record[k] !== undefined))
    throw badRequest("message can't be edited");
  const media = new Params(ctx).json<InputMedia>('media');
  if (media === undefined || typeof media !== 'object') throw badRequest('media is empty');
  const { content } = inputMediaContent(ctx, media);
  const cleared = Object.fromEntries(MEDIA_FIELDS.map((k) => [k, undefined]));
  return applyEdit(ctx, target, {
    ...cleared,
    caption: undefined,
    caption_entities: undefined,
    ...content,
    ...keyboardPatch(ctx),
  });
}

/** `editMessageReplyMarkup`: replaces (or removes) a message's inline keyboard. */
export function editMessageReplyMarkup(ctx: MethodContext): Message | true {
  return applyEdit(ctx, editTarget(ctx), keyboardPatch(ctx));
}

/**
 * `deleteMessage`: deletes one message the bot may delete; one older than 48 hours (emulated
 * time), a creation service message or a too-young private dice gets `message can't be deleted`.
 */
export function deleteMessage(ctx: MethodContext): true {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  ctx.world.requireAccess(ctx.bot, chat, false);
  const id = new Params(ctx).reqInt('message_id');
  const message = chat.messages.get(id);
  if (message === undefined) throw badRequest('message to delete not found');
  if (
    !mayDelete(
      ctx,
      chat.type,
      chat.member(ctx.bot.id)?.can('can_delete_messages') === true,
      message,
    )
  ) {
    throw badRequest("message can't be deleted");
  }
  ctx.world.deleteMessages(chat, [id]);
  return true;
}

/**
 * `deleteMessages`: deletes 1-100 messages; ones missing or not deletable (the limits of
 * `deleteMessage`, such as 48 hours) are skipped silently.
 */
export function deleteMessages(ctx: MethodContext): true {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  ctx.world.requireAccess(ctx.bot, chat, false);
  const ids = new Params(ctx).array<number>('message_ids').map(Number);
  if (ids.length < 1 || ids.length > 100)
    throw badRequest('message_ids must contain 1-100 identifiers');
  const canDelete = chat.member(ctx.bot.id)?.can('can_delete_messages') === true;
  const deletable = ids.filter((id) => {
    const message = chat.messages.get(id);
    return message !== undefined && mayDelete(ctx, chat.type, canDelete, message);
  });
  ctx.world.deleteMessages(chat, deletable);
  return true;
}

/** Messages older than this (48 h) can't be deleted by bots. */
const DELETE_WINDOW_S = 48 * 3600;
/** A dice in a private chat can only be deleted once it is older than this (24 h). */
const PRIVATE_DICE_HOLD_S = 24 * 3600;

/**
 * The limits of the `deleteMessage` documentation: sent less than 48 hours ago; not the service
 * message of a supergroup, channel or forum topic creation; a dice in a private chat only after
 * 24 hours; then the rights of the bot in the chat.
 */
function mayDelete(
  ctx: MethodContext,
  type: string,
  canDelete: boolean,
  message: Message,
): boolean {
  const age = ctx.world.unixTime() - message.date;
  if (age >= DELETE_WINDOW_S) return false;
  if (
    message.supergroup_chat_created === true ||
    message.channel_chat_created === true ||
    message.forum_topic_created !== undefined
  ) {
    return false;
  }
  if (type === 'private') return message.dice === undefined || age > PRIVATE_DICE_HOLD_S;
  if (message.from?.id === ctx.bot.id) return true;
  return canDelete;
}
