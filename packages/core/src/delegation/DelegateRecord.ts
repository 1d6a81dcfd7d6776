import type { Incoming } from '../Incoming.js';
import type { StateKeeper } from '../state/StateKeeper.js';
import type { CloseReason, DelegateControl, DelegateLogic, StateBinding } from './Delegate.js';
import type { DelegateRuntime, PatternSlot } from './DelegateRuntime.js';
import type { IdleList, IdleNode } from './IdleTimers.js';
import { runOnce } from './durableSteps.js';
import { LifecycleTable } from './lifecycle.js';
import type { LifecycleSnapshot, LifecycleState } from './lifecycle.js';
import { Listener } from './Listener.js';
import type { oneShot, SeedKey } from './Seed.js';

/** A lifecycle request travelling through a mailbox: idle expiry, stop, or close from outside. */
export class ControlItem {
  /**
   * @param kind - what is requested
   * @param gen - for `idle`: the idle generation when the timer expired (stale if it changed)
   */
  constructor(
    readonly kind: 'idle' | 'stop' | 'close',
    readonly gen = 0,
  ) {}
}

/** One mailbox entry: a message or a lifecycle request. */
export type MailItem = Incoming | ControlItem;

/** A pending `listener.wait()`. */
export interface Waiter {
  resolve(incoming: Incoming): void;
  reject(error: unknown): void;
}

/**
 * The runtime's record of one delegate. It is deliberately small: an idle delegate holds its
 * key, its logic, a shared lifecycle snapshot and its idle-list links; the mailbox, the listener,
 * the waiter and the close promise exist only while needed.
 *
 * @internal
 */
export class DelegateRecord implements DelegateControl, IdleNode {
  idleList: IdleList | undefined = undefined;
  idlePrev: IdleNode | undefined = undefined;
  idleNext: IdleNode | undefined = undefined;
  idleDeadline = 0;
  /** Bumped whenever the idle timer is reset or cancelled; an expiry of an older generation is stale. */
  idleGen = 0;
  /** Set once by the runtime right after creation. */
  logic!: DelegateLogic;
  snapshot: LifecycleSnapshot;
  /** A message is being processed (or the mailbox is being drained). */
  busy = false;
  /** A handler of this delegate is running. */
  inStep = false;
  /** Pending entries: item, resolve, item, resolve, ... (only while non-empty). */
  queue: unknown[] | undefined = undefined;
  waiter: Waiter | undefined = undefined;
  /** Resolvers of messages taken by `wait()`, settled when the handler takes the next or ends. */
  taken: (() => void)[] | undefined = undefined;
  /** Resolves the promise of the message being processed, once (early when it calls `wait()`). */
  stepDone: (() => void) | undefined = undefined;
  /** The running handler called `wait()` before its message's promise existed (see settle). */
  waitedInStep = false;
  closeRequested: CloseReason | undefined = undefined;
  closeReason: CloseReason | undefined = undefined;
  /** The durable state's keeper, for a delegate whose logic has a `stateBinding`. */
  keeper: StateKeeper | undefined = undefined;
  /** The logic's state binding (read once at creation). */
  binding: StateBinding | undefined = undefined;
  /** Durable: the message applied last in the running step (the one its save records). */
  current: Incoming | undefined = undefined;
  /** Durable: the running step called `wait()` (it cannot be handled again on a conflict). */
  waited = false;
  /** Durable: a `wait()` is saving the state before it takes the next message. */
  saving = false;
  private listenerRef: Listener | undefined = undefined;
  private closedWaiters: (() => void)[] | undefined = undefined;

  /**
   * @param runtime - the runtime running this delegate
   * @param slot - the delegation pattern it belongs to
   * @param seed - its seed
   * @param key - its registry key (`undefined` for one-shot delegates)
   */
  constructor(
    readonly runtime: DelegateRuntime,
    readonly slot: PatternSlot,
    readonly seed: SeedKey | typeof oneShot,
    readonly key: string | number | undefined,
  ) {
    this.snapshot = runtime.lifecycle.initial;
  }

  /** The lifecycle state. */
  get state(): LifecycleState {
    return LifecycleTable.stateOf(this.snapshot);
  }

  /** Whether the delegate is neither closing nor closed. */
  get isAlive(): boolean {
    const state = this.state;
    return state === 'opening' || state === 'active';
  }

  /** The delegate's listener, created on first use. */
  get listener(): Listener {
    return (this.listenerRef ??= new Listener({
      next: (timeout) => this.runtime.waitNext(this, timeout),
    }));
  }

  /** Whether a listener with capture patterns exists. */
  get hasCapturePatterns(): boolean {
    return this.listenerRef?.hasPatterns === true;
  }

  /** Resolves once the delegate is closed (`onClose` finished). */
  whenClosed(): Promise<void> {
    if (this.state === 'closed') return Promise.resolve();
    return new Promise((resolve) => (this.closedWaiters ??= []).push(resolve));
  }

  /** Called by the runtime when the delegate reached `closed`. */
  settleClosed(): void {
    const waiters = this.closedWaiters;
    this.closedWaiters = undefined;
    if (waiters !== undefined) for (const resolve of waiters) resolve();
  }

  close(): void {
    this.runtime.requestClose(this);
  }

  once<T>(name: string, effect: () => T | Promise<T>): Promise<T | undefined> {
    return runOnce(this, name, effect);
  }
}
