import type { StateStore } from '../state/StateStore.js';
import { BroadcastConflictError } from './BroadcastConflictError.js';
import type { BroadcastCounts, ChatOutcome } from './BroadcastReport.js';

/** The store key of a broadcast's cursor. */
export const cursorKey = (id: string): string => `broadcast:${id}`;
/** The prefix of a broadcast's recorded outcomes other than `sent`. */
export const outcomePrefix = (id: string): string => `broadcast-outcome:${id}:`;

/** What is stored under {@link cursorKey}: the progress, in positions of the chat list. */
interface CursorRecord {
  readonly v: 1;
  /** Every position below it is finished. */
  readonly next: number;
  /** Finished positions at or above `next`. */
  readonly done: readonly number[];
  /** Positions whose message was about to leave, with no outcome recorded yet. */
  readonly sending: readonly number[];
  readonly counts: BroadcastCounts;
  readonly finished: boolean;
  readonly startedAt: number;
  /** Milliseconds spent sending in earlier runs (not counting the time it was stopped). */
  readonly elapsedMs: number;
}

/** An outcome other than `sent`, stored for the report (`broadcast-outcome:<id>:<position>`). */
export interface StoredOutcome {
  readonly chatId: number | string;
  readonly outcome: Exclude<ChatOutcome, 'sent'>;
  /** Telegram's description (or the error's message), never the token. */
  readonly reason?: string;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

const zeroCounts = (): BroadcastCounts => ({
  sent: 0,
  blocked: 0,
  notFound: 0,
  failed: 0,
  uncertain: 0,
});

const COUNT_OF: Record<ChatOutcome, keyof BroadcastCounts> = {
  sent: 'sent',
  blocked: 'blocked',
  not_found: 'notFound',
  failed: 'failed',
  uncertain: 'uncertain',
};

/**
 * A broadcast's durable progress: which positions of the chat list are finished, which were
 * being sent, and the counts. Writes are group-committed: while one write is in flight, every
 * change waits for the next one, which carries them all; the cursor is written with
 * compare-and-set, so a second process running the same broadcast is detected, not obeyed.
 */
export class BroadcastCursor {
  next = 0;
  readonly done = new Set<number>();
  readonly sending = new Set<number>();
  counts: BroadcastCounts = zeroCounts();
  finished = false;
  startedAt = 0;
  elapsedBefore = 0;
  private version = 0;
  private writing = false;
  private waiters: Waiter[] = [];
  private outcomes: [number, StoredOutcome][] = [];
  private sessionStart = 0;

  /**
   * @param store - where it is kept
   * @param id - the broadcast's id
   * @param now - the clock's time
   */
  constructor(
    private readonly store: StateStore,
    readonly id: string,
    private readonly now: () => number,
  ) {}

  /**
   * Reads the stored progress, if any (a resumed broadcast).
   *
   * @returns whether there was one
   */
  async load(): Promise<boolean> {
    this.sessionStart = this.now();
    const stored = await this.store.get(cursorKey(this.id));
    if (stored === undefined) {
      this.startedAt = this.sessionStart;
      return false;
    }
    const record = JSON.parse(stored.value) as CursorRecord;
    this.version = stored.version;
    this.next = record.next;
    for (const p of record.done) this.done.add(p);
    for (const p of record.sending) this.sending.add(p);
    this.counts = { ...zeroCounts(), ...record.counts };
    this.finished = record.finished;
    this.startedAt = record.startedAt;
    this.elapsedBefore = record.elapsedMs;
    return true;
  }

  /** Milliseconds spent sending, over every run of this broadcast. */
  get elapsedMs(): number {
    return this.elapsedBefore + (this.finished ? 0 : this.now() - this.sessionStart);
  }

  /**
   * Whether a position needs nothing more: finished in this run or an earlier one.
   *
   * @param position - the chat's position in the list
   * @returns true when it has an outcome
   */
  isFinished(position: number): boolean {
    return position < this.next || this.done.has(position);
  }

  /**
   * Marks a position as being sent and waits until that is stored: call it right before the
   * message leaves.
   *
   * @param position - the chat's position
   * @returns a promise that resolves once the mark is durable
   */
  markSending(position: number): Promise<void> {
    this.sending.add(position);
    return this.flush();
  }

  /**
   * Forgets a mark whose message certainly did not leave (it was aborted while queued).
   *
   * @param position - the chat's position
   */
  unmark(position: number): void {
    this.sending.delete(position);
  }

  /**
   * Records a position's outcome; stored with the next write (see {@link BroadcastCursor.flush}).
   *
   * @param position - the chat's position
   * @param chatId - the chat
   * @param outcome - what happened
   * @param reason - why it was not sent, for outcomes other than `sent`
   */
  record(position: number, chatId: number | string, outcome: ChatOutcome, reason?: string): void {
    this.sending.delete(position);
    this.done.add(position);
    while (this.done.has(this.next)) this.done.delete(this.next++);
    this.counts = { ...this.counts, [COUNT_OF[outcome]]: this.counts[COUNT_OF[outcome]] + 1 };
    if (outcome !== 'sent') {
      this.outcomes.push([
        position,
        { chatId, outcome, ...(reason === undefined ? {} : { reason }) },
      ]);
    }
  }

  /**
   * Writes the progress, joining a write in flight: resolves once every change made before the
   * call is stored.
   *
   * @returns a promise for the write
   * @throws BroadcastConflictError when another process wrote the cursor in between
   */
  flush(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.kick();
    });
  }

  /** Marks the broadcast finished (stored by the next flush). */
  finish(): void {
    this.elapsedBefore = this.elapsedMs;
    this.finished = true;
  }

  /** Adds this run's time to the stored total (when it stops before the end). */
  pause(): void {
    this.elapsedBefore = this.elapsedMs;
    this.sessionStart = this.now();
  }

  private kick(): void {
    if (this.writing || this.waiters.length === 0) return;
    this.writing = true;
    const batch = this.waiters;
    this.waiters = [];
    const outcomes = this.outcomes;
    this.outcomes = [];
    const record: CursorRecord = {
      v: 1,
      next: this.next,
      done: [...this.done],
      sending: [...this.sending],
      counts: this.counts,
      finished: this.finished,
      startedAt: this.startedAt,
      elapsedMs: this.finished ? this.elapsedBefore : this.elapsedMs,
    };
    void this.write(record, outcomes).then(
      () => {
        this.writing = false;
        for (const w of batch) w.resolve();
        this.kick();
      },
      (error: unknown) => {
        this.writing = false;
        this.outcomes = [...outcomes, ...this.outcomes];
        for (const w of batch) w.reject(error);
        this.kick();
      },
    );
  }

  private async write(record: CursorRecord, outcomes: [number, StoredOutcome][]): Promise<void> {
    // the outcomes first: a cursor that counts them never points at missing records
    await Promise.all(
      outcomes.map(([position, outcome]) =>
        this.store.set(outcomePrefix(this.id) + String(position), JSON.stringify(outcome)),
      ),
    );
    const result = await this.store.set(cursorKey(this.id), JSON.stringify(record), {
      ifVersion: this.version,
    });
    if (!result.ok) throw new BroadcastConflictError(this.id);
    this.version = result.version;
  }
}
