import { constants } from 'node:fs';
import { open, readFile, rename, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Clock, TimerId, Update } from '@delegram/api';
import { checkOptions, is, systemClock } from '@delegram/api';
import createDebug from 'debug';
import { InboxCorruptError, InboxWriteError } from './errors.js';
import type { Inbox, InboxRecovery } from './Inbox.js';
import { JOURNAL_VERSION, decodeRecord, encodeRecord } from './journalRecord.js';

const log = createDebug('delegram:inbox');

/** Done marks that are written at once, without waiting for `doneFlushMs`. */
const DONE_BATCH = 1024;

/** Options for {@link FileInbox}. */
export interface FileInboxOptions {
  /**
   * How far a batch is made durable before its updates may be confirmed: `'fsync'` (default)
   * waits for `fdatasync`, so the journal survives a power cut; `'os'` waits only for the write
   * into the operating system, which survives a crash of the process but not of the machine.
   */
  sync?: 'fsync' | 'os';
  /** Rewrite the journal with only the unfinished updates once it is past this size (8 MiB). */
  compactBytes?: number;
  /**
   * Longest time a done mark waits for the next write, in ms (default 1000). Done marks go out
   * with the next batch of updates; without one, after this delay (or once 1,024 are waiting).
   * A mark lost in a crash means its update is handled once more (at least once).
   */
  doneFlushMs?: number;
  /** The clock of the done-mark delay (default: the system clock). */
  clock?: Clock;
}

/** Counters of a {@link FileInbox}. */
export interface FileInboxStats {
  /** Updates appended. */
  appended: number;
  /** Updates marked done. */
  done: number;
  /** Writes to the file (each holds every record queued since the previous one). */
  writes: number;
  /** `fdatasync` calls. */
  syncs: number;
  /** Rewrites of the journal down to its unfinished updates. */
  compactions: number;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface Pending {
  readonly id: number;
  readonly line: string;
}

/**
 * An {@link Inbox} in one append-only file: one checksummed line per record (an update, the ids
 * of updates done), written in batches with one `fdatasync` each (group commit), compacted by
 * rewriting it with only the unfinished updates (atomically, by rename). A record torn by a
 * crash, or damaged, is reported as {@link InboxCorruptError} and its bytes are saved beside the
 * journal. See `docs/delivery.md`.
 *
 * @example
 * ```ts
 * const loop = new MessageLoop(bot, undefined, { inbox: new FileInbox('./bot.inbox') });
 * ```
 */
export class FileInbox implements Inbox {
  /** Counters since this inbox was created. */
  readonly stats: FileInboxStats = { appended: 0, done: 0, writes: 0, syncs: 0, compactions: 0 };

  private readonly sync: boolean;
  private readonly compactBytes: number;
  private readonly doneFlushMs: number;
  private readonly clock: Clock;
  private doneTimer: { readonly id: TimerId } | undefined;
  private doneDue = false;
  private handle: FileHandle | undefined;
  private state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  /** Durable and not done: id → its line (kept for compaction). */
  private readonly live = new Map<number, string>();
  /** Appended, not yet written. */
  private appends: Pending[] = [];
  private appendWaiters: Waiter[] = [];
  /** Appended and being written (a `done` for one of them is kept). */
  private readonly writing = new Set<number>();
  private doneIds: number[] = [];
  private highest: number | undefined;
  private size = 0;
  private flushing: Promise<void> | undefined;

  /**
   * @param path - the journal file (created when missing; its directory must exist)
   * @param options - durability and compaction
   */
  constructor(
    readonly path: string,
    options: FileInboxOptions = {},
  ) {
    if (typeof path !== 'string' || path === '') {
      throw new TypeError('new FileInbox(path): path must be a non-empty string');
    }
    checkOptions('new FileInbox(path, options)', options, {
      sync: is.oneOf('fsync', 'os'),
      compactBytes: is.number,
      doneFlushMs: is.number,
      clock: is.object,
    });
    this.clock = options.clock ?? systemClock;
    this.doneFlushMs = options.doneFlushMs ?? 1000;
    if (!Number.isSafeInteger(this.doneFlushMs) || this.doneFlushMs < 0) {
      throw new RangeError(
        'new FileInbox(path, options): doneFlushMs must be an integer of 0 or more',
      );
    }
    this.sync = (options.sync ?? 'fsync') === 'fsync';
    this.compactBytes = options.compactBytes ?? 8 * 1024 * 1024;
    if (!Number.isSafeInteger(this.compactBytes) || this.compactBytes < 1) {
      throw new RangeError('new FileInbox(path, options): compactBytes must be a positive integer');
    }
  }

  /** Updates appended and not done. */
  get unfinished(): number {
    return this.live.size + this.appends.length + this.writing.size;
  }

