import type { DelegatorBot } from '../DelegatorBot.js';
import type { Incoming } from '../Incoming.js';
import type { StateOptions } from '../state/StateOptions.js';
import type { LifecycleState } from './lifecycle.js';
import type { Listener } from './Listener.js';
import type { oneShot, SeedKey, Seeder } from './Seed.js';

/**
 * Why a delegate closed, passed once to `onClose`:
 * - `closed`: it called `close()` itself;
 * - `idle`: its idle timeout expired (and `onIdle` did not keep it);
 * - `stopped`: `bot.stop()` closed it;
 * - `error`: a handler threw (`error` holds what was thrown).
 */
export type CloseReason =
  | {
      /** It called `close()` itself. */
      readonly reason: 'closed';
    }
  | {
      /** Its idle timeout expired. */
      readonly reason: 'idle';
      /** The timeout, in seconds. */
      readonly seconds: number;
    }
  | {
      /** `bot.stop()` closed it. */
      readonly reason: 'stopped';
    }
  | {
      /** A handler threw. */
      readonly reason: 'error';
      /** What the handler threw. */
      readonly error: unknown;
    };

/** The `_idle` event's data, given to `onIdle`. */
export interface IdleEvent {
  /** The idle timeout that expired, in seconds. */
  readonly seconds: number;
}

/**
 * How the runtime reads and restores a delegate's durable state. Handler classes with a `state`
 * field provide one, and so do durable machines (`fromMachine(machine, { state })`); the runtime
 * loads the stored state into it before the first message and saves what `read()` returns after
 * each handled message, when it changed.
 */
export interface StateBinding {
  /** The default key namespace (the class name, the machine id); `options.name` overrides it. */
  readonly name: string;
  /** How the state is stored: name, schema, migrations, expiry, codec. */
  readonly options?: StateOptions | undefined;
  /** The state as it is now, to save. */
  read(): unknown;
  /**
   * Puts the stored state in place (`undefined`: nothing stored, start from the initial state).
   * Called before the first message, and again when a write lost to another writer, or when a
   * failed handler's changes are undone. May be async.
   */
  load(stored: { readonly value: unknown } | undefined): unknown;
}

/**
 * What the runtime runs: the behaviour of one delegate. Handler classes implement it; so do the
 * objects made by {@link call}, {@link createRun} and {@link fromMachine}.
 *
 * Every method may be async; the delegate's next message waits for it.
 */
export interface DelegateLogic {
  /**
   * Idle timeout in seconds, read once when the delegate is created (`undefined` or `0`: none).
   */
  readonly idleTimeout?: number | undefined;
  /**
   * What to do when a handler throws: `'close'` (default) closes the delegate with reason
   * `error`; `'keep'` reports the error and keeps the delegate.
   */
  readonly onError?: 'close' | 'keep' | undefined;
  /**
   * Called with the first message before it is handled.
   *
   * @returns `true` to suppress handling of the first message
   */
  open?(initial: Incoming, seed: SeedKey | typeof oneShot): unknown;
  /**
   * Tells whether a message routed to this delegate is for it (its capture); messages it does not
   * accept are dropped and do not reset the idle timeout. Without it (and without listener
   * capture patterns) every message routed to the delegate is accepted.
   */
  accepts?(incoming: Incoming): boolean;
  /** Handles one captured message or event (the first message too, if captured and not suppressed by `open`). */
  onMessage(incoming: Incoming): unknown;
  /**
   * Called when the idle timeout expires; without it the delegate closes with reason `idle`. If
   * it does not call `close()`, the delegate stays open with no timer until its next message.
   */
  onIdle?(event: IdleEvent): unknown;
  /** Called exactly once when the delegate closes, with the reason. */
  onClose?(reason: CloseReason): unknown;
  /**
   * The delegate's durable state, read once when the delegate is created (`undefined`: none). See
   * {@link StateBinding}.
   */
  readonly stateBinding?: StateBinding | undefined;
}

/**
 * The runtime's side of one delegate, handed to the delegator in the {@link SeedTuple}: its key,
 * state, listener, and `close()`.
 */
export interface DelegateControl {
  /** The seed that created the delegate (its key, or {@link oneShot}). */
  readonly seed: SeedKey | typeof oneShot;
  /** The lifecycle state. */
  readonly state: LifecycleState;
  /** Whether the delegate is alive (not closing or closed). */
  readonly isAlive: boolean;
  /** The delegate's listener: capture templates and `wait()`. */
  readonly listener: Listener;
  /**
   * The delegate's behaviour: your handler instance (set once the delegator returned; read it for
   * inspection, e.g. `bot.delegateOf(0, chatId)?.logic`).
   */
  readonly logic: DelegateLogic;
  /**
   * Closes the delegate with reason `closed` once the current message is done (from inside a
   * handler, or from the delegator or handler constructor: after the first message), or after the
   * messages already in its mailbox (from outside).
   */
  close(): void;
  /**
   * Runs a side effect of the message being handled at most once, even when the update is
   * delivered again after a crash that came before its state was saved: with durable state the
   * effect's name is recorded in the store as soon as it ran, and a redelivery skips it. A crash
   * between the effect and that record can still repeat it (see docs/state.md). Without durable
   * state the effect simply runs.
   *
   * @param name - names the effect within the update (`'welcome'`, `'receipt'`)
   * @param effect - the side effect, such as sending a message
   * @returns the effect's result, or `undefined` when it had run already for this update
   */
  once<T>(name: string, effect: () => T | Promise<T>): Promise<T | undefined>;
}

/**
 * What a delegator receives: telepot's seed tuple `(bot, msg, seed)`, as an object, plus the
 * delegate's {@link DelegateControl}.
 */
export interface SeedTuple {
  /** The bot. */
  readonly bot: DelegatorBot;
  /** The message that caused the delegate to be created (its first message). */
  readonly incoming: Incoming;
  /** The seed. */
  readonly seed: SeedKey | typeof oneShot;
  /** The runtime's handle on the new delegate. */
  readonly delegate: DelegateControl;
}

/**
 * A delegator: builds a delegate's logic for a seed tuple. It runs synchronously in `handle`, so
 * the delegate exists before the next message is dispatched.
 */
export type Delegator = (seedTuple: SeedTuple) => DelegateLogic;

/** A delegation pattern: a seeder and the delegator for the seeds it returns. */
export type DelegationPattern = readonly [seeder: Seeder, delegator: Delegator];
