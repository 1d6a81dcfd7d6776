import type { BotCommand } from '@delegram/api';
import type { BotAccount } from '../world/BotAccount.js';
import type { ChatRecord } from '../world/ChatRecord.js';
import type { UserAccount } from '../world/UserAccount.js';

/**
 * The commands a person sees for a bot in a chat (the list a Telegram client offers after `/`),
 * found the way Telegram documents it: the most specific scope that has commands wins — in a
 * private chat `chat`, `all_private_chats`, `default`; in a group `chat_member`,
 * `chat_administrators` (admins), `chat`, `all_chat_administrators` (admins), `all_group_chats`,
 * `default` — and within a scope the person's language before the all-languages list.
 *
 * @param bot - the bot whose commands are wanted
 * @param chat - the chat the person types in
 * @param user - the person
 * @returns the commands, empty when the bot set none that apply
 */
export function commandsFor(bot: BotAccount, chat: ChatRecord, user: UserAccount): BotCommand[] {
  const admin = chat.members.get(user.id)?.isAdmin === true;
  const scopes =
    chat.type === 'private'
      ? [`chat:${chat.id}`, 'all_private_chats', 'default']
      : [
          `chat_member:${chat.id}:${user.id}`,
          ...(admin ? [`chat_administrators:${chat.id}`] : []),
          `chat:${chat.id}`,
          ...(admin ? ['all_chat_administrators'] : []),
          'all_group_chats',
          'default',
        ];
  const languages = [user.languageCode.slice(0, 2).toLowerCase(), ''];
  for (const scope of scopes) {
    const byLanguage = bot.commands.get(scope);
    if (byLanguage === undefined) continue;
    for (const language of languages) {
      const commands = byLanguage.get(language);
      if (commands !== undefined && commands.length > 0) return structuredClone(commands);
    }
  }
  return [];
}
