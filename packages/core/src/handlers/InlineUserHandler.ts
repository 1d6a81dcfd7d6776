import type { SeedTuple } from '../delegation/Delegate.js';
import { INLINE_FLAVORS } from '../delegation/seeders.js';
import type { HandlerOptions } from './HandlerOptions.js';
import { UserHandler } from './UserHandler.js';

/**
 * A delegate per user for inline mode (telepot's `InlineUserHandler`); pair it with
 * `perInlineFromId()`. It captures the user's inline queries and chosen inline results.
 *
 * @example
 * ```ts
 * class Search extends InlineUserHandler {
 *   override async onInlineQuery(query: InlineQuery) {
 *     await this.bot.api.answerInlineQuery(query.id, await search(query.query));
 *   }
 * }
 * new DelegatorBot(token, [delegate(perInlineFromId(), Search, { timeout: 20 })]);
 * ```
 */
export class InlineUserHandler extends UserHandler {
  /**
   * @param seedTuple - from the delegator; its seed must be a user id
   * @param options - timeout, event space, ...
   */
  constructor(seedTuple: SeedTuple, options: HandlerOptions = {}) {
    super(seedTuple, { ...options, flavors: INLINE_FLAVORS });
  }
}
