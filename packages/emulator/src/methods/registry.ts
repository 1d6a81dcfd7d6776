import { METHOD_SPECS } from '@delegram/api';
import * as answers from './answers.js';
import * as chats from './chats.js';
import { DescribedResult } from './DescribedResult.js';
import * as editing from './editing.js';
import { extraMethods } from './extraMethods.js';
import { moreMethods } from './moreMethods.js';
import { getFile } from './files.js';
import * as forwarding from './forwarding.js';
import * as games from './games.js';
import { mediaSender, sendMediaGroup } from './media.js';
import type { MethodContext, MethodImpl } from './MethodContext.js';
import * as moderation from './moderation.js';
import * as payments from './payments.js';
import * as profile from './profile.js';
import * as sending from './sending.js';
import { UPDATE_METHODS } from './updates.js';

const IMPLEMENTED: Record<string, MethodImpl> = {
  getMe: profile.getMe,
  sendMessage: sending.sendMessage,
  forwardMessage: forwarding.forwardMessage,
  forwardMessages: forwarding.forwardMessages,
  copyMessage: forwarding.copyMessage,
  copyMessages: forwarding.copyMessages,
  sendPhoto: mediaSender('photo', 'photo'),
  sendAudio: mediaSender('audio', 'audio'),
  sendDocument: mediaSender('document', 'document'),
  sendVideo: mediaSender('video', 'video'),
  sendAnimation: mediaSender('animation', 'animation'),
  sendVoice: mediaSender('voice', 'voice'),
  sendVideoNote: mediaSender('video_note', 'video_note', false),
  sendSticker: mediaSender('sticker', 'sticker', false),
  sendMediaGroup,
  sendLocation: sending.sendLocation,
  sendVenue: sending.sendVenue,
  sendContact: sending.sendContact,
  sendPoll: sending.sendPoll,
  sendDice: sending.sendDice,
  sendChatAction: sending.sendChatAction,
  editMessageText: editing.editMessageText,
  editMessageCaption: editing.editMessageCaption,
  editMessageMedia: editing.editMessageMedia,
  editMessageReplyMarkup: editing.editMessageReplyMarkup,
  deleteMessage: editing.deleteMessage,
  deleteMessages: editing.deleteMessages,
  answerCallbackQuery: answers.answerCallbackQuery,
  answerInlineQuery: answers.answerInlineQuery,
  answerShippingQuery: answers.answerShippingQuery,
  answerPreCheckoutQuery: answers.answerPreCheckoutQuery,
  getFile,
  getChat: chats.getChat,
  getChatMember: chats.getChatMember,
  getChatAdministrators: chats.getChatAdministrators,
  getChatMemberCount: chats.getChatMemberCount,
  leaveChat: chats.leaveChat,
  setChatTitle: chats.setChatTitle,
  setChatDescription: chats.setChatDescription,
  pinChatMessage: chats.pinChatMessage,
  unpinChatMessage: chats.unpinChatMessage,
  unpinAllChatMessages: chats.unpinAllChatMessages,
  banChatMember: moderation.banChatMember,
  unbanChatMember: moderation.unbanChatMember,
  restrictChatMember: moderation.restrictChatMember,
  promoteChatMember: moderation.promoteChatMember,
  setChatPermissions: moderation.setChatPermissions,
  setMyCommands: profile.setMyCommands,
  getMyCommands: profile.getMyCommands,
  deleteMyCommands: profile.deleteMyCommands,
  setChatMenuButton: profile.setChatMenuButton,
  getChatMenuButton: profile.getChatMenuButton,
  setMyName: profile.profileSetter('name'),
  getMyName: profile.profileGetter('name'),
  setMyDescription: profile.profileSetter('description'),
  getMyDescription: profile.profileGetter('description'),
  setMyShortDescription: profile.profileSetter('shortDescription'),
  getMyShortDescription: profile.profileGetter('shortDescription'),
  sendInvoice: payments.sendInvoice,
  sendGame: games.sendGame,
  setGameScore: games.setGameScore,
  getGameHighScores: games.getGameHighScores,
  ...extraMethods,
  ...moreMethods,
};

/**
 * Every Bot API method the emulator implements, keyed by lower-case name (the server lowercases
 * the method in the URL before looking it up). Includes the server's update methods
 * (`getUpdates`, the webhook trio, `logOut`, `close`).
 */
export const METHODS: Readonly<Record<string, MethodImpl>> = {
  ...Object.fromEntries(
    Object.entries(IMPLEMENTED).map(([name, impl]) => [name.toLowerCase(), withBotFileIds(impl)]),
  ),
  ...UPDATE_METHODS,
};

/**
 * Wraps a method so its result shows the calling bot's own `file_id`s (a `file_id` is per bot in
 * Telegram; the world stores canonical ids). Update payloads get the same treatment when queued.
 */
function withBotFileIds(impl: MethodImpl): MethodImpl {
  return async (ctx: MethodContext) => {
    const value: unknown = await impl(ctx);
    const files = ctx.world.files;
    if (value instanceof DescribedResult) {
      return new DescribedResult(files.toBotView(value.result, ctx.bot.id), value.description);
    }
    return files.toBotView(value, ctx.bot.id);
  };
}

/**
 * The Bot API methods of the spec the emulator does not implement, in spec order. The server
 * validates their parameters and then answers 400 `Bad Request: method <name> is not supported by
 * the emulator`.
 */
export const UNSUPPORTED_METHODS: readonly string[] = Object.keys(METHOD_SPECS).filter(
  (name) => METHODS[name.toLowerCase()] === undefined,
);
