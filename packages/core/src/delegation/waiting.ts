import type { Incoming } from '../Incoming.js';
import type { DelegateRecord, MailItem } from './DelegateRecord.js';
import { saveBeforeWait, takenDurably } from './durableSteps.js';
import { timerDelay } from '../timerDelay.js';
import { DelegateClosedError, DelegationSetupError, WaitTooLongError } from './errors.js';
import { isControl, isEvent } from './Mailbox.js';
import type { Mailbox } from './Mailbox.js';

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * Hands a mailbox item to the delegate's pending `listener.wait()`: a message it captures
 * resolves the wait (and settles when the handler takes the next one or ends); a lifecycle request
 * that closes the delegate rejects it with `DelegateClosedError`.
 *
 * @returns a promise that resolves when the item has been processed
 * @internal
 */
export function handToWaiter(mb: Mailbox, rec: DelegateRecord, item: MailItem): Promise<void> {
  const waiter = rec.waiter as NonNullable<DelegateRecord['waiter']>;
  if (isControl(item)) {
    const reason = mb.controlReason(rec, item);
    if (reason === undefined) return RESOLVED;
    rec.closeRequested ??= reason;
    rec.waiter = undefined;
    waiter.reject(new DelegateClosedError(rec.closeRequested));
    return RESOLVED;
  }
  if (!mb.captured(rec, item)) {
    if (rec.closeRequested !== undefined) {
      rec.waiter = undefined;
      waiter.reject(new DelegateClosedError(rec.closeRequested));
    }
    return RESOLVED;
  }
  if (rec.keeper !== undefined && !takenDurably(mb, rec, item)) return RESOLVED;
  rec.waiter = undefined;
  if (!isEvent(item)) mb.resetIdle(rec);
  return new Promise<void>((resolve) => {
    (rec.taken ??= []).push(resolve);
    waiter.resolve(item);
  });
}

/**
 * `listener.wait()`: the delegate's next captured message, taken from its mailbox. The message
 * being handled counts as processed from this call on (a durable delegate saves its state first).
 *
 * @param mb - the mailbox
 * @param rec - the waiting delegate
 * @returns the message
 * @internal
 */
export function waitNext(mb: Mailbox, rec: DelegateRecord, timeout?: number): Promise<Incoming> {
  if (!rec.inStep) {
    return Promise.reject(
      new DelegationSetupError(
        "listener.wait() works only inside the delegate's own handler (onMessage, open or run); " +
          'messages for it are queued until then',
      ),
    );
  }
  if (rec.waiter !== undefined || rec.saving) {
    return Promise.reject(
      new DelegationSetupError(
        'listener.wait() is already pending; await it before calling it again',
      ),
    );
  }
  if (rec.closeRequested !== undefined || !rec.isAlive) {
    return Promise.reject(new DelegateClosedError(rec.closeRequested ?? { reason: 'closed' }));
  }
  const next =
    rec.keeper !== undefined
      ? saveBeforeWait(mb, rec).then(() => takeNext(mb, rec))
      : takeNext(mb, rec);
  return timeout === undefined ? next : bounded(mb, rec, next, timeout);
}

/**
 * A wait that gives up after `seconds`: the pending waiter is withdrawn (a message arriving later
 * goes to the mailbox as usual) and the wait rejects with {@link WaitTooLongError}.
 */
function bounded(
  mb: Mailbox,
  rec: DelegateRecord,
  next: Promise<Incoming>,
  seconds: number,
): Promise<Incoming> {
  const clock = mb.host.state.clock; // the bot's clock
  return new Promise<Incoming>((resolve, reject) => {
    let settled = false;
    const timer = clock.setTimeout(
      () => {
        if (settled) return;
        const waiter = rec.waiter;
        if (waiter === undefined) return; // taken already: the message is on its way
        rec.waiter = undefined;
        settled = true;
        reject(new WaitTooLongError(seconds));
      },
      timerDelay(seconds * 1000),
    );
    next.then(
      (incoming) => {
        clock.clearTimeout(timer);
        if (settled) return;
        settled = true;
        resolve(incoming);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        if (settled) return;
        settled = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The second half of {@link waitNext}, once the checks passed (and the state was saved). */
function takeNext(mb: Mailbox, rec: DelegateRecord): Promise<Incoming> {
  if (rec.closeRequested !== undefined || !rec.isAlive) {
    return Promise.reject(new DelegateClosedError(rec.closeRequested ?? { reason: 'closed' }));
  }
  if (rec.stepDone === undefined) rec.waitedInStep = true;
  else mb.releaseStep(rec);
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
      const reason = mb.controlReason(rec, item);
      resolve();
      if (reason === undefined) continue;
      rec.closeRequested ??= reason;
      return Promise.reject(new DelegateClosedError(rec.closeRequested));
    }
    if (!mb.captured(rec, item)) {
      resolve();
      if (rec.closeRequested === undefined) continue;
      return Promise.reject(new DelegateClosedError(rec.closeRequested));
    }
    if (rec.keeper !== undefined && !takenDurably(mb, rec, item)) {
      resolve();
      continue;
    }
    if (!isEvent(item)) mb.resetIdle(rec);
    (rec.taken ??= []).push(resolve);
    return Promise.resolve(item);
  }
  return new Promise<Incoming>((resolve, reject) => {
    rec.waiter = { resolve, reject };
  });
}