  /**
   * Opens the journal (again after {@link FileInbox.close}), reads it back, saves damaged
   * records aside and rewrites it with only the unfinished updates.
   *
   * @returns the unfinished updates, the highest id seen, and the damage found
   * @throws InboxWriteError when the file cannot be read, repaired or rewritten
   */
  async open(): Promise<InboxRecovery> {
    if (this.state === 'opening' || this.state === 'open') {
      throw new Error(`FileInbox ${this.path}: already open (close() it first)`);
    }
    this.state = 'opening';
    this.live.clear();
    this.writing.clear();
    this.appends = [];
    this.appendWaiters = [];
    this.doneIds = [];
    this.highest = undefined;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw this.failure('open', error);
      text = '';
    }
    const problems = await this.readJournal(text);
    try {
      await this.rewrite();
    } catch (error) {
      throw this.failure('open', error);
    }
    this.state = 'open';
    const unfinished = [...this.live.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, line]) => JSON.parse(line.slice(9, -1)) as Update);
    log('opened %s: %d unfinished, highest %s', this.path, unfinished.length, this.highest);
    return { unfinished, highestId: this.highest, problems };
  }

  /**
   * Appends updates; resolves once they are written (and synced, with `sync: 'fsync'`).
   *
   * @param updates - new updates, in order
   * @throws InboxWriteError when the write or sync failed (the file is cut back to before it)
   */
  append(updates: readonly Update[]): Promise<void> {
    if (this.state !== 'open') {
      return Promise.reject(
        this.state === 'closed'
          ? new InboxWriteError(this.path, 'closed', undefined)
          : new Error(`FileInbox ${this.path}: call open() before append()`),
      );
    }
    if (updates.length === 0) return Promise.resolve();
    for (const update of updates) {
      const id = update.update_id;
      this.appends.push({ id, line: encodeRecord('u', JSON.stringify(update)) });
    }
    return new Promise<void>((resolve, reject) => {
      this.appendWaiters.push({ resolve, reject });
      this.schedule();
    });
  }

  /**
   * Marks an update done; written with the next batch (not synced on its own).
   *
   * @param updateId - the update's `update_id`
   */
  done(updateId: number): void {
    if (this.state !== 'open') return;
    if (this.live.delete(updateId) || this.writing.has(updateId) || this.isQueued(updateId)) {
      this.doneIds.push(updateId);
      this.stats.done += 1;
      // Done marks need no sync: they ride along with the next batch of updates, or go out on
      // their own after `doneFlushMs`, so that a busy bot does not write once per handled update.
      if (this.doneIds.length >= DONE_BATCH || this.doneFlushMs === 0) this.schedule();
      else this.armDoneTimer();
    }
  }

  /** Writes what is queued and closes the file; `open()` may be called again afterwards. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    if (this.state === 'open') {
      while (this.flushing !== undefined) await this.flushing;
      if (this.appends.length > 0 || this.doneIds.length > 0) await this.flush().catch(() => {});
    }
    this.state = 'closed';
    if (this.doneTimer !== undefined) this.clock.clearTimeout(this.doneTimer.id);
    this.doneTimer = undefined;
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  private isQueued(id: number): boolean {
    return this.appends.some((pending) => pending.id === id);
  }

  private armDoneTimer(): void {
    if (this.doneTimer !== undefined) return;
    this.doneTimer = {
      id: this.clock.setTimeout(() => {
        this.doneTimer = undefined;
        this.doneDue = true;
        if (this.state === 'open') this.schedule();
      }, this.doneFlushMs),
    };
  }

  /** Whether a write is due: updates wait for one, done marks only past their delay or batch. */
  private writeDue(): boolean {
    const done = this.doneIds.length;
    return (
      this.appends.length > 0 ||
      done >= DONE_BATCH ||
      (done > 0 && (this.doneDue || this.doneFlushMs === 0))
    );
  }

  private schedule(): void {
    if (this.flushing !== undefined) return;
    // One turn of the event loop collects every append and done of this tick into one write.
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.flushAll(),
    );
  }

  private async flushAll(): Promise<void> {
    try {
      while (this.state === 'open' && this.writeDue()) {
        await this.flush().catch(() => {}); // each waiter got its error
      }
    } finally {
      this.flushing = undefined;
      if (this.state === 'open' && this.doneIds.length > 0) this.armDoneTimer();
    }
  }

  /** Writes every queued record in one write (and one sync when updates are among them). */
  private async flush(): Promise<void> {
    const appends = this.appends;
    const waiters = this.appendWaiters;
    const doneIds = this.doneIds;
    this.doneDue = false;
    this.appends = [];
    this.appendWaiters = [];
    this.doneIds = [];
    for (const pending of appends) this.writing.add(pending.id);
    let text = '';
    for (const pending of appends) text += pending.line;
    if (doneIds.length > 0) text += encodeRecord('d', doneIds.join(','));
    const handle = this.handle!;
    const before = this.size;
    let operation: 'write' | 'sync' = 'write';
    try {
      const bytes = Buffer.from(text, 'utf8');
      // A write may take only part of the buffer (a disk that fills up midway): go on until all
      // of it is written or the next write fails.
      for (let at = 0; at < bytes.length;) {
        at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
      }
      this.stats.writes += 1;
      this.size += bytes.length;
      if (this.sync && appends.length > 0) {
        operation = 'sync';
        await handle.datasync();
        this.stats.syncs += 1;
      }
    } catch (error) {
      for (const pending of appends) this.writing.delete(pending.id);
      // What was not written is not in the journal: cut a partial write off, and keep the done
      // marks for the next write (their updates are still in the file).
      await handle.truncate(before).catch(() => {});
      this.size = before;
      this.doneIds = doneIds.concat(this.doneIds);
      const failure = this.failure(operation, error);
      log('%s', failure.message);
      for (const waiter of waiters) waiter.reject(failure);
      throw failure;
    }
    const done = new Set(doneIds);
    for (const pending of appends) {
      this.writing.delete(pending.id);
      if (this.highest === undefined || pending.id > this.highest) this.highest = pending.id;
      if (!done.has(pending.id)) this.live.set(pending.id, pending.line);
    }
    this.stats.appended += appends.length;
    for (const waiter of waiters) waiter.resolve();
    if (this.size > this.compactBytes) {
      try {
        await this.rewrite();
      } catch (error) {
        log('%s', this.failure('compact', error).message); // the old journal stays in use
      }
    }
  }

  /** Reads the journal's records into `live` and `highest`; saves damaged bytes aside. */
  private async readJournal(text: string): Promise<InboxCorruptError[]> {
    const damaged: { offset: number; bytes: string; tail: boolean; reason: string }[] = [];
    let offset = 0;
    let start = 0;
    while (start < text.length) {
      const end = text.indexOf('\n', start);
      const line = end === -1 ? text.slice(start) : text.slice(start, end);
      const raw = end === -1 ? line : line + '\n';
      const next = end === -1 ? text.length : end + 1;
      const record = end === -1 ? { damaged: 'cut off (no end of line)' } : decodeRecord(line);
      if ('damaged' in record) {
        damaged.push({ offset, bytes: raw, tail: next >= text.length, reason: record.damaged });
      } else if (record.kind === 'v' && record.version !== JOURNAL_VERSION) {
        throw this.failure(
          'open',
          new Error(`journal format ${record.version}; this version reads ${JOURNAL_VERSION}`),
        );
      } else if (record.kind === 'u') {
        this.live.set(record.id, raw);
        if (this.highest === undefined || record.id > this.highest) this.highest = record.id;
      } else if (record.kind === 'd') {
        for (const id of record.ids) this.live.delete(id);
      } else if (record.kind === 'h') {
        if (this.highest === undefined || record.id > this.highest) this.highest = record.id;
      }
      offset += Buffer.byteLength(raw, 'utf8');
      start = next;
    }
    if (damaged.length === 0) return [];
    const savedTo = await this.saveDamaged(damaged.map((d) => d.bytes).join(''));
    return damaged.map(
      (d) =>
        new InboxCorruptError(
          this.path,
          d.offset,
          Buffer.byteLength(d.bytes),
          d.tail,
          savedTo,
          d.reason,
        ),
    );
  }

  private async saveDamaged(bytes: string): Promise<string> {
    for (let n = 1; ; n++) {
      const target = `${this.path}.damaged-${n}`;
      try {
        await writeFile(target, bytes, { flag: 'wx' });
        return target;
      } catch (error) {
        if (codeOf(error) !== 'EEXIST') throw this.failure('open', error);
      }
    }
  }

  /** Replaces the journal by one holding only the unfinished updates (write, sync, rename). */
  private async rewrite(): Promise<void> {
    let text = encodeRecord('v', String(JOURNAL_VERSION));
    if (this.highest !== undefined) text += encodeRecord('h', String(this.highest));
    for (const id of [...this.live.keys()].sort((a, b) => a - b)) text += this.live.get(id)!;
    const temporary = join(dirname(this.path), `.${basename(this.path)}.tmp`);
    const file = await open(temporary, 'w');
    try {
      await file.write(text);
      if (this.sync) await file.datasync();
    } finally {
      await file.close();
    }
    await rename(temporary, this.path);
    if (this.sync) await syncDirectory(dirname(this.path));
    const previous = this.handle;
    this.handle = await open(this.path, 'a');
    await previous?.close();
    this.size = Buffer.byteLength(text, 'utf8');
    if (this.state === 'open') this.stats.compactions += 1;
  }

  private failure(operation: 'open' | 'write' | 'sync' | 'compact', error: unknown) {
    return new InboxWriteError(this.path, operation, codeOf(error), { cause: error });
  }
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
