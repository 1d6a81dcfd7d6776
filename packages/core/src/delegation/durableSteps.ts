import createDebug from 'debug';
import type { Incoming } from '../Incoming.js';
import { StateConflictError, StateSaveError } from '../state/errors.js';
import type { Loaded } from '../state/StateKeeper.js';
import type { StateContext } from '../state/StateService.js';
import type { DelegateRecord } from './DelegateRecord.js';
import { DelegateClosedError } from './errors.js';
import { isEvent, isThenable } from './Mailbox.js';
import type { Mailbox } from './Mailbox.js';

const log = createDebug('delegram:state');

/** How many times an update is handled again after losing a compare-and-set, before giving up. */
const CONFLICT_ATTEMPTS = 5;

function context(rec: DelegateRecord, incoming: Incoming | undefined): StateContext {
  return { seed: rec.seed, update: incoming?.update, incoming };
}

function toStored(loaded: Loaded): { readonly value: unknown } | undefined {
  return loaded.found ? { value: loaded.value } : undefined;
}

/** Holds an update that could not be applied durably, and closes the delegate. */
function hold(mb: Mailbox, rec: DelegateRecord, incoming: Incoming, error: StateSaveError): void {
  mb.host.state.hold(rec.keeper!.key, incoming, error);
  rec.closeRequested ??= { reason: 'error', error };
}

/**
 * What every durable message goes through before its handler: the key is not given up, the state
 * is loaded (once), and the state has not applied this message already.
 *
 * @returns whether to handle the message
 */
async function prepare(mb: Mailbox, rec: DelegateRecord, incoming: Incoming): Promise<boolean> {
  const keeper = rec.keeper!;
  const service = mb.host.state;
  if (service.isPoisoned(keeper.key)) {
    hold(mb, rec, incoming, new StateSaveError(keeper.key));
    return false;
  }
  if (!keeper.loaded) {
    try {
      const loaded = await keeper.load(context(rec, incoming));
      const restored = rec.binding!.load(toStored(loaded));
      if (isThenable(restored)) await restored;
    } catch (error) {
      if (error instanceof StateSaveError) hold(mb, rec, incoming, error);
      else mb.fail(rec, error, incoming, 'state');
      return false;
    }
  }
  return notApplied(mb, rec, incoming);
}

function notApplied(mb: Mailbox, rec: DelegateRecord, incoming: Incoming): boolean {
  if (!rec.keeper!.isApplied(incoming)) return true;
  mb.host.state.stats.skipped += 1;
  log('skipped %s for %s: its state applied it already', describe(incoming), rec.keeper!.key);
  return false;
}

function describe(incoming: Incoming): string {
  const id = incoming.update?.update_id;
  return id === undefined ? `event ${incoming.flavor}` : `update ${id}`;
}

/**
 * A message `listener.wait()` is about to take: not for a given-up key, not applied already.
 *
 * @returns whether the wait may take it (otherwise it is settled and passed over)
 * @internal
 */
export function takenDurably(mb: Mailbox, rec: DelegateRecord, incoming: Incoming): boolean {
  const keeper = rec.keeper!;
  if (mb.host.state.isPoisoned(keeper.key)) {
    mb.host.state.hold(keeper.key, incoming, new StateSaveError(keeper.key));
    return false;
  }
  if (!notApplied(mb, rec, incoming)) return false;
  rec.current = incoming;
  return true;
}

/** Puts the last saved state back after a failed handler (for `onError: 'keep'`). */
async function undo(rec: DelegateRecord): Promise<void> {
  if (rec.logic.onError !== 'keep') return;
  const restored = rec.binding!.load(toStored(rec.keeper!.lastSaved()));
  if (isThenable(restored)) await restored;
}

/**
 * Saves the state after `incoming` was applied. On a lost compare-and-set the fresh state is put
 * in place and the update handled again with `rerun` (when it can be: not after a `wait()`),
 * unless the other writer applied it already.
 *
 * @returns whether the state was saved (or was unchanged)
 */
async function saveApplied(
  mb: Mailbox,
  rec: DelegateRecord,
  incoming: Incoming | undefined,
  rerun: (() => unknown) | undefined,
): Promise<boolean> {
  const keeper = rec.keeper!;
  const binding = rec.binding!;
  for (let attempt = 1; ; attempt++) {
    let outcome;
    try {
      outcome = await keeper.save(binding.read(), incoming, context(rec, incoming));
    } catch (error) {
      if (error instanceof StateSaveError && incoming !== undefined) hold(mb, rec, incoming, error);
      else {
        mb.fail(rec, error, incoming, 'state');
        await undo(rec);
      }
      return false;
    }
    if (outcome.kind !== 'conflict') return true;
    const restored = binding.load(toStored(outcome.loaded));
    if (isThenable(restored)) await restored;
    if (incoming !== undefined && keeper.isApplied(incoming)) return true;
    if (rerun === undefined || attempt >= CONFLICT_ATTEMPTS) {
      mb.fail(rec, new StateConflictError(keeper.key, attempt), incoming, 'state');
      return false;
    }
    try {
      const result = rerun();
      if (isThenable(result)) await result;
    } catch (error) {
      mb.fail(rec, error, incoming);
      await undo(rec);
      return false;
    }
  }
}

