import type { Update } from '@delegram/api';
import type { InboxCorruptError } from './errors.js';

/** What an {@link Inbox} found when it was opened: the work a previous run left unfinished. */
export interface InboxRecovery {
  /** Updates appended and never marked done, in `update_id` order: handle them again. */
  readonly unfinished: readonly Update[];
  /**
   * The highest `update_id` ever appended (also of updates done and compacted away), or
   * `undefined` for an empty journal. A loop resumes polling after it, so an update that was
   * journaled but whose confirmation never reached Telegram is not handled twice.
   */
  readonly highestId: number | undefined;
  /** Damaged records found (and set aside, never dropped silently); report each one. */
  readonly problems: readonly InboxCorruptError[];
}

/**
 * A durable local inbox (a journal) for received updates: the loop appends every new update
 * and waits until it is on disk, confirms it to Telegram at once, handles it, and marks it done.
 * After a crash, {@link Inbox.open} returns the updates that were not done, to be handled again.
 * At-least-once, without Telegram sending in-progress updates again with every poll.
 *
 * {@link FileInbox} is the implementation in core (an append-only, checksummed file with
 * batched `fdatasync`); any other durable log can implement this interface.
 */
export interface Inbox {
  /**
   * Opens the journal (once, before any other call) and reads back what is unfinished.
   *
   * @returns the unfinished updates, the highest id seen, and any damage found
   * @throws InboxWriteError when the journal cannot be opened or repaired
   */
  open(): Promise<InboxRecovery>;
  /**
   * Appends updates; the promise resolves once they are durable (only then may they be
   * confirmed to Telegram). Calls made in the same tick share one write and one sync.
   *
   * @param updates - new updates, in order
   * @throws InboxWriteError when they could not be written (disk full, I/O error): they are
   *   not in the journal, so they must not be confirmed
   */
  append(updates: readonly Update[]): Promise<void>;
  /**
   * Marks an update done (handled, successfully or with a reported error). Written with the
   * next batch; if that write is lost in a crash, the update is handled again (at least once).
   *
   * @param updateId - the update's `update_id`
   */
  done(updateId: number): void;
  /** Writes what is pending and closes the journal; later `done` calls are ignored. */
  close(): Promise<void>;
}
