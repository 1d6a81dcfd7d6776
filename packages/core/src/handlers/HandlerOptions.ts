import { is } from '@delegram/api';
import type { OptionRules } from '@delegram/api';
import type { OriginMap } from '../delegation/OriginMap.js';
import type { StateOptions } from '../state/StateOptions.js';

/**
 * Options of every handler class, as given to `createOpen(Handler, options)` or
 * `delegate(seeder, Handler, options)`. Pair producers add some of them for you.
 */
export interface HandlerOptions {
  /**
   * Idle timeout in seconds: armed at creation, reset when a captured non-event message starts
   * processing. When it expires `onIdle` runs (default: close with reason `idle`). Leave it out
   * for a delegate that never times out.
   */
  readonly timeout?: number | undefined;
  /** The pattern's event space (set by `paveEventSpace()` / `delegate()`); needed by `scheduler`. */
  readonly eventSpace?: number | undefined;
  /** `'close'` (default) closes the delegate when a handler throws; `'keep'` keeps it. */
  readonly onError?: 'close' | 'keep' | undefined;
  /** Capture callback queries on this chat's messages too (set by `includeCallbackQueryChatId`). */
  readonly includeCallbackQuery?: boolean | undefined;
  /** The origin map of `interceptCallbackQueryOrigin()` (set by it). */
  readonly interceptCallbackQuery?: OriginMap | undefined;
  /**
   * How the handler's durable `state` field is stored (key name, schema, migrations, expiry,
   * codec). Only read when the handler declares a `state` field; see {@link StateOptions}.
   */
  readonly state?: StateOptions | undefined;
}

/**
 * How {@link HandlerOptions} are checked at runtime (for JavaScript callers): the rules a handler
 * class lists in its static `optionRules`. A handler that takes options of its own adds them:
 *
 * @example
 * ```ts
 * class Greeter extends ChatHandler {
 *   static override readonly optionRules = { ...ChatHandler.optionRules, greeting: is.string };
 *   constructor(seedTuple: SeedTuple, private readonly options: HandlerOptions & { greeting?: string }) {
 *     super(seedTuple, options);
 *   }
 * }
 * delegate(perChatId(), Greeter, { timeout: 60, greeting: 'hi' });
 * ```
 */
export const HANDLER_OPTION_RULES: OptionRules = {
  timeout: is.number,
  eventSpace: is.number,
  onError: is.oneOf('close', 'keep'),
  includeCallbackQuery: is.boolean,
  interceptCallbackQuery: is.object,
  state: is.object,
};
