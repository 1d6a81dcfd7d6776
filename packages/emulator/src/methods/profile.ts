import type { BotCommand, BotCommandScope, MenuButton, User } from '@delegram/api';
import { badRequest } from '../ApiError.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/** `getMe`: the bot's own `User` with its capabilities. */
export function getMe(ctx: MethodContext): User {
  const bot = ctx.bot;
  return {
    ...bot.toUser(),
    can_join_groups: bot.canJoinGroups,
    can_read_all_group_messages: !bot.privacyMode,
    supports_inline_queries: bot.supportsInlineQueries,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
}

/**
 * The key a command scope is stored under; chat scopes are resolved so that `@username` and the
 * numeric id name the same scope.
 *
 * @param ctx - the call (its `scope` parameter)
 * @returns the key
 */
function scopeKey(ctx: MethodContext): string {
  const scope = new Params(ctx).json<BotCommandScope>('scope') ?? { type: 'default' };
  switch (scope.type) {
    case 'default':
    case 'all_private_chats':
    case 'all_group_chats':
    case 'all_chat_administrators':
      return scope.type;
    case 'chat':
    case 'chat_administrators':
      return `${scope.type}:${ctx.world.resolveChat(ctx.bot, scope.chat_id).id}`;
    case 'chat_member': {
      const chat = ctx.world.resolveChat(ctx.bot, scope.chat_id);
      if (chat.type === 'private' || chat.type === 'channel')
        throw badRequest("can't use chat_member scope in private chats and channels");
      return `chat_member:${chat.id}:${scope.user_id}`;
    }
    default:
      throw badRequest('unsupported bot command scope type');
  }
}

function language(ctx: MethodContext): string {
  const code = new Params(ctx).str('language_code') ?? '';
  if (code !== '' && !/^[a-z]{2}$/.test(code)) throw badRequest('invalid language code specified');
  return code;
}

/** `setMyCommands`: up to 100 commands for a scope and language. */
export function setMyCommands(ctx: MethodContext): true {
  const commands = new Params(ctx).array<BotCommand>('commands');
  if (commands.length > 100) throw badRequest('too many commands specified');
  for (const c of commands) {
    if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command))
      throw badRequest('BOT_COMMAND_INVALID');
    if (
      typeof c.description !== 'string' ||
      c.description.length < 1 ||
      c.description.length > 256
    ) {
      throw badRequest('command description must be non-empty');
    }
  }
  const key = scopeKey(ctx);
  const lang = language(ctx);
  const byLang = ctx.bot.commands.get(key) ?? new Map<string, BotCommand[]>();
  if (commands.length === 0) byLang.delete(lang);
  else
    byLang.set(
      lang,
      commands.map((c) => ({ command: c.command, description: c.description })),
    );
  ctx.bot.commands.set(key, byLang);
  return true;
}

/** `getMyCommands`: the commands of exactly this scope and language (empty if none). */
export function getMyCommands(ctx: MethodContext): BotCommand[] {
  return structuredClone(ctx.bot.commands.get(scopeKey(ctx))?.get(language(ctx)) ?? []);
}

/** `deleteMyCommands`: forgets the commands of a scope and language. */
export function deleteMyCommands(ctx: MethodContext): true {
  ctx.bot.commands.get(scopeKey(ctx))?.delete(language(ctx));
  return true;
}

/** `setChatMenuButton`: the menu button of one private chat, or the bot's default. */
export function setChatMenuButton(ctx: MethodContext): true {
  const p = new Params(ctx);
  const button = p.json<MenuButton>('menu_button') ?? { type: 'default' };
  if (!['default', 'commands', 'web_app'].includes(button.type))
    throw badRequest('unsupported menu button type');
  if (p.has('chat_id')) {
    const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
    if (chat.type !== 'private') throw badRequest('menu button can be set only in private chats');
    if (button.type === 'default') ctx.bot.chatMenuButtons.delete(chat.id);
    else ctx.bot.chatMenuButtons.set(chat.id, button);
  } else {
    ctx.bot.menuButton = button.type === 'default' ? { type: 'commands' } : button;
  }
  return true;
}

/** `getChatMenuButton`: the menu button of a private chat, or the bot's default. */
export function getChatMenuButton(ctx: MethodContext): MenuButton {
  const p = new Params(ctx);
  if (p.has('chat_id')) {
    const chat = ctx.world.resolveChat(ctx.bot, ctx.params.chat_id);
    return structuredClone(ctx.bot.chatMenuButtons.get(chat.id) ?? ctx.bot.menuButton);
  }
  return structuredClone(ctx.bot.menuButton);
}

type ProfileField = 'name' | 'description' | 'shortDescription';
const LIMITS: Record<ProfileField, [param: string, max: number]> = {
  name: ['name', 64],
  description: ['description', 512],
  shortDescription: ['short_description', 120],
};

/** Builds `setMyName` / `setMyDescription` / `setMyShortDescription`. */
export function profileSetter(field: ProfileField): (ctx: MethodContext) => true {
  return (ctx) => {
    const [param, max] = LIMITS[field];
    const value = new Params(ctx).str(param) ?? '';
    if (value.length > max) throw badRequest(`${param} is too long`);
    const lang = language(ctx);
    if (value === '') ctx.bot.profile[field].delete(lang);
    else ctx.bot.profile[field].set(lang, value);
    if (field === 'name' && lang === '' && value !== '') ctx.bot.firstName = value;
    return true;
  };
}

/** Builds `getMyName` / `getMyDescription` / `getMyShortDescription`. */
export function profileGetter(field: ProfileField): (ctx: MethodContext) => Record<string, string> {
  return (ctx) => {
    const lang = language(ctx);
    const map = ctx.bot.profile[field];
    const fallback = field === 'name' ? ctx.bot.firstName : '';
    return { [LIMITS[field][0]]: map.get(lang) ?? map.get('') ?? fallback };
  };
}
