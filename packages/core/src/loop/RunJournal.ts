import type { Update } from '@delegram/api';
import createDebug from 'debug';
import type { Inbox, InboxRecovery } from '../inbox/Inbox.js';
import type { WindowEntry } from './OffsetWindow.js';

const log = createDebug('delegram:loop');

/** An update of a batch whose append failed, and its entry if it was dispatched. */
interface Unjournaled {
  readonly update: Update;
  readonly entry: WindowEntry | undefined;
}

/**
 * A `MessageLoop` run's side of its inbox: batches are appended while they are dispatched, and
 * the next poll (which confirms them) waits for the append. When an append fails, the updates of
 * that batch that are not finished yet are neither journaled nor handled: they must not be
 * confirmed. The journal then blocks polling until they are journaled by a retry or finished,
 * and caps the offset a final confirmation may send below the oldest of them.
 *
 * @internal
 */
export class RunJournal {
  private unjournaled: Unjournaled[] = [];

  /**
   * @param inbox - the loop's inbox, open
   */
  constructor(readonly inbox: Inbox) {}

  /**
   * Opens the inbox and reports the damage it found.
   *
   * @param report - gets each `InboxCorruptError`
   * @returns what the previous run left unfinished
   * @throws what `open` threw (the loop cannot run without its journal)
   */
  async open(report: (problem: Error) => void): Promise<InboxRecovery> {
    const recovery = await this.inbox.open();
    for (const problem of recovery.problems) report(problem);
    if (recovery.unfinished.length > 0) {
      log('replaying %d unfinished update(s) from the inbox', recovery.unfinished.length);
    }
    return recovery;
  }

  /**
   * Closes the inbox (its pending done marks written), reporting a failure.
   *
   * @param report - gets the error, if any
   */
  async close(report: (error: unknown) => void): Promise<void> {
    try {
      await this.inbox.close();
    } catch (error) {
      report(error);
    }
  }

  /**
   * Starts appending a batch; the caller dispatches it meanwhile, then awaits the result.
   *
   * @param updates - the new updates, in order
   * @returns a promise of the append's error, or `undefined` once it is durable
   */
  append(updates: readonly Update[]): Promise<Error | undefined> {
    return this.inbox.append(updates).then(
      () => undefined,
      (error: unknown) =>
        error instanceof Error ? error : new Error(`inbox append failed: ${String(error)}`),
    );
  }

  /**
   * Records a batch whose append failed.
   *
   * @param updates - the batch
   * @param entries - the window entry of each update dispatched (the first ones, in order)
   */
  failed(updates: readonly Update[], entries: readonly WindowEntry[]): void {
    for (let i = 0; i < updates.length; i++) {
      this.unjournaled.push({ update: updates[i]!, entry: entries[i] });
    }
  }

  /** Whether updates of a failed append are neither journaled since nor finished. */
  get blocked(): boolean {
    if (this.unjournaled.length === 0) return false; // asked before every poll: no allocation
    this.unjournaled = this.unjournaled.filter(({ entry }) => !settled(entry));
    return this.unjournaled.length > 0;
  }

  /**
   * Appends the unfinished updates of failed batches again.
   *
   * @throws InboxWriteError (or what the inbox threw) when it fails again
   */
  async retry(): Promise<void> {
    if (!this.blocked) return;
    const pending = this.unjournaled;
    await this.inbox.append(pending.map(({ update }) => update));
    this.unjournaled = this.unjournaled.filter((item) => !pending.includes(item));
  }

  /**
   * The offset that confirms nothing left unjournaled and unfinished.
   *
   * @param offset - the offset the window would confirm
   * @returns `offset`, or the id of the oldest such update when it is lower
   */
  cap(offset: number | undefined): number | undefined {
    let lowest = offset;
    for (const { update, entry } of this.unjournaled) {
      if (settled(entry)) continue;
      if (lowest === undefined || update.update_id < lowest) lowest = update.update_id;
    }
    return lowest;
  }
}

/** Finished, and not held for redelivery (a held update still needs the journal). */
function settled(entry: WindowEntry | undefined): boolean {
  return entry !== undefined && entry.done && entry.held !== true;
}
