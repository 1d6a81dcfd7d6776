import type { Clock, TimerId } from '../clock.js';

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
  private readonly heap: Entry[] = [];
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
    for (const entry of this.heap) {
      entry.cancelled = true;
      entry.inHeap = false;
    }
    this.heap.length = 0;
    this.cancelledCount = 0;
    this.disarm();
  }

  private arm(): void {
    this.disarm();
    this.dropCancelledTop();
    const top = this.heap[0];
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
      const top = this.heap[0];
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
    while (this.heap[0]?.cancelled === true) this.pop();
  }

  private compact(): void {
    const live = this.heap.filter((e) => !e.cancelled);
    for (const entry of this.heap) entry.inHeap = false;
    this.heap.length = 0;
    this.cancelledCount = 0;
    for (const entry of live) this.push(entry);
  }

  private push(entry: Entry): void {
    const h = this.heap;
    entry.inHeap = true;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const top = h[0];
    if (top !== undefined) {
      top.inHeap = false;
      if (top.cancelled) this.cancelledCount--;
    }
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
