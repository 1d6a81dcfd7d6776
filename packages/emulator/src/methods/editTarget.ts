import type { Message } from '@delegram/api';
import { badRequest } from '../ApiError.js';
import type { ChatRecord } from '../world/ChatRecord.js';
import { withMentions } from './mentions.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/** The message an edit method targets, and whether it was addressed as an inline message. */
export interface EditTarget {
  /** The chat holding the message. */
  readonly chat: ChatRecord;
  /** The stored message. */
  readonly message: Message;
  /** True when the bot named it by `inline_message_id` (the method then returns True). */
  readonly inline: boolean;
}

/**
 * Finds the message an edit method names by `chat_id` + `message_id` or by `inline_message_id`,
 * and checks the bot may edit it (its own message; an inline message sent through it; a channel
 * post it may edit).
 *
 * @param ctx - the call
 * @returns the target
 * @throws ApiError 400 `message to edit not found`, `message can't be edited`, `MESSAGE_ID_INVALID`
 */
export function editTarget(ctx: MethodContext): EditTarget {
  const p = new Params(ctx);
  const inlineId = p.str('inline_message_id');
  if (inlineId !== undefined) {
    const ref = ctx.world.inlineMessages.get(inlineId);
    const chat = ref === undefined ? undefined : ctx.world.chatByKey(ref.chatKey);
    const message = ref === undefined ? undefined : chat?.messages.get(ref.messageId);
    if (ref?.botId !== ctx.bot.id || chat === undefined || message === undefined) {
      throw badRequest('MESSAGE_ID_INVALID');
    }
    return { chat, message, inline: true };
  }
  if (!p.has('chat_id')) throw badRequest('chat_id is empty');
  if (!p.has('message_id')) throw badRequest('message identifier is not specified');
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  ctx.world.requireAccess(ctx.bot, chat, false);
  const message = chat.messages.get(p.reqInt('message_id'));
  if (message === undefined) throw badRequest('message to edit not found');
  const own = message.from?.id === ctx.bot.id;
  const channelPost =
    chat.type === 'channel' && chat.member(ctx.bot.id)?.can('can_edit_messages') === true;
  if (!own && !channelPost) throw badRequest("message can't be edited");
  return { chat, message, inline: false };
}

/** Telegram's answer when an edit would change nothing. */
export const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

/**
 * Applies an edit unless it changes nothing (Telegram's "message is not modified" 400).
 *
 * @param ctx - the call
 * @param target - the message
 * @param rawPatch - the new values (`undefined` removes a field; `tg://user` links become mentions)
 * @returns the edited message (a copy), or `true` for inline messages
 */
export function applyEdit(
  ctx: MethodContext,
  target: EditTarget,
  rawPatch: Partial<Message>,
): Message | true {
  const patch = withMentions(ctx.world, rawPatch);
  const current = target.message as unknown as Record<string, unknown>;
  const changed = Object.entries(patch).some(([k, v]) => !sameJson(current[k], v));
  if (!changed) throw badRequest(NOT_MODIFIED);
  const edited = ctx.world.editMessage(target.chat, target.message, patch, true);
  return target.inline ? true : structuredClone(edited);
}

function sameJson(a: unknown, b: unknown): boolean {
  const empty = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
