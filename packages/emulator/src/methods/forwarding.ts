import type { Message, MessageId, MessageOrigin } from '@delegram/api';
import { badRequest } from '../ApiError.js';
import type { ChatRecord } from '../world/ChatRecord.js';
import { captionFields, sendFromBot, targetChat } from './compose.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/** Fields that belong to a message's envelope, not its content (never copied or forwarded). */
const ENVELOPE = new Set([
  'message_id',
  'from',
  'sender_chat',
  'date',
  'chat',
  'reply_to_message',
  'edit_date',
  'forward_origin',
  'reply_markup',
  'has_protected_content',
  'author_signature',
  'media_group_id',
]);

const SERVICE = [
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'pinned_message',
  'group_chat_created',
  'supergroup_chat_created',
  'channel_chat_created',
  'successful_payment',
  'invoice',
];

function content(message: Message): Partial<Message> {
  return Object.fromEntries(
    Object.entries(structuredClone(message)).filter(([k]) => !ENVELOPE.has(k)),
  );
}

function source(ctx: MethodContext): ChatRecord {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.from_chat_id);
  ctx.world.requireAccess(ctx.bot, chat, false);
  return chat;
}

function originOf(message: Message, from: ChatRecord): MessageOrigin {
  if (message.forward_origin !== undefined) return message.forward_origin;
  if (from.type === 'channel') {
    return {
      type: 'channel',
      date: message.date,
      chat: from.toChat(),
      message_id: message.message_id,
    };
  }
  if (message.from !== undefined)
    return { type: 'user', date: message.date, sender_user: message.from };
  return { type: 'chat', date: message.date, sender_chat: from.toChat() };
}

function requireCopyable(message: Message, verb: 'forwarded' | 'copied'): void {
  if (message.has_protected_content === true) throw badRequest(`message can't be ${verb}`);
  const record = message as unknown as Record<string, unknown>;
  if (SERVICE.some((k) => record[k] !== undefined)) throw badRequest(`message can't be ${verb}`);
}

/** `forwardMessage`: re-sends a message with `forward_origin` naming its author. */
export function forwardMessage(ctx: MethodContext): Message {
  const from = source(ctx);
  const id = new Params(ctx).reqInt('message_id');
  const original = from.messages.get(id);
  if (original === undefined) throw badRequest('message to forward not found');
  requireCopyable(original, 'forwarded');
  const chat = targetChat(ctx);
  return sendFromBot(ctx, { ...content(original), forward_origin: originOf(original, from) }, chat);
}

/** `forwardMessages`: forwards several messages (missing ones are skipped); returns their new ids. */
export function forwardMessages(ctx: MethodContext): MessageId[] {
  const from = source(ctx);
  const chat = targetChat(ctx);
  return messageIds(ctx).flatMap((id) => {
    const original = from.messages.get(id);
    if (original === undefined) return [];
    requireCopyable(original, 'forwarded');
    const sent = ctx.world.postMessage(chat, ctx.bot, {
      ...content(original),
      forward_origin: originOf(original, from),
    });
    return [{ message_id: sent.message_id }];
  });
}

/** `copyMessage`: re-sends a message's content without a link to the original; returns its id. */
export function copyMessage(ctx: MethodContext): MessageId {
  const from = source(ctx);
  const p = new Params(ctx);
  const original = from.messages.get(p.reqInt('message_id'));
  if (original === undefined) throw badRequest('message to copy not found');
  requireCopyable(original, 'copied');
  const chat = targetChat(ctx);
  const body = content(original);
  if (p.has('caption') && (body.caption !== undefined || isMedia(body))) {
    delete body.caption;
    delete body.caption_entities;
    Object.assign(body, captionFields(p));
  }
  const sent = sendFromBot(ctx, body, chat);
  return { message_id: sent.message_id };
}

/** `copyMessages`: copies several messages (missing ones are skipped); returns their new ids. */
export function copyMessages(ctx: MethodContext): MessageId[] {
  const from = source(ctx);
  const chat = targetChat(ctx);
  const dropCaption = new Params(ctx).bool('remove_caption');
  return messageIds(ctx).flatMap((id) => {
    const original = from.messages.get(id);
    if (original === undefined) return [];
    requireCopyable(original, 'copied');
    const body = content(original);
    if (dropCaption) {
      delete body.caption;
      delete body.caption_entities;
    }
    const sent = ctx.world.postMessage(chat, ctx.bot, body);
    return [{ message_id: sent.message_id }];
  });
}

function messageIds(ctx: MethodContext): number[] {
  const ids = new Params(ctx).array<number>('message_ids').map(Number);
  if (ids.length < 1 || ids.length > 100)
    throw badRequest('message_ids must contain 1-100 identifiers');
  if (ids.some((id) => !Number.isSafeInteger(id))) throw badRequest('message_ids must be integers');
  return [...new Set(ids)].sort((a, b) => a - b);
}

function isMedia(body: Partial<Message>): boolean {
  return ['photo', 'video', 'audio', 'document', 'animation', 'voice'].some(
    (k) => (body as Record<string, unknown>)[k] !== undefined,
  );
}
