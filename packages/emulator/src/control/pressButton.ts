import type { InlineKeyboardButton, Message } from '@delegram/api';
import { createHash } from 'node:crypto';
import type { BotAccount } from '../world/BotAccount.js';
import type { ChatRecord } from '../world/ChatRecord.js';
import { EmulatorError } from '../world/EmulatorError.js';
import type { UserAccount } from '../world/UserAccount.js';
import type { World } from '../world/World.js';
import type { CallbackAnswer } from '../world/WorldEvents.js';

/**
 * A person presses an inline keyboard button: a callback button sends `callback_query` to the bot
 * and resolves with its `answerCallbackQuery` (or `undefined` if it never answered in time); a URL
 * button resolves at once with the URL.
 *
 * @param world - the world
 * @param user - who presses
 * @param chat - the message's chat
 * @param message - the stored message
 * @param label - the button's text or callback data
 * @returns the bot's answer
 * @throws EmulatorError `no_button` when no such button is there (listing the ones there are)
 */
export async function pressButton(
  world: World,
  user: UserAccount,
  chat: ChatRecord,
  message: Message,
  label: string,
): Promise<CallbackAnswer | undefined> {
  const buttons = message.reply_markup?.inline_keyboard.flat() ?? [];
  const button =
    buttons.find((b) => b.text === label) ?? buttons.find((b) => b.callback_data === label);
  if (button === undefined) {
    const there = buttons.map((b) => `"${b.text}"`).join(', ');
    throw new EmulatorError(
      'no_button',
      `Message ${message.message_id} has no inline button "${label}"${there === '' ? ' (it has no inline keyboard)' : `; it has ${there}`}`,
    );
  }
  if (button.url !== undefined) return { url: button.url, showAlert: false, cacheTime: 0 };
  if (button.callback_data === undefined && button.callback_game === undefined) {
    throw new EmulatorError(
      'no_button',
      `Button "${button.text}" is a ${kindOf(button)} button; the emulator presses callback, game and URL buttons`,
    );
  }
  const botId = message.via_bot?.id ?? message.from?.id;
  const bot = botId === undefined ? undefined : world.bot(botId);
  if (bot === undefined)
    throw new EmulatorError('not_found', `No bot owns message ${message.message_id}`);
  const inlineMessageId = [...world.inlineMessages].find(
    ([, ref]) => ref.chatKey === chat.key && ref.messageId === message.message_id,
  )?.[0];
  const { id, answer } = world.callbackQueries.create(bot.id, world.ttl.callback, {
    game: button.callback_data === undefined,
  });
  world.push(
    bot,
    'callback_query',
    {
      id,
      from: user.toUser(),
      ...(inlineMessageId === undefined
        ? { message: structuredClone(message) }
        : { inline_message_id: inlineMessageId }),
      chat_instance: chatInstance(chat, bot),
      ...(button.callback_data === undefined
        ? { game_short_name: message.game?.title ?? '' }
        : { data: button.callback_data }),
    },
    `user:${user.id}`,
  );
  const result = await answer;
  if (result !== undefined) {
    world.emit('callbackAnswer', {
      ...(inlineMessageId === undefined
        ? { chat: world.chatRef(chat), messageId: message.message_id }
        : { inlineMessageId }),
      userId: user.id,
      botId: bot.id,
      answer: result,
    });
  }
  return result;
}

/** A stable opaque id of a chat as one bot sees it (the `chat_instance` of callback queries). */
export function chatInstance(chat: ChatRecord, bot: BotAccount): string {
  const digest = createHash('sha256').update(`${chat.key}:${bot.id}`).digest();
  return BigInt.asIntN(64, digest.readBigUInt64BE()).toString();
}

function kindOf(button: InlineKeyboardButton): string {
  const keys = Object.keys(button).filter(
    (k) => k !== 'text' && k !== 'style' && k !== 'icon_custom_emoji_id',
  );
  return keys[0] ?? 'text';
}
