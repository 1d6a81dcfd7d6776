import type { Message } from '@delegram/api';
import { BotAccount } from './BotAccount.js';
import type { ChatRecord } from './ChatRecord.js';

/**
 * The bots that receive a message update for `message` in `chat`: the private chat's bot (unless
 * blocked), every bot present in a group (filtered by privacy mode), every admin bot of a channel.
 * A bot never receives its own messages, and bots never see other bots' messages.
 *
 * @param chat - where the message is
 * @param message - the message (its `from` decides whether it came from a bot)
 * @returns the recipients
 */
export function recipientsOf(chat: ChatRecord, message: Message): BotAccount[] {
  if (message.from?.is_bot === true) return [];
  if (chat.type === 'private') {
    return chat.bot !== undefined && !chat.blocked ? [chat.bot] : [];
  }
  const bots: BotAccount[] = [];
  for (const member of chat.presentMembers()) {
    const bot = member.account;
    if (!(bot instanceof BotAccount)) continue;
    if (chat.type === 'channel' && !member.isAdmin) continue;
    if (
      chat.type !== 'channel' &&
      bot.privacyMode &&
      !member.isAdmin &&
      !addressedTo(bot, message)
    ) {
      continue;
    }
    bots.push(bot);
  }
  return bots;
}

/** Whether a group message is one a bot in privacy mode still sees. */
function addressedTo(bot: BotAccount, message: Message): boolean {
  if (message.text === undefined && message.caption === undefined) return true; // service, media
  const text = message.text ?? message.caption ?? '';
  const command = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(text);
  if (command !== null) {
    const target = command[1];
    return target === undefined || target.toLowerCase() === bot.username.toLowerCase();
  }
  if (message.reply_to_message?.from?.id === bot.id) return true;
  return text.toLowerCase().includes(`@${bot.username.toLowerCase()}`);
}
