import type { GameHighScore, Message } from '@delegram/api';
import { badRequest } from '../ApiError.js';
import { findReply, replyMarkup, targetChat } from './compose.js';
import type { EditTarget } from './editTarget.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/** `sendGame`: a game message with a "Play" button (unless the bot gives its own keyboard). */
export function sendGame(ctx: MethodContext): Message {
  const chat = targetChat(ctx);
  if (chat.type === 'channel') throw badRequest("games can't be sent to channel chats");
  const name = new Params(ctx).reqStr('game_short_name');
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw badRequest('wrong game short name specified');
  const keyboard = replyMarkup(ctx) ?? {
    inline_keyboard: [[{ text: `Play ${name}`, callback_game: {} }]],
  };
  const first = keyboard.inline_keyboard[0]?.[0];
  if (first?.callback_game === undefined)
    throw badRequest('the first button must be a callback_game button');
  const replyTo = findReply(ctx, chat);
  const message = ctx.world.postMessage(
    chat,
    ctx.bot,
    { game: { title: name, description: name, photo: [] }, reply_markup: keyboard },
    replyTo === undefined ? {} : { replyTo },
  );
  return structuredClone(message);
}

function gameTarget(ctx: MethodContext): EditTarget & { key: string } {
  const p = new Params(ctx);
  const inlineId = p.str('inline_message_id');
  if (inlineId !== undefined) {
    const ref = ctx.world.inlineMessages.get(inlineId);
    const chat = ref === undefined ? undefined : ctx.world.chatByKey(ref.chatKey);
    const message = ref === undefined ? undefined : chat?.messages.get(ref.messageId);
    if (ref?.botId !== ctx.bot.id || chat === undefined || message?.game === undefined) {
      throw badRequest('MESSAGE_ID_INVALID');
    }
    return { chat, message, inline: true, key: inlineId };
  }
  const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
  const message = chat.messages.get(p.reqInt('message_id'));
  if (message === undefined) throw badRequest('message to edit not found');
  if (message.game === undefined || message.from?.id !== ctx.bot.id)
    throw badRequest('message is not a game');
  return { chat, message, inline: false, key: `${chat.key}/${message.message_id}` };
}

/** `setGameScore`: records a player's score (a lower one needs `force`). */
export function setGameScore(ctx: MethodContext): Message | true {
  const p = new Params(ctx);
  const target = gameTarget(ctx);
  const userId = p.reqInt('user_id');
  if (ctx.world.user(userId) === undefined) throw badRequest('user not found');
  const score = p.reqInt('score');
  if (score < 0) throw badRequest('score must be non-negative');
  const scores = ctx.world.gameScores.get(target.key) ?? new Map<number, number>();
  const current = scores.get(userId);
  if (current !== undefined && score <= current && !p.bool('force'))
    throw badRequest('BOT_SCORE_NOT_MODIFIED');
  scores.set(userId, score);
  ctx.world.gameScores.set(target.key, scores);
  if (!p.bool('disable_edit_message')) {
    ctx.world.editMessage(target.chat, target.message, { edit_date: ctx.world.unixTime() }, true);
  }
  return target.inline ? true : structuredClone(target.message);
}

/** `getGameHighScores`: the game's score table, best first. */
export function getGameHighScores(ctx: MethodContext): GameHighScore[] {
  const target = gameTarget(ctx);
  const userId = new Params(ctx).reqInt('user_id');
  if (ctx.world.user(userId) === undefined) throw badRequest('user not found');
  const scores = [...(ctx.world.gameScores.get(target.key) ?? new Map<number, number>())];
  scores.sort((a, b) => b[1] - a[1]);
  return scores.flatMap(([id, score], i) => {
    const user = ctx.world.user(id);
    return user === undefined ? [] : [{ position: i + 1, user: user.toUser(), score }];
  });
}
