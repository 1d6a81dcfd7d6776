import { checkRoutingTable } from './checkRoutingTable.js';
import { NoHandlerError } from './NoHandlerError.js';
import { defaultRoute } from './routeKeys.js';
import type { KeyFunction, KeyResult, RouteKey } from './routeKeys.js';

/**
 * A routing-table entry: called with the message, then the key's arguments, then its keyword
 * object (if any), then the extra arguments given to `route`. Its return value (a promise for an
 * async handler) is what `route` returns.
 *
 * @typeParam M - the message type
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers declare their own args
export type RouteHandler<M = any> = (msg: M, ...args: any[]) => unknown;

/** Anything that routes a message: a {@link Router} or a `FilterRouter`, usable as an entry. */
export interface Routes<M = unknown> {
  /**
   * Routes a message.
   *
   * @param msg - the message
   * @param extra - extra arguments for the handlers
   * @returns what the chosen handler returned
   */
  route(msg: M, ...extra: unknown[]): unknown;
}

/**
 * A routing table: entries by key. A plain object holds string keys (numbers and booleans are
 * looked up by their string form) and the symbol keys {@link defaultRoute} and `noMatch`; a `Map`
 * holds keys of any type. An entry is a handler function or a nested router.
 *
 * @typeParam M - the message type
 */
export type RoutingTable<M = unknown> =
  | { readonly [key: string | symbol]: RouteHandler<M> | Routes<M> | undefined }
  | ReadonlyMap<RouteKey, RouteHandler<M> | Routes<M>>;

/** A key result split into its parts. */
interface Resolved {
  readonly key: RouteKey;
  readonly args: readonly unknown[];
  readonly kwargs: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Routes a message to a handler chosen by a key function, telepot's `Router`.
 *
 * The key function returns a key, or `[key]`, `[key, args]` or `[key, args, kwargs]`. The entry
 * for the key is called as `handler(msg, ...args, kwargs?, ...extra)`; with no entry for the key
 * the {@link defaultRoute} entry is used, and with no default a {@link NoHandlerError} is thrown.
 * `keyFunction` and `routingTable` are public and may be replaced at any time. A router is itself a
 * valid entry of another router's table, so routing nests.
 *
 * @example
 * ```ts
 * const router = new Router(byChatCommand({ passArgs: true }), {
 *   start: (msg: Message, args: string[]) => api.sendMessage(msg.chat.id, `hi ${args.join(' ')}`),
 *   [noMatch]: (msg: Message) => api.sendMessage(msg.chat.id, 'send a command'),
 *   [defaultRoute]: (msg: Message) => api.sendMessage(msg.chat.id, 'unknown command'),
 * });
 * await router.route(msg);
 * ```
 * @typeParam M - the message type
 */
export class Router<M = unknown> implements Routes<M> {
  /**
   * @param keyFunction - computes the key (and handler arguments) from the message
   * @param routingTable - the entries by key
   */
  constructor(
    public keyFunction: KeyFunction<M>,
    public routingTable: RoutingTable<M>,
  ) {
    if (typeof keyFunction !== 'function') {
      throw new TypeError('new Router(keyFunction, table): keyFunction must be a function');
    }
    checkRoutingTable(routingTable, 'new Router(keyFunction, table)');
    // Bound, so `router.route` can be handed to a loop or another table as is.
    this.route = this.route.bind(this);
    this.map = this.map.bind(this);
  }

  /**
   * Computes the key and calls the matching entry.
   *
   * @param msg - the message
   * @param extra - passed to the key function and, after the key's arguments, to the handler
   * @returns whatever the handler returns (a promise for an async handler: await it)
   * @throws {@link NoHandlerError} when neither the key nor the default has an entry
   */
  route(msg: M, ...extra: unknown[]): unknown {
    const { key, args, kwargs } = resolve(this.keyFunction(msg, ...extra));
    const entry = this.lookup(key);
    const callArgs = kwargs === undefined ? [...args, ...extra] : [...args, kwargs, ...extra];
    if (typeof entry === 'function') return entry(msg, ...callArgs);
    return entry.route(msg, ...callArgs);
  }

  /**
   * Returns the entry the message would be routed to, without calling it (telepot's `map`).
   *
   * @param msg - the message
   * @param extra - passed to the key function
   * @returns the handler or nested router
   * @throws {@link NoHandlerError} when neither the key nor the default has an entry
   */
  map(msg: M, ...extra: unknown[]): RouteHandler<M> | Routes<M> {
    return this.lookup(resolve(this.keyFunction(msg, ...extra)).key);
  }

  private lookup(key: RouteKey): RouteHandler<M> | Routes<M> {
    const entry = entryOf(this.routingTable, key) ?? entryOf(this.routingTable, defaultRoute);
    if (entry === undefined) throw new NoHandlerError(key);
    return entry;
  }
}

function entryOf<M>(
  table: RoutingTable<M>,
  key: RouteKey,
): RouteHandler<M> | Routes<M> | undefined {
  if (key === null || key === undefined) key = defaultRoute;
  if (table instanceof Map) {
    return (table as ReadonlyMap<RouteKey, RouteHandler<M> | Routes<M>>).get(key);
  }
  const record = table as {
    readonly [key: string | symbol]: RouteHandler<M> | Routes<M> | undefined;
  };
  const property = typeof key === 'symbol' ? key : String(key);
  return Object.hasOwn(record, property) ? record[property] : undefined;
}

function resolve(result: KeyResult): Resolved {
  if (!Array.isArray(result)) return { key: result as RouteKey, args: [], kwargs: undefined };
  const [key, args = [], kwargs] = result as [RouteKey, unknown[]?, Record<string, unknown>?];
  if (result.length === 0 || result.length > 3 || !Array.isArray(args)) {
    throw new TypeError(
      'A key function returned an array that is not [key], [key, args] or [key, args, kwargs]; ' +
        'return a plain key or one of those forms',
    );
  }
  return { key, args, kwargs };
}
