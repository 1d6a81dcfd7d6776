import type { Clock, TimerId } from '../clock.js';
import { DeadlineHeap } from '../DeadlineHeap.js';

/** One deadline of a {@link TimerQueue}; pass it to {@link TimerQueue.cancel}. */
export interface Deadline {
  /** When it falls due (clock time in ms). */
  readonly at: number;
}

interface Entry extends Deadline {
  readonly seq: number;
  readonly fire: () => void;
  cancelled: boolean;
  inHeap: boolean;
}

/**
 * Many deadlines on one clock timer: a min-heap by due time, with the clock's timer set for the
 * earliest. Lets {@link flowControl} keep a deadline per queued call and a wake-up per waiting
 * chat without one clock timer each. Cancelled deadlines are dropped lazily and compacted away.
 *
 * @example
 * ```ts
 * const timers = new TimerQueue(clock);
 * const deadline = timers.schedule(clock.now() + 1000, () => wake());
 * timers.cancel(deadline);
 * ```
 */
export class TimerQueue {
  private readonly heap = new DeadlineHeap<Entry>();
  private seq = 0;
  private cancelledCount = 0;
  private timer: TimerId;
  private timerAt = Infinity;

  /** @param clock - the clock to wait on */
  constructor(private readonly clock: Clock) {}

  /** Deadlines scheduled and neither fired nor cancelled. */
  get size(): number {
    return this.heap.length - this.cancelledCount;
  }

  /**
   * Calls `fire` at clock time `at` (at once, on the clock's next timer turn, when it is past).
   *
   * @param at - the due time (clock time in ms)
   * @param fire - what to do then
   * @returns the deadline, for {@link TimerQueue.cancel}
   */
  schedule(at: number, fire: () => void): Deadline {
    const entry: Entry = { at, seq: ++this.seq, fire, cancelled: false, inHeap: false };
    this.push(entry);
    if (at < this.timerAt) this.arm();
    return entry;
  }

  /**
   * Cancels a deadline; cancelling a fired or cancelled one does nothing.
   *
   * @param deadline - what {@link TimerQueue.schedule} returned
   */
  cancel(deadline: Deadline | undefined): void {
    const entry = deadline as Entry | undefined;
    if (entry === undefined || entry.cancelled) return;
    entry.cancelled = true;
    if (!entry.inHeap) return;
    this.cancelledCount++;
    if (this.cancelledCount > 64 && this.cancelledCount * 2 > this.heap.length) this.compact();
    if (this.size === 0) this.disarm();
  }

  /** Cancels everything and the clock timer. */
  clear(): void {
    for (const entry of this.heap.items) {
      entry.cancelled = true;
      entry.inHeap = false;
    }
    this.heap.clear();
    this.cancelledCount = 0;
    this.disarm();
  }

  private arm(): void {
    this.disarm();
    this.dropCancelledTop();
    const top = this.heap.peek();
    if (top === undefined) return;
    this.timerAt = top.at;
    this.timer = this.clock.setTimeout(() => this.run(), Math.max(0, top.at - this.clock.now()));
  }

  private disarm(): void {
    if (this.timerAt !== Infinity) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private run(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.clock.now();
    const due: Entry[] = [];
    for (;;) {
      this.dropCancelledTop();
      const top = this.heap.peek();
      if (top === undefined || top.at > now) break;
      this.pop();
      due.push(top);
    }
    for (const entry of due) {
      if (entry.cancelled) continue;
      entry.cancelled = true;
      entry.fire();
    }
    if (this.timerAt === Infinity) this.arm();
  }

  private dropCancelledTop(): void {
    while (this.heap.peek()?.cancelled === true) this.pop();
  }

  private compact(): void {
    const live = this.heap.items.filter((e) => !e.cancelled);
    for (const entry of this.heap.items) entry.inHeap = false;
    this.heap.clear();
    this.cancelledCount = 0;
    for (const entry of live) this.push(entry);
  }

  private push(entry: Entry): void {
    entry.inHeap = true;
    this.heap.push(entry);
  }

  private pop(): void {
    const top = this.heap.pop();
    if (top === undefined) return;
    top.inHeap = false;
    if (top.cancelled) this.cancelledCount--;
  }
}
