import type { ChatInviteLink, File } from '@delegram/api';
import { randomBytes } from 'node:crypto';
import { badRequest } from '../ApiError.js';
import { managedChat, targetUser } from './chatAdmin.js';
import { resolveInputFile, photoSizes } from './inputFiles.js';
import type { MethodContext, MethodImpl } from './MethodContext.js';
import { Params } from './params.js';

function editedLink(ctx: MethodContext, revoked: boolean): ChatInviteLink {
  managedChat(ctx, 'can_invite_users', 'invite users');
  const p = new Params(ctx);
  const link = p.reqStr('invite_link');
  if (!/^https:\/\/t\.me\/\+[\w-]+$/.test(link)) throw badRequest('INVITE_HASH_EXPIRED');
  const name = p.str('name');
  return {
    invite_link: link,
    creator: ctx.bot.toUser(),
    creates_join_request: p.bool('creates_join_request'),
    is_primary: false,
    is_revoked: revoked,
    ...(name === undefined ? {} : { name }),
    ...(p.has('expire_date') ? { expire_date: p.reqInt('expire_date') } : {}),
    ...(p.has('member_limit') ? { member_limit: p.reqInt('member_limit') } : {}),
  };
}

function joinRequest(ctx: MethodContext): true {
  managedChat(ctx, 'can_invite_users', 'invite users');
  targetUser(ctx);
  // The emulator has no pending join requests; Telegram answers this for a user without one.
  throw badRequest('HIDE_REQUESTER_MISSING');
}

/**
 * More methods with plausible behaviour: invite-link edits, join requests (none are ever
 * pending), chat photos, invoice links, sender-chat bans, empty boosts / gifts / star
 * transactions, sticker lookups (no sticker sets exist) and sticker file uploads.
 */
export const moreMethods: Record<string, MethodImpl> = {
  revokeChatInviteLink: (ctx) => editedLink(ctx, true),
  editChatInviteLink: (ctx) => editedLink(ctx, false),
  approveChatJoinRequest: joinRequest,
  declineChatJoinRequest: joinRequest,
  setChatPhoto: (ctx) => {
    const chat = managedChat(ctx, 'can_change_info', 'change chat photo');
    const file = resolveInputFile(ctx, undefined, 'photo', 'photo');
    ctx.world.postMessage(chat, ctx.bot, {
      new_chat_photo: photoSizes(file),
    });
    return true;
  },
  deleteChatPhoto: (ctx) => {
    const chat = managedChat(ctx, 'can_change_info', 'change chat photo');
    ctx.world.postMessage(chat, ctx.bot, {
      delete_chat_photo: true,
    });
    return true;
  },
  createInvoiceLink: (ctx) => {
    const p = new Params(ctx);
    if (!/^[A-Z]{3}$/.test(p.reqStr('currency'))) throw badRequest('CURRENCY_INVALID');
    if (p.array<unknown>('prices').length === 0) throw badRequest('invoice prices are empty');
    return `https://t.me/$${randomBytes(12).toString('base64url')}`;
  },
  banChatSenderChat: (ctx) => {
    managedChat(ctx, 'can_restrict_members', 'restrict/unrestrict chat member');
    ctx.world.resolveChat(ctx.bot, ctx.params.sender_chat_id);
    return true;
  },
  unbanChatSenderChat: (ctx) => {
    managedChat(ctx, 'can_restrict_members', 'restrict/unrestrict chat member');
    ctx.world.resolveChat(ctx.bot, ctx.params.sender_chat_id);
    return true;
  },
  getUserChatBoosts: (ctx) => {
    ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
    targetUser(ctx);
    return { boosts: [] };
  },
  getAvailableGifts: () => ({ gifts: [] }),
  getStarTransactions: () => ({ transactions: [] }),
  getForumTopicIconStickers: () => [],
  getCustomEmojiStickers: () => [],
  getStickerSet: () => {
    throw badRequest('STICKERSET_INVALID');
  },
  uploadStickerFile: (ctx): File => {
    targetUser(ctx);
    const file = resolveInputFile(ctx, undefined, 'sticker', 'sticker');
    return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size };
  },
};
