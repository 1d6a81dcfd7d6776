import { is } from '@delegram/api';
import type { OptionRules } from '@delegram/api';
import { Answerer } from '../Answerer.js';
import type { AnswererOptions } from '../Answerer.js';
import type { CloseReason, SeedTuple } from '../delegation/Delegate.js';
import { INLINE_FLAVORS } from '../delegation/seeders.js';
import { HANDLER_OPTION_RULES } from './HandlerOptions.js';
import type { HandlerOptions } from './HandlerOptions.js';
import { UserHandler } from './UserHandler.js';

/** Options of {@link InlineUserHandler}. */
export interface InlineUserHandlerOptions extends HandlerOptions {
  /** Options of the delegate's own {@link Answerer} (`this.answerer`): debounce, timeout, defaults. */
  readonly answerer?: AnswererOptions | undefined;
}

/**
 * A delegate per user for inline mode (telepot's `InlineUserHandler`); pair it with
 * `perInlineFromId()`. It captures the user's inline queries and chosen inline results, and has
 * its own {@link Answerer} as `this.answerer` (composed, created on first use, closed with the
 * delegate): a newer query of the user aborts the computation of the older one.
 *
 * Do not `await` `this.answerer.answer(...)` in `onInlineQuery`: the delegate handles one message
 * at a time, so awaiting would make the user's next query wait behind the one it supersedes.
 * When you override `onClose`, call `super.onClose(reason)` so the answerer is closed too.
 *
 * @example
 * ```ts
 * class Search extends InlineUserHandler {
 *   override onInlineQuery(query: InlineQuery) {
 *     void this.answerer.answer(query, async (q, signal) => search(q.query, { signal }));
 *   }
 * }
 * new DelegatorBot(token, [delegate(perInlineFromId(), Search, { timeout: 20 })]);
 * ```
 */
export class InlineUserHandler extends UserHandler {
  /** The options of {@link InlineUserHandlerOptions}, checked when the pattern is built. */
  static override readonly optionRules: OptionRules = {
    ...HANDLER_OPTION_RULES,
    answerer: is.object,
  };
  private ownAnswerer: Answerer | undefined;
  private readonly answererOptions: AnswererOptions;

  /**
   * @param seedTuple - from the delegator; its seed must be a user id
   * @param options - timeout, event space, options of `this.answerer`, ...
   */
  constructor(seedTuple: SeedTuple, options: InlineUserHandlerOptions = {}) {
    super(seedTuple, { ...options, flavors: INLINE_FLAVORS });
    this.answererOptions = options.answerer ?? {};
  }

  /** This user's answerer: at most one inline computation at a time, older ones aborted. */
  get answerer(): Answerer {
    this.ownAnswerer ??= new Answerer(this.bot, this.answererOptions);
    return this.ownAnswerer;
  }

  /** Closes `this.answerer` (aborting a computation still running), then logs the reason. */
  override onClose(reason: CloseReason): unknown {
    this.ownAnswerer?.close();
    return super.onClose(reason);
  }
}
