import type { Message } from '@delegram/api';
import type { ChatRecord } from '../world/ChatRecord.js';
import { detectEntities } from '../world/formatting/detectEntities.js';
import type { ForceReplyRequest, KeyboardAudience } from '../world/ReplyKeyboards.js';
import type { World } from '../world/World.js';
import { replyKeyboardRows } from './compose.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/**
 * Applies a sent message's reply keyboard, keyboard removal or forced reply to the chat's
 * per-person keyboard state, and emits the world's `keyboard` event.
 *
 * Without `selective` the markup is for everyone in the chat. With it, Telegram targets the people
 * @mentioned in the message's text (by username or text_mention) and, if the message replies to a
 * message of this chat, that message's sender; nobody else's keyboard changes. A private chat has
 * one person, who is always the target. Channels have no reply keyboards.
 *
 * @param ctx - the call (its `reply_markup`, already validated by `replyMarkup`)
 * @param chat - the chat the message went to
 * @param message - the posted message
 */
export function applyReplyMarkup(ctx: MethodContext, chat: ChatRecord, message: Message): void {
  const markup = new Params(ctx).json<Record<string, unknown>>('reply_markup');
  if (markup === undefined || chat.type === 'channel' || 'inline_keyboard' in markup) return;
  const audience: KeyboardAudience =
    markup.selective === true && chat.type !== 'private'
      ? selectiveTargets(ctx.world, chat, message)
      : 'all';
  let forceReply: ForceReplyRequest | undefined;
  if ('keyboard' in markup) {
    chat.keyboards.show({ ...markup, keyboard: replyKeyboardRows(markup.keyboard) }, audience);
  } else if (markup.remove_keyboard === true) {
    chat.keyboards.show(undefined, audience);
  } else if (markup.force_reply === true) {
    const placeholder = markup.input_field_placeholder;
    forceReply = {
      messageId: message.message_id,
      botId: ctx.bot.id,
      ...(typeof placeholder === 'string' && placeholder !== '' ? { placeholder } : {}),
    };
    chat.keyboards.requestReply(forceReply, audience);
  } else {
    return;
  }
  if (audience !== 'all' && audience.length === 0) return;
  ctx.world.emit('keyboard', {
    chat: ctx.world.chatRef(chat),
    userIds: audience,
    ...(forceReply === undefined ? {} : { forceReply }),
  });
}

/**
 * The people a selective markup targets: @mentioned people (usernames and text mentions in the
 * text or caption) and the sender of the replied-to message of the same chat. Bots are never
 * targets.
 *
 * @param world - the world (who the usernames are)
 * @param chat - the chat
 * @param message - the bot's message
 * @returns the targeted people's ids, without repeats
 */
export function selectiveTargets(world: World, chat: ChatRecord, message: Message): number[] {
  const ids = new Set<number>();
  const text = message.text ?? message.caption ?? '';
  const entities = message.entities ?? message.caption_entities ?? [];
  // Telegram marks @usernames in any text; code spans keep theirs as plain text.
  const code = entities.filter((e) => e.type === 'code' || e.type === 'pre');
  const detected = detectEntities(text).filter(
    (d) => !code.some((c) => d.offset < c.offset + c.length && c.offset < d.offset + d.length),
  );
  for (const entity of [...entities, ...detected]) {
    if (entity.type === 'text_mention' && entity.user?.is_bot === false) ids.add(entity.user.id);
    if (entity.type !== 'mention') continue;
    const name = text.slice(entity.offset + 1, entity.offset + entity.length).toLowerCase();
    const person = world.users().find((u) => u.username?.toLowerCase() === name);
    if (person !== undefined) ids.add(person.id);
  }
  const replied = message.reply_to_message;
  if (replied?.from?.is_bot === false && replied.chat.id === chat.id) ids.add(replied.from.id);
  return [...ids];
}
