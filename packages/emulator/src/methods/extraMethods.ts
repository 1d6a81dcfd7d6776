import type { ChatAdministratorRights, ChatInviteLink, Message, Poll } from '@delegram/api';
import { randomBytes } from 'node:crypto';
import { badRequest } from '../ApiError.js';
import { fullRights } from '../world/ChatMemberRecord.js';
import { managedChat, targetUser } from './chatAdmin.js';
import { applyEdit, editTarget } from './editTarget.js';
import type { MethodContext, MethodImpl } from './MethodContext.js';
import { Params } from './params.js';

function messageIn(ctx: MethodContext): Message {
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  ctx.world.requireAccess(ctx.bot, chat, false);
  const message = chat.messages.get(new Params(ctx).reqInt('message_id'));
  if (message === undefined) throw badRequest('message not found');
  return message;
}

function inviteLink(ctx: MethodContext): ChatInviteLink {
  const p = new Params(ctx);
  const name = p.str('name');
  return {
    invite_link: `https://t.me/+${randomBytes(12).toString('base64url')}`,
    creator: ctx.bot.toUser(),
    creates_join_request: p.bool('creates_join_request'),
    is_primary: false,
    is_revoked: false,
    ...(name === undefined ? {} : { name }),
    ...(p.has('expire_date') ? { expire_date: p.reqInt('expire_date') } : {}),
    ...(p.has('member_limit') ? { member_limit: p.reqInt('member_limit') } : {}),
  };
}

const defaultRights = new WeakMap<object, Map<string, ChatAdministratorRights>>();

/**
 * Methods with simple but real behaviour beyond the core set: reactions, closing polls, invite
 * links, live locations, default admin rights, profile photos, star balance.
 */
export const extraMethods: Record<string, MethodImpl> = {
  setMessageReaction: (ctx) => {
    messageIn(ctx);
    return true;
  },
  stopPoll: (ctx) => {
    const message = messageIn(ctx);
    if (message.poll === undefined) throw badRequest('message with poll to stop not found');
    if (message.from?.id !== ctx.bot.id) throw badRequest("poll can't be stopped");
    if (message.poll.is_closed) throw badRequest('poll has already been closed');
    const poll: Poll = { ...message.poll, is_closed: true };
    const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
    ctx.world.editMessage(chat, message, { poll }, true);
    return structuredClone(poll);
  },
  exportChatInviteLink: (ctx) => {
    managedChat(ctx, 'can_invite_users', 'invite users');
    return inviteLink(ctx).invite_link;
  },
  createChatInviteLink: (ctx) => {
    managedChat(ctx, 'can_invite_users', 'invite users');
    return inviteLink(ctx);
  },
  setChatAdministratorCustomTitle: (ctx) => {
    const chat = managedChat(ctx, 'can_promote_members', 'change administrator title');
    const member = chat.member(targetUser(ctx).id);
    if (member?.status !== 'administrator') throw badRequest('user is not an administrator');
    const title = new Params(ctx).str('custom_title') ?? '';
    if (title.length > 16) throw badRequest('ADMIN_RANK_INVALID');
    member.customTitle = title === '' ? undefined : title;
    return true;
  },
  editMessageLiveLocation: (ctx) => {
    const target = editTarget(ctx);
    if (target.message.location?.live_period === undefined)
      throw badRequest("message can't be edited");
    const p = new Params(ctx);
    const location = {
      ...target.message.location,
      latitude: p.num('latitude') ?? 0,
      longitude: p.num('longitude') ?? 0,
    };
    return applyEdit(ctx, target, { location });
  },
  stopMessageLiveLocation: (ctx) => {
    const target = editTarget(ctx);
    const location = target.message.location;
    if (location?.live_period === undefined) throw badRequest("message can't be edited");
    const stopped = { ...location };
    delete stopped.live_period;
    return applyEdit(ctx, target, { location: stopped });
  },
  setMyDefaultAdministratorRights: (ctx) => {
    const p = new Params(ctx);
    const map = defaultRights.get(ctx.bot) ?? new Map<string, ChatAdministratorRights>();
    map.set(
      p.bool('for_channels') ? 'channel' : 'group',
      p.json<ChatAdministratorRights>('rights') ?? fullRights(false),
    );
    defaultRights.set(ctx.bot, map);
    return true;
  },
  getMyDefaultAdministratorRights: (ctx) => {
    const key = new Params(ctx).bool('for_channels') ? 'channel' : 'group';
    return defaultRights.get(ctx.bot)?.get(key) ?? fullRights(false);
  },
  getUserProfilePhotos: (ctx) => {
    targetUser(ctx);
    return { total_count: 0, photos: [] };
  },
  getMyStarBalance: () => ({ amount: 0 }),
};
