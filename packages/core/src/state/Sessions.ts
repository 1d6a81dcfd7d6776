import { checkOptions, is, OptionsError } from '@delegram/api';
import createDebug from 'debug';
import type { Bot } from '../Bot.js';
import type { Incoming } from '../Incoming.js';
import { StateConflictError, StateSaveError } from './errors.js';
import type { Loaded, StateKeeper } from './StateKeeper.js';
import { resolveStateOptions, STATE_OPTION_RULES } from './StateOptions.js';
import type { ResolvedStateOptions, StateOptions } from './StateOptions.js';
import type { StateContext } from './StateService.js';

const log = createDebug('delegram:state');

/** How many times an update is handled again after losing a compare-and-set, before giving up. */
const CONFLICT_ATTEMPTS = 5;

/** One key's session, as a session handler receives it. */
export interface Session<S> {
  /** The session's key (a chat id by default). */
  readonly key: string | number;
  /** The state: change it in place or assign a new one; saved when the handler finished. */
  state: S;
}

/** Options of {@link Sessions}: how the state is stored, its initial value, the key. */
export interface SessionsOptions<S> extends StateOptions<S> {
  /** The state of a key that has none yet (called for each new key). */
  readonly initial: () => S;
  /**
   * The key of an update (default: its chat id, else its sender's id); `undefined` handles the
   * update without a session (the handler gets `undefined`).
   */
  readonly key?: ((incoming: Incoming) => string | number | undefined) | undefined;
  /** How many keys' bookkeeping to keep in memory between updates (default 10,000). */
  readonly cacheSize?: number | undefined;
}

interface Slot {
  readonly keeper: StateKeeper;
  /** The updates of this key, one at a time. */
  tail: Promise<unknown>;
  busy: number;
}

/** The chat id of an update, else its sender's user id. */
function defaultKey(incoming: Incoming): number | undefined {
  const msg = incoming.msg as {
    chat?: { id?: unknown };
    message?: { chat?: { id?: unknown } };
    from?: { id?: unknown };
    user?: { id?: unknown };
  };
  const id = msg?.chat?.id ?? msg?.message?.chat?.id ?? msg?.from?.id ?? msg?.user?.id;
  return typeof id === 'number' ? id : undefined;
}

/**
 * Durable per-key state for the routing-table and filter style (no delegates), like grammY's or
 * aiogram's sessions but applied effectively once: {@link Sessions.handler} wraps a loop
 * handler, loads the key's state before it runs, saves it after (only when it changed, with the
 * update's id in the same write, so a redelivered update is skipped), and runs one update per key
 * at a time, in order. It keeps in the bot's `store` under `session:<name>:<key>`; a store that
 * fails is retried, and at `bot.stop()` an unsaved update rejects with `StateSaveError` so the
 * loop leaves it unconfirmed. See docs/state.md.
 *
 * @example
 * ```ts
 * const sessions = new Sessions(bot, { name: 'prefs', initial: () => ({ count: 0 }) });
 * new MessageLoop(bot, {
 *   chat: sessions.handler(async (msg, incoming, session) => {
 *     session.state.count += 1;
 *     await bot.api.sendMessage(msg.chat.id, String(session.state.count));
 *   }),
 * });
 * ```
 * @typeParam S - the state
 */
export class Sessions<S> {
  private readonly options: ResolvedStateOptions;
  private readonly initial: () => S;
  private readonly keyOf: (incoming: Incoming) => string | number | undefined;
  private readonly cacheSize: number;
  private readonly slots = new Map<string, Slot>();

  /**
   * @param bot - the bot whose store and error event are used
   * @param options - name, initial state, key, and the state options
   */
  constructor(
    private readonly bot: Bot,
    options: SessionsOptions<S>,
  ) {
    const owner = 'new Sessions(bot, options)';
    checkOptions(owner, options, {
      ...STATE_OPTION_RULES,
      initial: is.function,
      key: is.function,
      cacheSize: {
        expected: 'a positive integer',
        test: (v) => Number.isSafeInteger(v) && (v as number) >= 1,
      },
    });
    if (typeof options !== 'object' || options === null || typeof options.initial !== 'function') {
      throw new OptionsError(owner, 'initial', 'a function () => state (required)', 'nothing');
    }
    const { initial, key, cacheSize, ...stateOptions } = options;
    this.options = resolveStateOptions(stateOptions, 'session');
    this.initial = initial;
    this.keyOf = key ?? defaultKey;
    this.cacheSize = cacheSize ?? 10_000;
  }

  /**
   * Wraps a handler so it gets the update's session.
   *
   * @param handle - called with the payload, the incoming message and the session (`undefined`
   *   when the update has no key)
   * @returns a loop handler (for `new MessageLoop(bot, handler)`, a routing table entry, or a
   *   webhook handler)
   */
  handler<M>(
    handle: (msg: M, incoming: Incoming, session: Session<S> | undefined) => unknown,
  ): (msg: M, incoming: Incoming) => Promise<unknown> {
    return (msg, incoming) => {
      const key = this.keyOf(incoming);
      if (key === undefined) return Promise.resolve(handle(msg, incoming, undefined));
      const storeKey = `session:${this.options.name}:${typeof key === 'number' ? key : JSON.stringify(key)}`;
      const slot = this.slotFor(storeKey);
      slot.busy += 1;
      const run = slot.tail.then(() => this.apply(slot, key, msg, incoming, handle));
      slot.tail = run.catch(() => undefined);
      return run.finally(() => {
        slot.busy -= 1;
      });
    };
  }

  private slotFor(storeKey: string): Slot {
    let slot = this.slots.get(storeKey);
    if (slot !== undefined) {
      this.slots.delete(storeKey); // most recently used last
      this.slots.set(storeKey, slot);
      return slot;
    }
    slot = {
      keeper: this.bot.stateService.keeper(storeKey, this.options),
      tail: Promise.resolve(),
      busy: 0,
    };
    this.slots.set(storeKey, slot);
    if (this.slots.size > this.cacheSize) {
      for (const [k, s] of this.slots) {
        if (this.slots.size <= this.cacheSize) break;
        if (s.busy === 0 && s !== slot) this.slots.delete(k);
      }
    }
    return slot;
  }

  private async apply<M>(
    slot: Slot,
    key: string | number,
    msg: M,
    incoming: Incoming,
    handle: (msg: M, incoming: Incoming, session: Session<S>) => unknown,
  ): Promise<unknown> {
    const keeper = slot.keeper;
    const service = this.bot.stateService;
    const context: StateContext = { seed: key, update: incoming.update, incoming };
    if (service.isPoisoned(keeper.key)) throw new StateSaveError(keeper.key);
    let loaded: Loaded = keeper.loaded ? keeper.lastSaved() : await keeper.load(context);
    for (let attempt = 1; ; attempt++) {
      if (keeper.isApplied(incoming)) {
        service.stats.skipped += 1;
        log('skipped update %s for %s: applied already', incoming.update?.update_id, keeper.key);
        return undefined;
      }
      const session: Session<S> = {
        key,
        state: loaded.found ? (loaded.value as S) : this.initial(),
      };
      const result = await handle(msg, incoming, session);
      let outcome;
      try {
        outcome = await keeper.save(session.state, incoming, context);
      } catch (error) {
        if (error instanceof StateSaveError) service.hold(keeper.key, incoming, error);
        throw error;
      }
      if (outcome.kind !== 'conflict') return result;
      if (attempt >= CONFLICT_ATTEMPTS) throw new StateConflictError(keeper.key, attempt);
      loaded = outcome.loaded;
    }
  }
}
