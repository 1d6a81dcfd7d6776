/** One update in an {@link OffsetWindow}: its id and whether its handling has finished. */
export interface WindowEntry {
  /** The update's `update_id`. */
  readonly id: number;
  /** Set once the update's handling finished (successfully or with a reported error). */
  done: boolean;
  /** Held: it failed in a way that asks for redelivery, so the offset never passes it. */
  held?: boolean;
}

/**
 * The offset bookkeeping of a polling loop: which updates were taken in, in order, and which of
 * them have finished.
 *
 * The offset to confirm is the id of the oldest unfinished update (so that it, and everything
 * after it, comes back after a crash), or one past the newest update when all have finished.
 * Adding and finishing are O(1) amortized: entries sit in an array in arrival order and the head
 * moves past finished entries.
 */
export class OffsetWindow {
  private entries: WindowEntry[] = [];
  private head = 0;
  private highest: number | undefined;
  private pending = 0;

  /** Called whenever the head moves (the offset to confirm grows). */
  onAdvance: (() => void) | undefined;

  /** Number of updates taken in and not yet finished. */
  get unfinished(): number {
    return this.pending;
  }

  /** Number of updates between the oldest unfinished one and the newest, inclusive. */
  get size(): number {
    return this.entries.length - this.head;
  }

  /**
   * The offset that confirms exactly the finished prefix: the oldest unfinished update's id, or
   * the newest id + 1 when all finished; `undefined` before the first update.
   */
  get nextOffset(): number | undefined {
    const first = this.entries[this.head];
    if (first !== undefined) return first.id;
    return this.highest === undefined ? undefined : this.highest + 1;
  }

  /** Ids of the updates that have not finished, oldest first. */
  unfinishedIds(): number[] {
    const ids: number[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if (!entry.done) ids.push(entry.id);
    }
    return ids;
  }

  /**
   * Tells whether an update fetched with `fetchOffset` is new, or one already taken in (Telegram
   * sends unconfirmed updates again on every poll).
   *
   * @param id - the update's id
   * @param fetchOffset - the offset the fetch was made with
   * @returns `true` if the update should be handled
   */
  isNew(id: number, fetchOffset: number | undefined): boolean {
    if (this.highest === undefined || id > this.highest) return true;
    // Telegram restarts ids at random after a week without updates: below the offset we asked
    // for, with nothing in progress, is such a restart.
    return this.size === 0 && fetchOffset !== undefined && id < fetchOffset;
  }

  /**
   * Takes an update in (call only when {@link OffsetWindow.isNew} said so).
   *
   * @param id - the update's id
   * @returns the entry to pass to {@link OffsetWindow.finish}
   */
  add(id: number): WindowEntry {
    const entry: WindowEntry = { id, done: false };
    this.entries.push(entry);
    this.highest = id;
    this.pending += 1;
    return entry;
  }

  /**
   * Marks an update as one that must be delivered again (its durable state was not saved): it no
   * longer counts as in progress, but the offset stays at it, so it is not confirmed and the next
   * run (the next process) gets it again.
   *
   * @param entry - the entry from {@link OffsetWindow.add}
   */
  hold(entry: WindowEntry): void {
    if (entry.done || entry.held === true) return;
    entry.held = true;
    this.pending -= 1;
  }

  /**
   * Marks an update finished and moves the head past every finished entry.
   *
   * @param entry - what {@link OffsetWindow.add} returned
   */
  finish(entry: WindowEntry): void {
    if (entry.done || entry.held === true) return;
    entry.done = true;
    this.pending -= 1;
    if (this.entries[this.head] !== entry) return;
    while (this.entries[this.head]?.done === true) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    this.onAdvance?.();
  }
}
