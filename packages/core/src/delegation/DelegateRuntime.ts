import type { Clock } from '@delegram/api';
import createDebug from 'debug';
import type { ErrorInfo } from '../BotEvents.js';
import type { DelegatorBot } from '../DelegatorBot.js';
import type { Incoming } from '../Incoming.js';
import type { CloseReason, DelegateLogic, Delegator, SeedTuple } from './Delegate.js';
import { ControlItem, DelegateRecord } from './DelegateRecord.js';
import type { MailItem } from './DelegateRecord.js';
import { DelegateClosedError, DelegationSetupError, DelegatorStoppedError } from './errors.js';
import { IdleList } from './IdleTimers.js';
import type { IdleNode } from './IdleTimers.js';
import { LifecycleTable } from './lifecycle.js';
import { oneShot, registryKey } from './Seed.js';
import type { Seed, Seeder } from './Seed.js';

const log = createDebug('delegram:delegate');
const RESOLVED: Promise<void> = Promise.resolve();
const noop = (): void => {};
const IDLE = new ControlItem('idle');
const STOP = new ControlItem('stop');
const CLOSE = new ControlItem('close');

/** What the runtime needs from its bot. */
export interface RuntimeHost {
  readonly bot: DelegatorBot;
  readonly clock: Clock;
  reportError(error: unknown, info: ErrorInfo): void;
  /** Called for a message no pattern took. */
  unhandled(incoming: Incoming): void;
}

/** One delegation pattern with its registry of live delegates. @internal */
export interface PatternSlot {
  readonly seeder: Seeder;
  readonly delegator: Delegator;
  readonly registry: Map<string | number, DelegateRecord>;
}

function isPair(value: unknown): boolean {
  return Array.isArray(value) && typeof value[0] === 'function' && typeof value[1] === 'function';
}

function isControl(item: MailItem): item is ControlItem {
  return item instanceof ControlItem;
}

