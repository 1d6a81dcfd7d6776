import createDebug from 'debug';
import { runFilter } from './filters.js';
import type { DataOf, Filter, NarrowOf } from './filters.js';
import type { Routes } from './Router.js';

const log = createDebug('delegram:routing');

interface Entry<M> {
  readonly filters: readonly Filter<M, object, M>[];
  readonly handler: (msg: M, data: object, ...extra: unknown[]) => unknown;
}

/**
 * Dispatches a message to the first handler whose filters all match (aiogram-style), awaiting it.
 *
 * Filters run in registration order, a handler's filters left to right, stopping at the first
 * miss. The handler gets `(msg, data, ...extra)`, `data` merging what the filters extracted.
 * `route` resolves to `true` when a handler ran, `false` when none matched and there is no
 * {@link FilterRouter.otherwise} handler. A `FilterRouter` is a valid `Router` table entry.
 *
 * @example
 * ```ts
 * const router = new FilterRouter<Message>()
 *   .on(command('start', { deepLink: true }), (msg, { command }) => welcome(msg, command.payload))
 *   .on([ofContentType('text'), (m) => m.chat.type === 'private'], (msg) => echo(msg.text))
 *   .otherwise((msg) => log(msg));
 * await router.route(msg);
 * ```
 * @typeParam M - the message type
 */
export class FilterRouter<M = unknown> implements Routes<M> {
  private readonly entries: Entry<M>[] = [];
  private fallback: ((msg: M, ...extra: unknown[]) => unknown) | undefined;

  constructor() {
    this.route = this.route.bind(this);
  }

  /**
   * Adds a handler guarded by one filter or a list of filters (all must match).
   *
   * @param filters - a filter, or a list of filters
   * @param handler - called with the narrowed message, the filters' data and the extras
   * @returns this router, for chaining
   */
  on<F extends Filter<M, object, M>>(
    filters: F,
    handler: (msg: NarrowOf<M, [F]>, data: DataOf<[F]>, ...extra: unknown[]) => unknown,
  ): this;
  on<const F extends readonly Filter<M, object, M>[]>(
    filters: F,
    handler: (msg: NarrowOf<M, F>, data: DataOf<F>, ...extra: unknown[]) => unknown,
  ): this;
  on(
    filters: Filter<M, object, M> | readonly Filter<M, object, M>[],
    handler: (msg: never, data: never, ...extra: unknown[]) => unknown,
  ): this {
    const list = typeof filters === 'function' ? [filters] : filters;
    if (!Array.isArray(list) || list.some((f) => typeof f !== 'function')) {
      throw new TypeError('FilterRouter.on(filters, handler): filters must be functions');
    }
    if (typeof handler !== 'function') {
      throw new TypeError('FilterRouter.on(filters, handler): handler must be a function');
    }
    this.entries.push({ filters: list, handler: handler as Entry<M>['handler'] });
    return this;
  }

  /**
   * Sets the handler for messages no filter matched.
   *
   * @param handler - called with the message and the extras
   * @returns this router, for chaining
   */
  otherwise(handler: (msg: M, ...extra: unknown[]) => unknown): this {
    this.fallback = handler;
    return this;
  }

  /**
   * Runs the first matching handler.
   *
   * @param msg - the message
   * @param extra - passed to the filters and, after the data, to the handler
   * @returns `true` when a handler (or the fallback) ran
   */
  async route(msg: M, ...extra: unknown[]): Promise<boolean> {
    for (const entry of this.entries) {
      const data = await matchAllFilters(entry.filters, msg, extra);
      if (data === undefined) continue;
      await entry.handler(msg, data, ...extra);
      return true;
    }
    if (this.fallback === undefined) {
      log('no filter matched');
      return false;
    }
    await this.fallback(msg, ...extra);
    return true;
  }
}

async function matchAllFilters<M>(
  filters: readonly Filter<M, object, M>[],
  msg: M,
  extra: readonly unknown[],
): Promise<object | undefined> {
  let data: object = {};
  for (const filter of filters) {
    const result = await runFilter(filter, msg, ...extra);
    if (result === undefined) return undefined;
    data = { ...data, ...result };
  }
  return data;
}
