/** What a {@link DeadlineHeap} orders by: the due time, then the order of scheduling. */
export interface HeapEntry {
  /** When it falls due (clock time in ms). */
  readonly at: number;
  /** Scheduling order, to break ties: earlier first. */
  readonly seq: number;
}

/**
 * A binary min-heap of deadlines, earliest `at` first (ties by `seq`): the timer store of
 * {@link ManualClock} and of flow control's `TimerQueue`.
 *
 * @example
 * ```ts
 * const heap = new DeadlineHeap<{ at: number; seq: number }>();
 * heap.push({ at: 5, seq: 1 });
 * heap.peek(); // { at: 5, seq: 1 }
 * ```
 */
export class DeadlineHeap<T extends HeapEntry> {
  /** The entries, in heap order (the earliest first; the rest unordered). */
  readonly items: T[] = [];

  /** How many entries it holds. */
  get length(): number {
    return this.items.length;
  }

  /** The earliest entry, or `undefined` when empty. */
  peek(): T | undefined {
    return this.items[0];
  }

  /**
   * Adds an entry.
   *
   * @param entry - the entry
   */
  push(entry: T): void {
    const h = this.items;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  /**
   * Removes the earliest entry.
   *
   * @returns it, or `undefined` when empty
   */
  pop(): T | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (last === undefined || h.length === 0) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) return top;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }

  /** Removes every entry. */
  clear(): void {
    this.items.length = 0;
  }
}

function before(a: HeapEntry, b: HeapEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
