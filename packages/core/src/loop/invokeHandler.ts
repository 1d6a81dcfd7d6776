import type { Update } from '@delegram/api';
import type { Bot } from '../Bot.js';
import type { Incoming } from '../Incoming.js';
import type { FlavorRoutingTable, LoopHandler } from './LoopOptions.js';

/**
 * Hands one classified update to what the user gave: `bot.handle(update)` when nothing was given,
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
  if (handler === undefined) return bot.handle(update);
  if (typeof handler === 'function') return handler(incoming.msg, incoming);
  const route = handler[incoming.flavor] as LoopHandler | undefined;
  if (route !== undefined) return route(incoming.msg, incoming);
  bot.emit('unhandled', incoming);
  return undefined;
}

/**
 * Checks what a user passed as handler, failing early with what to pass instead.
 *
 * @param handler - the value given
 * @param where - the constructor, for the message
 */
export function checkHandler(handler: unknown, where: string): void {
  if (handler === undefined || typeof handler === 'function') return;
  if (typeof handler === 'object' && handler !== null && !Array.isArray(handler)) return;
  throw new TypeError(
    `${where}: handler must be a function (msg, incoming) => ..., a routing table by flavor, ` +
      'or omitted to use bot.handle',
  );
}