/**
 * The first message of a durable delegate: load its state, then `open()` and `onMessage` as for
 * any delegate, then save. A first message its state applied already is skipped, and the
 * delegate stays `opening` for the next one.
 *
 * @internal
 */
export async function durableOpen(
  mb: Mailbox,
  rec: DelegateRecord,
  incoming: Incoming,
): Promise<void> {
  if (await prepare(mb, rec, incoming)) {
    rec.snapshot = mb.host.lifecycle.next(rec.snapshot, 'opened');
    const logic = rec.logic;
    await applyDurably(mb, rec, incoming, async () => {
      let suppressed: unknown = false;
      if (logic.open !== undefined) {
        suppressed = logic.open(incoming, rec.seed);
        if (isThenable(suppressed)) suppressed = await suppressed;
      }
      if (suppressed !== true && mb.captured(rec, incoming)) {
        const result = logic.onMessage(incoming);
        if (isThenable(result)) await result;
      }
    });
  }
  if (rec.closeRequested !== undefined) await mb.finish(rec);
}

/**
 * A later message of a durable delegate: skip it if its state applied it already, else handle it
 * and save.
 *
 * @internal
 */
export async function durableStep(
  mb: Mailbox,
  rec: DelegateRecord,
  incoming: Incoming,
): Promise<void> {
  if (await prepare(mb, rec, incoming)) {
    rec.waitedInStep = false;
    await applyDurably(mb, rec, incoming, async () => {
      const result = rec.logic.onMessage(incoming);
      if (isThenable(result)) await result;
    });
  }
  if (rec.closeRequested !== undefined) await mb.finish(rec);
}

/**
 * Runs a prepared message's handler, then saves what it applied (or undoes a failed one's
 * changes); a lost compare-and-set runs `onMessage` again unless the handler waited.
 */
async function applyDurably(
  mb: Mailbox,
  rec: DelegateRecord,
  incoming: Incoming,
  handle: () => Promise<void>,
): Promise<void> {
  if (!isEvent(incoming)) mb.resetIdle(rec);
  rec.inStep = true;
  rec.waited = false;
  rec.current = incoming;
  let failed = false;
  try {
    await handle();
  } catch (error) {
    failed = true;
    mb.fail(rec, error, incoming);
    await undo(rec);
  }
  if (!failed && !nothingToSave(rec)) {
    const rerun = rec.waited ? undefined : () => rec.logic.onMessage(incoming);
    await saveApplied(mb, rec, rec.current, rerun);
  }
  rec.current = undefined;
  mb.endStep(rec);
}

/** A handler whose save failed at a `wait()` has nothing more to save: it is closing. */
function nothingToSave(rec: DelegateRecord): boolean {
  return rec.current === undefined;
}

/**
 * `listener.wait()` in a durable delegate: the message being handled is done, so its state is
 * saved before the wait settles it and takes the next one.
 *
 * @throws DelegateClosedError (rejection) when the save failed and the delegate closes
 * @internal
 */
export async function saveBeforeWait(mb: Mailbox, rec: DelegateRecord): Promise<void> {
  rec.waited = true;
  const current = rec.current;
  if (current === undefined) return;
  rec.saving = true;
  let saved: boolean;
  try {
    saved = await saveApplied(mb, rec, current, undefined);
  } finally {
    rec.saving = false;
  }
  if (!saved) {
    rec.current = undefined;
    throw new DelegateClosedError(rec.closeRequested ?? { reason: 'closed' });
  }
}

/**
 * After `onIdle`: save what it changed (no update to record).
 *
 * @internal
 */
export async function saveAfterIdle(mb: Mailbox, rec: DelegateRecord): Promise<void> {
  if (rec.keeper!.loaded) await saveApplied(mb, rec, undefined, undefined);
}

/**
 * Runs a side effect of the message being handled at most once, across redeliveries: when the
 * delegate keeps durable state and the message is an update, the effect's name is recorded in
 * the store right after it ran, so a redelivery of the same update (after a crash before its
 * state was saved) skips it. Without durable state it simply runs.
 *
 * @returns the effect's result, or `undefined` when it had run already for this update
 * @internal
 */
export async function runOnce<T>(
  rec: DelegateRecord,
  name: string,
  effect: () => T | Promise<T>,
): Promise<T | undefined> {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError('once(name, effect): name must be a non-empty string');
  }
  if (typeof effect !== 'function') {
    throw new TypeError('once(name, effect): effect must be a function');
  }
  const keeper = rec.keeper;
  const incoming = rec.current;
  if (keeper === undefined || incoming?.update === undefined) return effect();
  if (keeper.effectDone(incoming, name)) {
    log('skipped effect %s of %s for %s: done before', name, describe(incoming), keeper.key);
    return undefined;
  }
  const value = await effect();
  const recorded = await keeper.recordEffect(incoming, name, context(rec, incoming));
  if (!recorded)
    log('effect %s of %s: another writer got to %s first', name, describe(incoming), keeper.key);
  return value;
}
