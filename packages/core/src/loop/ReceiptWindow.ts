import type { WindowEntry } from './OffsetWindow.js';

/**
 * The bookkeeping of a polling loop that confirms updates on receipt (`confirm: 'on-receipt'`):
 * the offset to send is one past the newest update taken in, whether handled or not, and only the
 * updates still in progress are remembered, so memory stays bounded by what is in progress even
 * when one handler never finishes. Same shape as {@link OffsetWindow}.
 */
export class ReceiptWindow {
  private readonly open = new Set<WindowEntry>();
  private highest: number | undefined;

  /** Number of updates taken in and not yet finished. */
  get unfinished(): number {
    return this.open.size;
  }

  /** Updates the next poll would bring again: none, since every received update is confirmed. */
  get size(): number {
    return 0;
  }

  /** One past the newest update taken in; `undefined` before the first update. */
  get nextOffset(): number | undefined {
    return this.highest === undefined ? undefined : this.highest + 1;
  }

  /** Ids of the updates that have not finished, oldest first. */
  unfinishedIds(): number[] {
    return [...this.open].map((entry) => entry.id).sort((a, b) => a - b);
  }

  /**
   * Tells whether an update is new (Telegram never sends a confirmed update again, but a batch
   * answered twice, e.g. by a proxy, must not be handled twice).
   *
   * @param id - the update's id
   * @param fetchOffset - the offset the fetch was made with
   * @returns `true` if the update should be handled
   */
  isNew(id: number, fetchOffset: number | undefined): boolean {
    if (this.highest === undefined || id > this.highest) return true;
    // Telegram restarts ids at random after a week without updates (see OffsetWindow.isNew).
    return this.open.size === 0 && fetchOffset !== undefined && id < fetchOffset;
  }

  /**
   * Takes an update in (call only when {@link ReceiptWindow.isNew} said so).
   *
   * @param id - the update's id
   * @returns the entry to pass to {@link ReceiptWindow.finish}
   */
  add(id: number): WindowEntry {
    const entry: WindowEntry = { id, done: false };
    this.open.add(entry);
    this.highest = id; // lower than before only after an id restart (see isNew)
    return entry;
  }

  /**
   * Counts every update up to `id` as taken in (journaled ones not dispatched yet, or done
   * before a restart): the offset moves past them, and they are no longer new.
   *
   * @param id - the highest update id taken in
   */
  advance(id: number): void {
    if (this.highest === undefined || id > this.highest) this.highest = id;
  }

  /**
   * On receipt an update was confirmed when it was taken in: one that asks for redelivery
   * cannot be, and is finished like any other (see docs/state.md); with an inbox, the journal
   * keeps it for the next run.
   *
   * @param entry - the entry from {@link ReceiptWindow.add}
   */
  hold(entry: WindowEntry): void {
    this.finish(entry);
    entry.held = true; // kept for an inbox, which must keep it for the next run
  }

  /**
   * Marks an update finished and forgets it.
   *
   * @param entry - what {@link ReceiptWindow.add} returned
   */
  finish(entry: WindowEntry): void {
    if (entry.done) return;
    entry.done = true;
    this.open.delete(entry);
  }
}
