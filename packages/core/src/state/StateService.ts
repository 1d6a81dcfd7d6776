import type { Clock } from '@delegram/api';
import { sleep } from '@delegram/api';
import createDebug from 'debug';
import type { ErrorInfo } from '../BotEvents.js';
import type { Incoming } from '../Incoming.js';
import { backoffDelay } from '../loop/backoff.js';
import type { BackoffOptions } from '../loop/backoff.js';
import { StateSaveError, StateStoreError, StoreClosedError } from './errors.js';
import { StateKeeper } from './StateKeeper.js';
import type { ResolvedStateOptions } from './StateOptions.js';
import type { StateStats } from './StateStats.js';
import { newStateStats } from './StateStats.js';
import type { StateStore } from './StateStore.js';

const log = createDebug('delegram:state');

/** Where a store call is made for, named in the error reports. @internal */
export type StateContext = Pick<ErrorInfo, 'seed' | 'update' | 'incoming'>;

/**
 * A bot's durable state machinery: its store, counters, and the rules every delegate and session
 * share: store calls retried with back-off (reported with `source: 'state'`) until they succeed
 * or the bot stops; an update whose state could not be saved by then is held (left unconfirmed),
 * and so is every later update of the same key, so that no state is saved past a missing one.
 *
 * @internal
 */
export class StateService {
  /** The counters (`bot.stateStats`). */
  readonly stats: StateStats = newStateStats();
  private readonly stopper = new AbortController();
  private readonly poisoned = new Set<string>();
  private readonly held = new WeakMap<object, StateSaveError>();
  private keepers = 0;

  /**
   * @param store - where state is kept
   * @param clock - the clock for back-off, timeouts and saved times
   * @param reportError - the bot's error sink
   * @param backoff - how failed store calls are spaced
   */
  constructor(
    readonly store: StateStore,
    readonly clock: Clock,
    private readonly reportError: (error: unknown, info: ErrorInfo) => void,
    private readonly backoff: BackoffOptions = {},
  ) {}

  /** Whether any keeper was made (the bot uses durable state). */
  get inUse(): boolean {
    return this.keepers > 0;
  }

  /** Whether the bot is stopping: store calls are no longer retried. */
  get stopping(): boolean {
    return this.stopper.signal.aborted;
  }

  /**
   * Makes the keeper of one key.
   *
   * @param key - the store key
   * @param options - the state's options
   * @returns the keeper
   */
  keeper(key: string, options: ResolvedStateOptions): StateKeeper {
    this.keepers += 1;
    return new StateKeeper(this, key, options);
  }

  /** Stops retrying: pending and later failing store calls give up with `StateSaveError`. */
  stop(): void {
    this.stopper.abort();
  }

  /**
   * Runs a store call, retrying it with back-off (each failure reported) until it succeeds, the
   * bot stops or the key was given up. Stores time out their own calls (a call that hangs is the
   * store's to end, e.g. the Redis store's `commandTimeoutMs`).
   *
   * @param key - the key the call is for
   * @param operation - load or save
   * @param call - the store call
   * @param context - the update or delegate, for the reports
   * @returns what the call returned
   * @throws {@link StateSaveError} when the bot stopped before the call succeeded
   */
  async retry<T>(
    key: string,
    operation: 'load' | 'save',
    call: () => Promise<T>,
    context: StateContext,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (this.poisoned.has(key)) throw new StateSaveError(key);
      try {
        return await call();
      } catch (error) {
        if (this.stopping || error instanceof StoreClosedError) {
          throw new StateSaveError(key, { cause: error });
        }
        const delay = backoffDelay(attempt - 1, this.backoff);
        this.stats.retries += 1;
        log('%s of %s failed (attempt %d), retrying in %d ms', operation, key, attempt, delay);
        this.reportError(new StateStoreError(key, operation, attempt, { cause: error }), {
          source: 'state',
          outcome: 'retry',
          retryInMs: delay,
          ...context,
        });
        try {
          await sleep(this.clock, delay, this.stopper.signal);
        } catch {
          throw new StateSaveError(key, { cause: error });
        }
      }
    }
  }

  /**
   * Reports a stored value thrown away by `onInvalid: 'reset'` (it was unusable).
   *
   * @param error - why it was unusable
   * @param context - the update being handled
   */
  reportReset(error: unknown, context: StateContext): void {
    this.reportError(error, { source: 'state', outcome: 'continue', ...context });
  }

  /**
   * Holds an update whose state was not saved: it must not be confirmed, and no later update of
   * its key may be handled in this process.
   *
   * @param key - the store key
   * @param incoming - the update (or event)
   * @param error - why
   */
  hold(key: string, incoming: Incoming, error: StateSaveError): void {
    this.poisoned.add(key);
    if (!this.held.has(incoming)) this.stats.held += 1;
    this.held.set(incoming, error);
    log('holding %s for %s: not saved', incoming.update?.update_id ?? incoming.flavor, key);
  }

  /** Whether a key was given up (its later updates are held). */
  isPoisoned(key: string): boolean {
    return this.poisoned.has(key);
  }

  /**
   * The error an update was held with, if it was.
   *
   * @param incoming - the update (or event)
   * @returns the error, or `undefined` when it was handled durably
   */
  heldError(incoming: Incoming): StateSaveError | undefined {
    return this.held.get(incoming);
  }
}
