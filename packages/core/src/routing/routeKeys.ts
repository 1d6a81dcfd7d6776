/**
 * The routing-table key of the default entry, used when no entry matches the key (telepot's
 * `None` key).
 *
 * @example
 * ```ts
 * new Router(byText(), { ping: onPing, [defaultRoute]: onAnythingElse });
 * ```
 */
export const defaultRoute: unique symbol = Symbol('delegram.defaultRoute');

/**
 * The key `byCommand` and `byRegex` produce for a message that is not a command (or does not
 * match), distinct from {@link defaultRoute} (telepot's `(None,)` key), so a table can tell "not
 * a command" from "an unknown command".
 *
 * @example
 * ```ts
 * new Router(byChatCommand(), { start: onStart, [noMatch]: onPlainText, [defaultRoute]: onUnknown });
 * ```
 */
export const noMatch: unique symbol = Symbol('delegram.noMatch');

/** A routing key: what a key function computes to pick a routing-table entry. */
export type RouteKey = string | number | boolean | symbol | null | undefined;

/**
 * What a key function returns: a key, or telepot's tuple forms `[key]`, `[key, args]` and
 * `[key, args, kwargs]`. The `args` are passed to the handler after the message, then `kwargs`
 * (as one object), then the extra arguments given to `route`.
 */
export type KeyResult =
  | RouteKey
  | readonly [key: RouteKey]
  | readonly [key: RouteKey, args: readonly unknown[]]
  | readonly [key: RouteKey, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>];

/**
 * A key function: maps a message (and the extra arguments given to `route`) to a key.
 *
 * @typeParam M - the message type
 */
export type KeyFunction<M = unknown> = (msg: M, ...extra: unknown[]) => KeyResult;
