import type { ChatAdministratorRights, ChatPermissions } from '@delegram/api';
import { badRequest } from '../ApiError.js';
import { fullRights } from '../world/ChatMemberRecord.js';
import { managedChat, targetUser } from './chatAdmin.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/** `banChatMember`: removes a member and keeps them out (until `until_date`, 0 = forever). */
export function banChatMember(ctx: MethodContext): true {
  const chat = managedChat(ctx, 'can_restrict_members', 'restrict/unrestrict chat member');
  const account = targetUser(ctx);
  if (account.id === ctx.bot.id) throw badRequest("can't remove chat owner");
  if (chat.member(account.id)?.status === 'creator') throw badRequest("can't remove chat owner");
  const p = new Params(ctx);
  ctx.world.removeMember(chat, account, {
    by: ctx.bot,
    ban: true,
    untilDate: p.int('until_date') ?? 0,
  });
  if (p.bool('revoke_messages')) {
    const ids = [...chat.messages.values()]
      .filter((m) => m.from?.id === account.id)
      .map((m) => m.message_id);
    ctx.world.deleteMessages(chat, ids);
  }
  return true;
}

/** `unbanChatMember`: lifts a ban; on a current member (without `only_if_banned`) it removes them. */
export function unbanChatMember(ctx: MethodContext): true {
  const chat = managedChat(ctx, 'can_restrict_members', 'restrict/unrestrict chat member');
  const account = targetUser(ctx);
  const member = chat.member(account.id);
  if (member?.status === 'creator') throw badRequest("can't remove chat owner");
  if (member?.status === 'kicked') {
    const old = member.toChatMember();
    member.status = 'left';
    member.untilDate = 0;
    ctx.world.announceMember(chat, old, member.toChatMember(), ctx.bot);
  } else if (member?.isPresent === true && !new Params(ctx).bool('only_if_banned')) {
    ctx.world.removeMember(chat, account, { by: ctx.bot });
  }
  return true;
}

/** `restrictChatMember`: sets a supergroup member's permissions (all true lifts the restriction). */
export function restrictChatMember(ctx: MethodContext): true {
  const chat = managedChat(ctx, 'can_restrict_members', 'restrict/unrestrict chat member');
  if (chat.type !== 'supergroup') throw badRequest('method is available only for supergroups');
  const account = targetUser(ctx);
  if (account.id === ctx.bot.id) throw badRequest("can't restrict self");
  const member = chat.member(account.id);
  if (member?.isAdmin === true) throw badRequest('user is an administrator of the chat');
  const p = new Params(ctx);
  const permissions = p.json<ChatPermissions>('permissions') ?? {};
  const old = member?.toChatMember() ?? { status: 'left' as const, user: account.toUser() };
  const allowed =
    Object.values(permissions).every((v) => v === true) && Object.keys(permissions).length >= 10;
  const wasPresent = member?.isPresent === true;
  const record = chat.setStatus(account, allowed ? (wasPresent ? 'member' : 'left') : 'restricted');
  if (!allowed) {
    record.restrictions = { ...permissions };
    record.untilDate = p.int('until_date') ?? 0;
  }
  ctx.world.announceMember(chat, old, record.toChatMember(), ctx.bot);
  return true;
}

const RIGHTS = Object.keys(fullRights(false)).filter(
  (k) => k !== 'is_anonymous',
) as (keyof ChatAdministratorRights)[];

/** `promoteChatMember`: grants admin rights (all false demotes to member). */
export function promoteChatMember(ctx: MethodContext): true {
  const chat = managedChat(ctx, 'can_promote_members', 'promote chat member');
  const account = targetUser(ctx);
  const member = chat.member(account.id);
  if (member?.isPresent !== true) throw badRequest('user not found');
  if (member.status === 'creator') throw badRequest("can't change chat owner's rights");
  const p = new Params(ctx);
  const rights = { ...fullRights(false), is_anonymous: p.bool('is_anonymous') };
  for (const right of RIGHTS) rights[right] = p.bool(right);
  const old = member.toChatMember();
  if (RIGHTS.some((r) => rights[r])) {
    chat.setStatus(account, 'administrator').rights = rights;
  } else {
    chat.setStatus(account, 'member');
  }
  ctx.world.announceMember(chat, old, member.toChatMember(), ctx.bot);
  return true;
}

/** `setChatPermissions`: default permissions of a group's members. */
export function setChatPermissions(ctx: MethodContext): true {
  const chat = managedChat(ctx, 'can_restrict_members', 'change chat permissions');
  if (chat.type === 'channel')
    throw badRequest('method is available for group and supergroup chats only');
  const permissions = new Params(ctx).json<ChatPermissions>('permissions');
  if (permissions === undefined) throw badRequest('permissions is empty');
  if (
    JSON.stringify({ ...chat.permissions, ...permissions }) === JSON.stringify(chat.permissions)
  ) {
    throw badRequest('CHAT_NOT_MODIFIED');
  }
  chat.permissions = { ...chat.permissions, ...permissions };
  ctx.world.emit('chat', { chat: ctx.world.chatRef(chat) });
  return true;
}
