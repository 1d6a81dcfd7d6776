import { closestKey, describeValue, OptionsError, UPDATE_KINDS } from '@delegram/api';
import type { Update } from '@delegram/api';
import { Bot } from '../Bot.js';
import type { Incoming } from '../Incoming.js';
import { CHAT_KINDS } from '../flavor.js';
import type { FlavorRoutingTable, LoopHandler } from './LoopOptions.js';

/** The flavors a routing table may name (event flavors `_name` besides). */
export const TABLE_FLAVORS: readonly string[] = [
  'chat',
  ...UPDATE_KINDS.filter((kind) => !(CHAT_KINDS as readonly string[]).includes(kind)),
  'unknown',
];

/** Keys of the options objects that people pass as a routing table by mistake. */
const OPTION_KEYS = new Set([
  'timeout',
  'limit',
  'allowedUpdates',
  'concurrency',
  'confirm',
  'maxInFlight',
  'sequentialize',
  'dropPendingUpdates',
  'deleteWebhook',
  'stopTimeoutMs',
  'repollMs',
  'backoff',
  'signal',
  'maxholdMs',
]);

/**
 * Hands one classified update to what the user gave: `bot.handleIncoming(incoming)` (the update's
 * `bot.handle`, without classifying it again) when nothing was given,
 * the handler function, or the routing table's entry for the flavor (emitting `unhandled` when
 * the table has none). Shared by polling and webhooks.
 *
 * @param bot - the bot
 * @param handler - the user's handler, routing table, or `undefined`
 * @param update - the raw update
 * @param incoming - its classification
 * @returns whatever the handler returned (maybe a promise)
 */
export function invokeHandler(
  bot: Bot,
  handler: LoopHandler | FlavorRoutingTable | undefined,
  update: Update,
  incoming: Incoming,
): unknown {
  if (handler === undefined) {
    // A subclass that overrides handle() itself gets the raw update, as documented.
    return bot.handle === Bot.prototype.handle ? bot.handleIncoming(incoming) : bot.handle(update);
  }
  if (typeof handler === 'function') return handler(incoming.msg, incoming);
  const route = handler[incoming.flavor] as LoopHandler | undefined;
  if (route !== undefined) return route(incoming.msg, incoming);
  bot.emit('unhandled', incoming);
  return undefined;
}

/**
 * Checks what a user passed as handler, failing early with what to pass instead: a function, or
 * a routing table whose every key is a flavor (`chat`, `callback_query`, ..., `unknown`, or an
 * event flavor `_name`) and every value a function. An empty table, a misspelt flavor (the closest
 * one is suggested) and a table that is really an options object are {@link OptionsError}s.
 *
 * @param handler - the value given
 * @param where - the constructor, for the message
 * @throws OptionsError (a `TypeError`) naming the key
 */
export function checkHandler(handler: unknown, where: string): void {
  if (handler === undefined || typeof handler === 'function') return;
  if (typeof handler !== 'object' || handler === null || Array.isArray(handler)) {
    throw new OptionsError(
      where,
      '',
      'a function (msg, incoming) => ..., a routing table by flavor, or omitted to use bot.handle',
      describeValue(handler),
      { what: 'the handler' },
    );
  }
  const keys = Object.keys(handler);
  if (keys.length === 0) {
    throw new OptionsError(
      where,
      '',
      'a routing table with at least one flavor',
      'an empty object',
      {
        what: 'the routing table',
        hint:
          'every update would be unhandled; to give options, pass undefined as the handler ' +
          '(new MessageLoop(bot, undefined, options)) or a table such as { chat: (msg) => ... }',
      },
    );
  }
  for (const key of keys) {
    const value = (handler as Record<string, unknown>)[key];
    if (!TABLE_FLAVORS.includes(key) && !/^_./.test(key)) {
      const suggestion = closestKey(key, TABLE_FLAVORS);
      throw new OptionsError(where, key, 'a known option', describeValue(value), {
        ...(suggestion === undefined ? {} : { suggestion }),
        what: `flavor ${key}`,
        hint: OPTION_KEYS.has(key)
          ? `'${key}' is an option, not a flavor: pass options after the handler ` +
            '(new MessageLoop(bot, handler, options))'
          : `a routing table's keys are flavors (${TABLE_FLAVORS.slice(0, 4).join(', ')}, ..., ` +
            'unknown, or an event flavor _name)',
      });
    }
    if (value !== undefined && typeof value !== 'function') {
      throw new OptionsError(
        where,
        key,
        'a function (msg, incoming) => ...',
        describeValue(value),
        {
          what: `the entry for ${key}`,
        },
      );
    }
  }
}
