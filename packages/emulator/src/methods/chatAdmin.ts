import type { ChatAdministratorRights } from '@delegram/api';
import { badRequest } from '../ApiError.js';
import type { ChatRecord } from '../world/ChatRecord.js';
import type { Account } from '../world/ChatMemberRecord.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/**
 * The group or channel a chat-management method targets, with the bot's right checked.
 *
 * @param ctx - the call
 * @param right - the admin right the action needs
 * @param what - the action, for the "not enough rights" message
 * @returns the chat
 * @throws ApiError 400 for private chats or missing rights
 */
export function managedChat(
  ctx: MethodContext,
  right: keyof ChatAdministratorRights,
  what: string,
): ChatRecord {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  ctx.world.requireAccess(ctx.bot, chat, false);
  if (chat.type === 'private')
    throw badRequest("chat member status can't be changed in private chats");
  if (chat.member(ctx.bot.id)?.can(right) !== true)
    throw badRequest(`not enough rights to ${what}`);
  return chat;
}

/**
 * The account named by `user_id`.
 *
 * @param ctx - the call
 * @returns the person or bot
 * @throws ApiError 400 `user not found`
 */
export function targetUser(ctx: MethodContext): Account {
  const account = ctx.world.account(new Params(ctx).reqInt('user_id'));
  if (account === undefined) throw badRequest('user not found');
  return account;
}