function isEvent(incoming: Incoming): boolean {
  return incoming.flavor.charCodeAt(0) === 95; /* '_' */
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * The delegate runtime behind {@link DelegatorBot}: registries, mailboxes, idle timers, lifecycle.
 *
 * **How xstate is used.** Every delegate's lifecycle (`opening → active → closing → closed`) is the
 * xstate v5 machine {@link delegateLifecycle}, evaluated with xstate's pure `transition()` API;
 * because the machine has no context, its snapshots are shared between delegates and each
 * (state, event) pair is computed by xstate once ({@link LifecycleTable}). A delegate therefore
 * holds one shared snapshot reference instead of an `Actor` (about 3.5 KB each), and a message
 * that does not change the lifecycle costs no xstate work at all. The actor model itself (one
 * mailbox per delegate, one message at a time, in order, async handlers awaited) is the mailbox
 * drain loop here; a user who wants a full xstate actor as a delegate uses `fromMachine()`.
 *
 * **What a delegate costs.** An idle delegate is a {@link DelegateRecord} (its key, its logic, a
 * shared snapshot, idle-list links) plus the user's handler object and the registry entry; the
 * mailbox, listener and waiters exist only while used. Idle timeouts live in one intrusive list
 * per timeout value with a single clock timer for the list's head, so a reset is a few pointer
 * moves and no timer call. Measured (100k live delegates, after `global.gc()`): about 320 B per
 * delegate for a plain logic object holding a counter, 410 B for a `ChatHandler` subclass, 510 B
 * once its `sender` exists; spawn cost stays flat from 10k to 100k live delegates. Throughput
 * figures and how they were taken are in `docs/delegation.md`.
 *
 * @internal
 */
export class DelegateRuntime {
  /** The shared lifecycle snapshots. */
  readonly lifecycle = new LifecycleTable();
  private readonly slots: PatternSlot[];
  private readonly lists = new Map<number, IdleList>();
  private readonly oneShots = new Set<DelegateRecord>();
  private stopping = false;
  private stopped = false;

  /**
   * @param host - the bot, its clock and its error sink
   * @param patterns - `[seeder, delegator]` pairs, evaluated in order for each message
   */
  constructor(
    private readonly host: RuntimeHost,
    patterns: readonly (readonly [Seeder, Delegator])[],
  ) {
    const list: unknown = patterns;
    if (!(list instanceof Array)) {
      throw new DelegationSetupError(
        'new DelegatorBot(token, patterns): patterns must be an array of [seeder, delegator] pairs, ' +
          'e.g. [delegate(perChatId(), MyHandler, { timeout: 10 })]',
      );
    }
    this.slots = patterns.map((pattern, i) => {
      if (!isPair(pattern)) {
        throw new DelegationSetupError(
          `delegation pattern #${i} is not a [seeder, delegator] pair; build one with ` +
            'pair(seeder, createOpen, Handler), delegate(seeder, Handler, options) or paveEventSpace()(...)',
        );
      }
      return { seeder: pattern[0], delegator: pattern[1], registry: new Map() };
    });
  }

  /** The number of live delegates (recorded and one-shot). */
  get size(): number {
    let n = this.oneShots.size;
    for (const slot of this.slots) n += slot.registry.size;
    return n;
  }

  /** The number of armed idle timers. */
  get armedIdleTimers(): number {
    let n = 0;
    for (const list of this.lists.values()) n += list.armed;
    return n;
  }

  /**
   * Looks up the live delegate of a pattern for a seed.
   *
   * @param patternIndex - the pattern's index
   * @param seed - the seed key
   * @returns the delegate's control, if one is live
   */
  find(
    patternIndex: number,
    seed: Exclude<Seed, undefined | typeof oneShot>,
  ): DelegateRecord | undefined {
    return this.slots[patternIndex]?.registry.get(registryKey(seed));
  }

  /**
   * Routes a message through every pattern, creating delegates as needed.
   *
   * @param incoming - the message or event
   * @returns a promise that resolves when every delegate that got the message has processed it
   */
  dispatch(incoming: Incoming): Promise<void> {
    if (this.stopped) return Promise.reject(new DelegatorStoppedError());
    let first: Promise<void> | undefined;
    let more: Promise<void>[] | undefined;
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      let seed: Seed;
      try {
        seed = slot.seeder(incoming);
      } catch (error) {
        this.host.reportError(error, {
          source: 'delegate',
          incoming,
          update: incoming.update,
          outcome: 'continue',
        });
        continue;
      }
      if (seed === undefined) continue;
      const done = this.route(slot, seed, incoming);
      if (first === undefined) first = done;
      else (more ??= [first]).push(done);
    }
    if (more !== undefined) return Promise.all(more).then(noop);
    if (first === undefined) {
      this.host.unhandled(incoming);
      return RESOLVED;
    }
    return first;
  }

  private route(
    slot: PatternSlot,
    seed: Exclude<Seed, undefined>,
    incoming: Incoming,
  ): Promise<void> {
    if (seed === oneShot) {
      const rec = this.create(slot, seed, undefined, incoming);
      return rec === undefined ? RESOLVED : this.deliver(rec, incoming);
    }
    const key = registryKey(seed);
    let rec = slot.registry.get(key);
    if (rec === undefined) {
      rec = this.create(slot, seed, key, incoming);
      if (rec === undefined) return RESOLVED;
    }
    return this.deliver(rec, incoming);
  }

  private create(
    slot: PatternSlot,
    seed: Exclude<Seed, undefined>,
    key: string | number | undefined,
    incoming: Incoming,
  ): DelegateRecord | undefined {
    const rec = new DelegateRecord(this, slot, seed, key);
    const tuple: SeedTuple = { bot: this.host.bot, incoming, seed, delegate: rec };
    try {
      rec.logic = slot.delegator(tuple);
      if (
        typeof rec.logic !== 'object' ||
        rec.logic === null ||
        typeof rec.logic.onMessage !== 'function'
      ) {
        throw new DelegationSetupError(
          'a delegator returned something that is not a delegate: return an object with ' +
            'onMessage(incoming), e.g. use createOpen(MyHandler) or call(fn)',
        );
      }
      checkHooks(rec.logic);
      const timeout = rec.logic.idleTimeout;
      if (timeout !== undefined && timeout !== 0) {
        if (typeof timeout !== 'number' || !(timeout > 0) || !Number.isFinite(timeout)) {
          throw new DelegationSetupError(
            `idle timeout must be a positive number of seconds, got ${String(timeout)}; ` +
              'leave it out (or use Monitor) for a delegate that never times out',
          );
        }
        this.listFor(timeout).touch(rec);
      }
    } catch (error) {
      this.host.reportError(error, {
        source: 'delegate',
        incoming,
        update: incoming.update,
        seed,
        outcome: 'continue',
      });
      return undefined;
    }
    if (key === undefined) this.oneShots.add(rec);
    else slot.registry.set(key, rec);
    log('created delegate %o', seed);
    return rec;
  }

  private listFor(seconds: number): IdleList {
    const ms = Math.round(seconds * 1000);
    let list = this.lists.get(ms);
    if (list === undefined) {
      list = new IdleList(this.host.clock, ms, this.expire);
      this.lists.set(ms, list);
    }
    return list;
  }

  private readonly expire = (node: IdleNode): void => {
    const rec = node as DelegateRecord;
    void this.deliver(rec, rec.idleGen === 0 ? IDLE : new ControlItem('idle', rec.idleGen));
  };

  /**
   * Puts an item into a delegate's mailbox (or hands it to a pending `wait()`).
   *
   * @returns a promise that resolves when the item has been processed
   */
  deliver(rec: DelegateRecord, item: MailItem): Promise<void> {
    if (rec.waiter !== undefined) return this.handToWaiter(rec, item);
    if (!rec.busy) {
      rec.busy = true;
      if (rec.snapshot === this.lifecycle.initial) return this.first(rec, item);
      const running = this.step(rec, item, true);
      if (running === undefined) {
        this.next(rec);
        return RESOLVED;
      }
      return running;
    }
    return new Promise<void>((resolve) => {
      (rec.queue ??= []).push(item, resolve);
    });
  }

  /**
   * The first message: its promise resolves when its step ends or, for a delegate that spends its
   * life in `open()` (createRun, a conversation), when it first calls `listener.wait()`.
   */
  private first(rec: DelegateRecord, item: MailItem): Promise<void> {
    return new Promise<void>((resolve) => {
      rec.stepDone = resolve;
      const running = this.step(rec, item, false);
      const after = (): void => {
        this.releaseStep(rec);
        this.next(rec);
      };
      if (running === undefined) after();
      else void running.then(after);
    });
  }

  private releaseStep(rec: DelegateRecord): void {
    const done = rec.stepDone;
    if (done !== undefined) {
      rec.stepDone = undefined;
      done();
    }
  }

  private next(rec: DelegateRecord): void {
    if (rec.queue !== undefined && rec.queue.length > 0) void this.drain(rec);
    else this.idleAgain(rec);
  }

  private async drain(rec: DelegateRecord): Promise<void> {
    let queue: unknown[] | undefined;
    while ((queue = rec.queue) !== undefined && queue.length > 0) {
      const item = queue.shift() as MailItem;
      const resolve = queue.shift() as () => void;
      rec.stepDone = resolve;
      const running = this.step(rec, item, false);
      if (running !== undefined) await running;
      this.releaseStep(rec);
    }
    this.idleAgain(rec);
  }

  private idleAgain(rec: DelegateRecord): void {
    rec.queue = undefined;
    rec.busy = false;
  }

  /**
   * Whether the delegate captures a message. `accepts()` and capture templates are user code: one
   * that throws is a handler error (reported, `onError` applied) and the message is not captured.
   */
  private captured(rec: DelegateRecord, incoming: Incoming): boolean {
    const logic = rec.logic;
    const patterns = rec.hasCapturePatterns;
    try {
      if (logic.accepts === undefined) return !patterns || rec.listener.matches(incoming);
      return logic.accepts(incoming) || (patterns && rec.listener.matches(incoming));
    } catch (error) {
      this.fail(rec, error, incoming);
      return false;
    }
  }

  private resetIdle(rec: DelegateRecord): void {
    const timeout = rec.logic.idleTimeout;
    if (timeout === undefined || timeout === 0) return;
    rec.idleGen += 1;
    (rec.idleList ?? this.listFor(timeout)).touch(rec);
  }

  /**
   * Processes one mailbox item. The fast path (a captured message whose handler returns without
   * a promise) runs synchronously and returns `undefined`; otherwise the returned promise settles
   * when the item is done. Never rejects. With `tail`, a returned promise settles only after the
   * runtime moved on to the mailbox's next item (`next()`), which saves a promise per message.
   */
  private step(rec: DelegateRecord, item: MailItem, tail: boolean): Promise<void> | undefined {
    const state = rec.snapshot.value;
    // A closed one-shot delegate's leftovers are dropped; recorded delegates hand their mailbox to
    // a successor when they close, so they never get here.
    if (state === 'closed' || state === 'closing') return undefined;
    if (isControl(item)) return this.then(rec, this.control(rec, item), tail);
    if (state === 'opening') return this.then(rec, this.open(rec, item), tail);
    if (!this.captured(rec, item)) {
      return rec.closeRequested === undefined ? undefined : this.then(rec, this.finish(rec), tail);
    }
    if (!isEvent(item)) this.resetIdle(rec);
    rec.inStep = true;
    rec.waitedInStep = false;
    let result: unknown;
    try {
      result = rec.logic.onMessage(item);
    } catch (error) {
      this.fail(rec, error, item);
    }
    if (isThenable(result)) return this.settle(rec, result, item, tail);
    this.endStep(rec);
    return rec.closeRequested === undefined ? undefined : this.then(rec, this.finish(rec), tail);
  }

  private then(rec: DelegateRecord, running: Promise<void>, tail: boolean): Promise<void> {
    return tail ? running.then(() => this.next(rec)) : running;
  }

  /**
   * Awaits an async handler. With `tail` (the message was not queued), the returned promise is the
   * message's: it resolves when the handler first calls `listener.wait()` or else when it ends, as
   * for a queued message; the mailbox moves on only when the handler ended. Never rejects.
   */
  private settle(
    rec: DelegateRecord,
    result: PromiseLike<unknown>,
    item: Incoming,
    tail: boolean,
  ): Promise<void> {
    return new Promise<void>((resolve) => {
      // A handler that called wait() before its first await has settled its message already.
      if (tail) {
        if (rec.waitedInStep) resolve();
        else rec.stepDone = resolve;
      }
      const ended = (): void => {
        this.endStep(rec);
        if (rec.closeRequested === undefined) this.settled(rec, tail, resolve);
        else void this.finish(rec).then(() => this.settled(rec, tail, resolve));
      };
      result.then(ended, (error: unknown) => {
        this.fail(rec, error, item);
        ended();
      });
    });
  }

  private settled(rec: DelegateRecord, tail: boolean, resolve: () => void): void {
    if (!tail) {
      resolve();
      return;
    }
    this.releaseStep(rec);
    this.next(rec);
  }

  private async open(rec: DelegateRecord, incoming: Incoming): Promise<void> {
    rec.snapshot = this.lifecycle.next(rec.snapshot, 'opened');
    if (!isEvent(incoming)) this.resetIdle(rec);
    const logic = rec.logic;
    rec.inStep = true;
    try {
      let suppressed: unknown = false;
      if (logic.open !== undefined) {
        suppressed = logic.open(incoming, rec.seed);
        if (isThenable(suppressed)) suppressed = await suppressed;
      }
      if (suppressed !== true && this.captured(rec, incoming)) {
        const result = logic.onMessage(incoming);
        if (isThenable(result)) await result;
      }
    } catch (error) {
      this.fail(rec, error, incoming);
    } finally {
      this.endStep(rec);
    }
    if (rec.closeRequested !== undefined) await this.finish(rec);
  }

  private endStep(rec: DelegateRecord): void {
    rec.inStep = false;
    const taken = rec.taken;
    if (taken !== undefined) {
      rec.taken = undefined;
      for (const resolve of taken) resolve();
    }
  }

  private async control(rec: DelegateRecord, item: ControlItem): Promise<void> {
    if (item.kind === 'stop') {
      rec.closeRequested ??= { reason: 'stopped' };
    } else if (item.kind === 'close') {
      rec.closeRequested ??= { reason: 'closed' };
    } else if (item.gen === rec.idleGen && rec.idleList === undefined) {
      const seconds = rec.logic.idleTimeout ?? 0;
      const logic = rec.logic;
      if (logic.onIdle === undefined) {
        rec.closeRequested ??= { reason: 'idle', seconds };
      } else {
        rec.inStep = true;
        try {
          const result = logic.onIdle({ seconds });
          if (isThenable(result)) await result;
        } catch (error) {
          this.fail(rec, error, undefined);
        } finally {
          this.endStep(rec);
        }
      }
    } // else: a stale idle expiry (a message reset the timer since), ignored
    if (rec.closeRequested !== undefined) await this.finish(rec);
  }

  private fail(rec: DelegateRecord, error: unknown, incoming: Incoming | undefined): void {
    if (error instanceof DelegateClosedError && rec.closeRequested !== undefined) return;
    this.host.reportError(error, {
      source: 'delegate',
      incoming,
      update: incoming?.update,
      seed: rec.seed,
      outcome: 'continue',
    });
    if (rec.logic.onError !== 'keep') rec.closeRequested ??= { reason: 'error', error };
  }

  /** Runs the close: lifecycle `closing`, timers off, `onClose` once, `closed`, successor. */
  private async finish(rec: DelegateRecord): Promise<void> {
    const reason = rec.closeRequested as CloseReason;
    rec.closeReason = reason;
    rec.snapshot = this.lifecycle.next(rec.snapshot, 'close');
    rec.idleList?.remove(rec);
    rec.idleGen += 1;
    const waiter = rec.waiter;
    if (waiter !== undefined) {
      rec.waiter = undefined;
      waiter.reject(new DelegateClosedError(reason));
    }
    const logic = rec.logic;
    if (logic.onClose !== undefined) {
      try {
        const result = logic.onClose(reason);
        if (isThenable(result)) await result;
      } catch (error) {
        this.host.reportError(error, { source: 'delegate', seed: rec.seed, outcome: 'continue' });
      }
    }
    rec.snapshot = this.lifecycle.next(rec.snapshot, 'closed');
    rec.settleClosed();
    log('closed delegate %o (%s)', rec.seed, reason.reason);
    this.handOver(rec);
  }

  /** Removes a closed delegate from its registry and gives its unprocessed messages to a successor. */
  private handOver(rec: DelegateRecord): void {
    const queue = rec.queue;
    rec.queue = undefined;
    if (rec.key === undefined) {
      this.oneShots.delete(rec);
    } else if (rec.slot.registry.get(rec.key) === rec) {
      rec.slot.registry.delete(rec.key);
    }
    if (queue === undefined) return;
    let successor: DelegateRecord | undefined;
    for (let i = 0; i < queue.length; i += 2) {
      const item = queue[i] as MailItem;
      const resolve = queue[i + 1] as () => void;
      if (isControl(item) || rec.key === undefined) {
        resolve();
        continue;
      }
      if (successor === undefined || !successor.isAlive) {
        successor =
          rec.slot.registry.get(rec.key) ?? this.create(rec.slot, rec.seed, rec.key, item);
      }
      if (successor === undefined) resolve();
      else this.deliver(successor, item).then(resolve, resolve);
    }
  }

  private handToWaiter(rec: DelegateRecord, item: MailItem): Promise<void> {
    const waiter = rec.waiter as NonNullable<DelegateRecord['waiter']>;
    if (isControl(item)) {
      const reason = this.controlReason(rec, item);
      if (reason === undefined) return RESOLVED;
      rec.closeRequested ??= reason;
      rec.waiter = undefined;
      waiter.reject(new DelegateClosedError(rec.closeRequested));
      return RESOLVED;
    }
    if (!this.captured(rec, item)) {
      if (rec.closeRequested !== undefined) {
        rec.waiter = undefined;
        waiter.reject(new DelegateClosedError(rec.closeRequested));
      }
      return RESOLVED;
    }
    rec.waiter = undefined;
    if (!isEvent(item)) this.resetIdle(rec);
    return new Promise<void>((resolve) => {
      (rec.taken ??= []).push(resolve);
      waiter.resolve(item);
    });
  }

  private controlReason(rec: DelegateRecord, item: ControlItem): CloseReason | undefined {
    if (item.kind === 'stop') return { reason: 'stopped' };
    if (item.kind === 'close') return { reason: 'closed' };
    if (item.gen !== rec.idleGen || rec.idleList !== undefined) return undefined;
    return { reason: 'idle', seconds: rec.logic.idleTimeout ?? 0 };
  }

  /**
   * `listener.wait()`: the delegate's next captured message, taken from its mailbox.
   *
   * @param rec - the waiting delegate
   * @returns the message
   */
  waitNext(rec: DelegateRecord): Promise<Incoming> {
    if (!rec.inStep) {
      return Promise.reject(
        new DelegationSetupError(
          "listener.wait() works only inside the delegate's own handler (onMessage, open or run); " +
            'messages for it are queued until then',
        ),
      );
    }
    if (rec.waiter !== undefined) {
      return Promise.reject(
        new DelegationSetupError(
          'listener.wait() is already pending; await it before calling it again',
        ),
      );
    }
    if (rec.closeRequested !== undefined || !rec.isAlive) {
      return Promise.reject(new DelegateClosedError(rec.closeRequested ?? { reason: 'closed' }));
    }
    if (rec.stepDone === undefined) rec.waitedInStep = true;
    else this.releaseStep(rec);
    const taken = rec.taken;
    if (taken !== undefined) {
      rec.taken = undefined;
      for (const resolve of taken) resolve();
    }
    const queue = rec.queue;
    while (queue !== undefined && queue.length > 0) {
      const item = queue.shift() as MailItem;
      const resolve = queue.shift() as () => void;
      if (isControl(item)) {
        const reason = this.controlReason(rec, item);
        resolve();
        if (reason === undefined) continue;
        rec.closeRequested ??= reason;
        return Promise.reject(new DelegateClosedError(rec.closeRequested));
      }
      if (!this.captured(rec, item)) {
        resolve();
        if (rec.closeRequested === undefined) continue;
        return Promise.reject(new DelegateClosedError(rec.closeRequested));
      }
      if (!isEvent(item)) this.resetIdle(rec);
      (rec.taken ??= []).push(resolve);
      return Promise.resolve(item);
    }
    return new Promise<Incoming>((resolve, reject) => {
      rec.waiter = { resolve, reject };
    });
  }

  /**
   * `close()` on a delegate: applied after the current message when called from its handler (or
   * from its delegator, while it is built for its first message), otherwise queued behind the
   * messages already in its mailbox.
   */
  requestClose(rec: DelegateRecord): void {
    if (!rec.isAlive) return;
    // From the delegator (the delegate is being built for its first message): after that message.
    if (!rec.inStep && (rec.logic as DelegateLogic | undefined) !== undefined) {
      void this.deliver(rec, CLOSE);
      return;
    }
    rec.closeRequested ??= { reason: 'closed' };
    const waiter = rec.waiter; // closed from outside while the handler waits for a message
    if (waiter !== undefined) {
      rec.waiter = undefined;
      waiter.reject(new DelegateClosedError(rec.closeRequested));
    }
  }

  /**
   * Closes every delegate with reason `stopped`, after the messages already in their mailboxes.
   * Messages handed over to successors meanwhile are processed and those successors stopped too.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (;;) {
      const live: DelegateRecord[] = [...this.oneShots];
      for (const slot of this.slots) for (const rec of slot.registry.values()) live.push(rec);
      if (live.length === 0) break;
      await Promise.all(
        live.map((rec) => {
          void this.deliver(rec, STOP);
          return rec.whenClosed();
        }),
      );
    }
    for (const list of this.lists.values()) if (list.armed > 0) log('idle timers left after stop');
    this.stopped = true;
  }

  /** Whether `stop()` has begun. */
  get isStopping(): boolean {
    return this.stopping;
  }
}

const lifecycleHooks = ['open', 'onIdle', 'onClose'] as const;

/**
 * Fails early when a lifecycle hook is not a function: most often a class field with the hook's
 * name (`open = true`) that hides the method of the same name, which would otherwise break the
 * delegate on its first message with a bare TypeError.
 */
function checkHooks(logic: DelegateLogic): void {
  for (const name of lifecycleHooks) {
    const hook = (logic as unknown as Record<string, unknown>)[name];
    if (hook !== undefined && typeof hook !== 'function') {
      throw new DelegationSetupError(
        `the delegate's '${name}' is a ${hook === null ? 'null' : typeof hook}, not a method: ` +
          `a field named '${name}' hides the ${name}() hook; rename the field`,
      );
    }
  }
}
