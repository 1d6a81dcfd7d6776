import type { ChatFullInfo, ChatMember } from '@delegram/api';
import { badRequest } from '../ApiError.js';
import { managedChat, targetUser } from './chatAdmin.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/** `getChat`: the chat's full info (private chats, groups the bot is in, public chats). */
export function getChat(ctx: MethodContext): ChatFullInfo {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  if (chat.type !== 'private' && !chat.hasMember(ctx.bot.id) && chat.username === undefined) {
    throw badRequest('chat not found');
  }
  return structuredClone(chat.toFullInfo());
}

/** `getChatMember`: one account's membership (status `left` if never a member). */
export function getChatMember(ctx: MethodContext): ChatMember {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  ctx.world.requireAccess(ctx.bot, chat, false);
  const account = targetUser(ctx);
  if (chat.type === 'private') {
    if (chat.hasMember(account.id)) return { status: 'member', user: account.toUser() };
    throw badRequest('user not found');
  }
  return chat.member(account.id)?.toChatMember() ?? { status: 'left', user: account.toUser() };
}

/** `getChatAdministrators`: the creator and admins (bots included). */
export function getChatAdministrators(ctx: MethodContext): ChatMember[] {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  ctx.world.requireAccess(ctx.bot, chat, false);
  if (chat.type === 'private') throw badRequest('there are no administrators in the private chat');
  return chat
    .presentMembers()
    .filter((m) => m.isAdmin)
    .map((m) => m.toChatMember());
}

/** `getChatMemberCount`: how many accounts are in the chat now. */
export function getChatMemberCount(ctx: MethodContext): number {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  ctx.world.requireAccess(ctx.bot, chat, false);
  return chat.type === 'private' ? 2 : chat.presentMembers().length;
}

/** `leaveChat`: the bot leaves a group or channel. */
export function leaveChat(ctx: MethodContext): true {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  if (chat.type === 'private')
    throw badRequest("chat member status can't be changed in private chats");
  ctx.world.requireAccess(ctx.bot, chat, false);
  ctx.world.removeMember(chat, ctx.bot, { by: ctx.bot });
  return true;
}

/** `setChatTitle`: renames a group or channel (1-128 characters), posting the service message. */
export function setChatTitle(ctx: MethodContext): true {
  const chat = managedChat(ctx, 'can_change_info', 'change chat title');
  const title = new Params(ctx).reqStr('title');
  if (title.trim() === '') throw badRequest('chat title is empty');
  if (title.length > 128) throw badRequest('chat title is too long');
  if (title === chat.title) throw badRequest('chat title is not modified');
  chat.title = title;
  ctx.world.postMessage(chat, ctx.bot, {
    new_chat_title: title,
  });
  ctx.world.emit('chat', { chat: ctx.world.chatRef(chat) });
  return true;
}

/** `setChatDescription`: a group's or channel's description (0-255 characters). */
export function setChatDescription(ctx: MethodContext): true {
  const chat = managedChat(ctx, 'can_change_info', 'change chat description');
  const description = new Params(ctx).str('description') ?? '';
  if (description.length > 255) throw badRequest('chat description is too long');
  if (description === (chat.description ?? ''))
    throw badRequest('chat description is not modified');
  chat.description = description === '' ? undefined : description;
  ctx.world.emit('chat', { chat: ctx.world.chatRef(chat) });
  return true;
}

function pinTarget(ctx: MethodContext): ReturnType<MethodContext['world']['resolveChat']> {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  ctx.world.requireAccess(ctx.bot, chat, false);
  if (chat.type === 'private') return chat;
  const right = chat.type === 'channel' ? 'can_edit_messages' : 'can_pin_messages';
  const member = chat.member(ctx.bot.id);
  const allowed =
    member?.can(right) === true ||
    (chat.type !== 'channel' &&
      member?.isAdmin !== true &&
      chat.permissions.can_pin_messages === true);
  if (!allowed) throw badRequest('not enough rights to manage pinned messages in the chat');
  return chat;
}

/** `pinChatMessage`: pins a message and posts the "pinned" service message. */
export function pinChatMessage(ctx: MethodContext): true {
  const chat = pinTarget(ctx);
  const id = new Params(ctx).reqInt('message_id');
  const message = chat.messages.get(id);
  if (message === undefined) throw badRequest('message to pin not found');
  const at = chat.pinned.indexOf(id);
  if (at >= 0) chat.pinned.splice(at, 1);
  chat.pinned.push(id);
  const service = structuredClone(message);
  delete service.reply_to_message;
  ctx.world.postMessage(chat, ctx.bot, {
    pinned_message: service,
  });
  return true;
}

/** `unpinChatMessage`: unpins the given message, or the most recent pin. */
export function unpinChatMessage(ctx: MethodContext): true {
  const chat = pinTarget(ctx);
  const id = new Params(ctx).int('message_id') ?? chat.pinned.at(-1);
  const at = id === undefined ? -1 : chat.pinned.indexOf(id);
  if (at < 0) throw badRequest('message to unpin not found');
  chat.pinned.splice(at, 1);
  ctx.world.emit('chat', { chat: ctx.world.chatRef(chat) });
  return true;
}

/** `unpinAllChatMessages`: clears every pin. */
export function unpinAllChatMessages(ctx: MethodContext): true {
  const chat = pinTarget(ctx);
  chat.pinned.length = 0;
  ctx.world.emit('chat', { chat: ctx.world.chatRef(chat) });
  return true;
}
