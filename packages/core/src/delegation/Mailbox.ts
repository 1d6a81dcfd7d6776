import createDebug from 'debug';
import type { ErrorInfo } from '../BotEvents.js';
import type { Incoming } from '../Incoming.js';
import type { StateService } from '../state/StateService.js';
import type { CloseReason } from './Delegate.js';
import { ControlItem } from './DelegateRecord.js';
import type { DelegateRecord, MailItem } from './DelegateRecord.js';
import { durableOpen, durableStep, saveAfterIdle } from './durableSteps.js';
import { DelegateClosedError } from './errors.js';
import type { IdleList } from './IdleTimers.js';
import type { LifecycleTable } from './lifecycle.js';
import { handToWaiter, waitNext } from './waiting.js';

const log = createDebug('delegram:delegate');
const RESOLVED: Promise<void> = Promise.resolve();

/** What a {@link Mailbox} needs from the runtime that owns it. @internal */
export interface MailboxHost {
  /** The shared lifecycle snapshots. */
  readonly lifecycle: LifecycleTable;
  /** The bot's durable state machinery. */
  readonly state: StateService;
  /** Reports an error on the bot's `error` event. */
  reportError(error: unknown, info: ErrorInfo): void;
  /** The idle list for a timeout in seconds. */
  listFor(seconds: number): IdleList;
  /** Removes a closed delegate and gives its unprocessed messages to a successor. */
  handOver(rec: DelegateRecord): void;
}

/** Whether a mailbox item is a lifecycle request. */
export function isControl(item: MailItem): item is ControlItem {
  return item instanceof ControlItem;
}

/** Whether a message is an internal event (`_alarm`, ...) rather than an update. */
export function isEvent(incoming: Incoming): boolean {
  return incoming.flavor.charCodeAt(0) === 95; /* '_' */
}

/** Whether a value is a promise (or another thenable). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * The mailboxes of a {@link DelegateRuntime}'s delegates: how each delegate takes its messages one
 * at a time, in order, awaiting its handlers, and how it opens, idles and closes. One `Mailbox`
 * serves every delegate of a runtime; the per-delegate data lives on its {@link DelegateRecord}.
 *
 * A delegate with durable state takes its steps through `durableSteps` (load before the first
 * message, skip what its state applied already, save after each message); `waiting` holds
 * `listener.wait()`.
 *
 * @internal
 */
export class Mailbox {
  /** @param host - the owning runtime */
  constructor(readonly host: MailboxHost) {}

  /**
   * Puts an item into a delegate's mailbox (or hands it to a pending `wait()`).
   *
   * @returns a promise that resolves when the item has been processed
   */
  deliver(rec: DelegateRecord, item: MailItem): Promise<void> {
    if (rec.waiter !== undefined) return handToWaiter(this, rec, item);
    if (!rec.busy) {
      rec.busy = true;
      if (rec.snapshot === this.host.lifecycle.initial || rec.keeper !== undefined) {
        return this.first(rec, item);
      }
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
   * A message taken while the mailbox was idle whose promise must be able to settle early: the
   * first message, for a delegate that spends its life in `open()` (createRun, a conversation),
   * settles when it first calls `listener.wait()`; so does every message of a durable delegate
   * (after its state was saved).
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

  /** Settles the promise of the message being processed, once. */
  releaseStep(rec: DelegateRecord): void {
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
  captured(rec: DelegateRecord, incoming: Incoming): boolean {
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

  /** Restarts the delegate's idle timeout (a captured message arrived). */
  resetIdle(rec: DelegateRecord): void {
    const timeout = rec.logic.idleTimeout;
    if (timeout === undefined || timeout === 0) return;
    rec.idleGen += 1;
    (rec.idleList ?? this.host.listFor(timeout)).touch(rec);
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
    if (state === 'opening') {
      return this.then(
        rec,
        rec.keeper === undefined ? this.open(rec, item) : durableOpen(this, rec, item),
        tail,
      );
    }
    if (!this.captured(rec, item)) {
      return rec.closeRequested === undefined ? undefined : this.then(rec, this.finish(rec), tail);
    }
    if (rec.keeper !== undefined) return durableStep(this, rec, item);
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
    rec.snapshot = this.host.lifecycle.next(rec.snapshot, 'opened');
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

  /** Ends a handler's step: settles the messages its `wait()` calls took. */
  endStep(rec: DelegateRecord): void {
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
          if (rec.keeper !== undefined) await saveAfterIdle(this, rec);
        } catch (error) {
          this.fail(rec, error, undefined);
        } finally {
          this.endStep(rec);
        }
      }
    } // else: a stale idle expiry (a message reset the timer since), ignored
    if (rec.closeRequested !== undefined) await this.finish(rec);
  }

  /** A handler failed: reports it and, unless `onError` is `'keep'`, closes the delegate. */
  fail(
    rec: DelegateRecord,
    error: unknown,
    incoming: Incoming | undefined,
    source: 'delegate' | 'state' = 'delegate',
  ): void {
    if (error instanceof DelegateClosedError && rec.closeRequested !== undefined) return;
    this.host.reportError(error, {
      source,
      incoming,
      update: incoming?.update,
      seed: rec.seed,
      outcome: 'continue',
    });
    if (rec.logic.onError !== 'keep') rec.closeRequested ??= { reason: 'error', error };
  }

  /** Runs the close: lifecycle `closing`, timers off, `onClose` once, `closed`, successor. */
  async finish(rec: DelegateRecord): Promise<void> {
    const reason = rec.closeRequested as CloseReason;
    rec.closeReason = reason;
    rec.snapshot = this.host.lifecycle.next(rec.snapshot, 'close');
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
    rec.snapshot = this.host.lifecycle.next(rec.snapshot, 'closed');
    rec.settleClosed();
    log('closed delegate %o (%s)', rec.seed, reason.reason);
    this.host.handOver(rec);
  }

  /**
   * `listener.wait()`: the delegate's next captured message, taken from its mailbox.
   *
   * @param rec - the waiting delegate
   * @returns the message
   */
  waitNext(rec: DelegateRecord, timeout?: number): Promise<Incoming> {
    return waitNext(this, rec, timeout);
  }

  /** The close reason a lifecycle request stands for, or `undefined` for a stale idle expiry. */
  controlReason(rec: DelegateRecord, item: ControlItem): CloseReason | undefined {
    if (item.kind === 'stop') return { reason: 'stopped' };
    if (item.kind === 'close') return { reason: 'closed' };
    if (item.gen !== rec.idleGen || rec.idleList !== undefined) return undefined;
    return { reason: 'idle', seconds: rec.logic.idleTimeout ?? 0 };
  }
}
