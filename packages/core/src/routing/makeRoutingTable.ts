import { CONTENT_TYPES } from '../contentType.js';
import type { Flavor } from '../flavor.js';
import type { Incoming } from '../Incoming.js';
import { checkRoutingTable } from './checkRoutingTable.js';
import { Router } from './Router.js';
import type { RouteHandler, Routes } from './Router.js';

/**
 * A key for {@link makeRoutingTable}: a key (its handler is the object's method named after it),
 * `[key]` (the same), or `[key, handler]` (that handler).
 */
export type TableKeySpec =
  string | readonly [key: string] | readonly [key: string, handler: RouteHandler];

/**
 * The method name {@link makeRoutingTable} looks up for a key: the prefix followed by the key in
 * PascalCase (`'on'` + `'new_chat_members'` → `'onNewChatMembers'`, `'on'` + `'start'` → `'onStart'`).
 * An empty prefix gives the key in camelCase.
 *
 * @param prefix - the method-name prefix
 * @param key - the routing key
 * @returns the method name
 */
export function methodNameFor(prefix: string, key: string): string {
  const pascal = key
    .split(/[_\-\s]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return prefix === '' ? pascal.charAt(0).toLowerCase() + pascal.slice(1) : prefix + pascal;
}

/**
 * Builds a routing table whose entries call an object's methods, telepot's `make_routing_table`.
 *
 * The method is looked up when the entry is called (so it may be replaced later), but it must
 * exist when the table is built: a missing method fails now, not on the first message.
 *
 * @example
 * ```ts
 * class Commands { onStart(msg: Message) {...} onHelp(msg: Message) {...} }
 * new Router(byChatCommand(), makeRoutingTable(new Commands(), ['start', 'help']));
 * ```
 * @param obj - the object whose methods handle the keys
 * @param keys - the keys (see {@link TableKeySpec})
 * @param prefix - the method-name prefix (default `'on'`), see {@link methodNameFor}
 * @returns a routing table
 */
export function makeRoutingTable(
  obj: object,
  keys: Iterable<TableKeySpec>,
  prefix = 'on',
): Record<string, RouteHandler> {
  const table: Record<string, RouteHandler> = {};
  for (const spec of keys) {
    const [key, handler] = typeof spec === 'string' ? [spec, undefined] : spec;
    if (handler !== undefined) {
      table[key] = handler;
      continue;
    }
    table[key] = lateBound(obj, methodNameFor(prefix, key), key);
  }
  return table;
}

/**
 * Builds a routing table over every content type (for {@link byContentType}) whose entries call
 * the object's methods that exist (`onText`, `onPhoto`, `onNewChatMembers`, ...), telepot's
 * `make_content_type_routing_table`. Content types without a method get no entry, so the default
 * entry (if any) handles them.
 *
 * @param obj - the object whose methods handle content types
 * @param prefix - the method-name prefix (default `'on'`)
 * @returns a routing table
 */
export function makeContentTypeRoutingTable(
  obj: object,
  prefix = 'on',
): Record<string, RouteHandler> {
  const present = [...CONTENT_TYPES, 'unknown'].filter(
    (type) => typeof (obj as Record<string, unknown>)[methodNameFor(prefix, type)] === 'function',
  );
  return makeRoutingTable(obj, present, prefix);
}

function lateBound(obj: object, name: string, key: string): RouteHandler {
  if (typeof (obj as Record<string, unknown>)[name] !== 'function') {
    throw new TypeError(
      `makeRoutingTable: the object has no method ${name} for key '${key}'; add the method or ` +
        `give [key, handler]`,
    );
  }
  return (...args: unknown[]) => {
    const method = (obj as Record<string, unknown>)[name];
    if (typeof method !== 'function') {
      throw new TypeError(`routing key '${key}': the object no longer has a method ${name}`);
    }
    return (method as (...a: unknown[]) => unknown).apply(obj, args);
  };
}

/** A routing table by flavor: one handler (or nested router) per flavor. */
export type FlavorTable = {
  readonly [F in Flavor]?: ((msg: Incoming<F>['msg'], incoming: Incoming<F>) => unknown) | Routes;
} & { readonly [key: symbol]: RouteHandler | Routes | undefined };

/**
 * A {@link Router} by flavor (telepot's default router): routes the `(msg, incoming)` pairs a
 * `MessageLoop` or a delegate hands over to one entry per flavor (`incoming.flavor` is the key).
 * Handlers receive `(msg, incoming)`. For a raw update, call `route(incoming.msg, incoming)` with
 * `incoming = toIncoming(update)`.
 *
 * @example
 * ```ts
 * const router = flavorRouter({
 *   chat: (msg) => bot.api.sendMessage(msg.chat.id, 'hi'),
 *   callback_query: (query) => bot.api.answerCallbackQuery(query.id),
 *   [defaultRoute]: () => undefined,
 * });
 * new MessageLoop(bot, router.route);
 * ```
 * @param table - the entries by flavor (plus `defaultRoute`)
 * @returns the router
 */
export function flavorRouter(table: FlavorTable): Router<unknown> {
  checkRoutingTable(table, 'flavorRouter(table)', true);
  return new Router<unknown>((_msg, incoming) => {
    if (isIncoming(incoming)) return incoming.flavor;
    throw new TypeError(
      'flavorRouter: route(msg, incoming) needs the Incoming as its second argument; ' +
        'use toIncoming(update) for a raw update',
    );
  }, table as never);
}

function isIncoming(value: unknown): value is Incoming {
  return typeof value === 'object' && value !== null && 'flavor' in value && 'kind' in value;
}
