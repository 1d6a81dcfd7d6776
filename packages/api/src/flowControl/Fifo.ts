/**
 * A first-in first-out queue with O(1) `push` and `shift` (an array with a moving head that is
 * compacted now and then), for queues that may hold many thousand entries.
 *
 * @example
 * ```ts
 * const fifo = new Fifo<number>();
 * fifo.push(1);
 * fifo.shift(); // 1
 * ```
 */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  /** How many entries are queued. */
  get length(): number {
    return this.items.length - this.head;
  }

  /**
   * Adds an entry at the end.
   *
   * @param item - the entry
   */
  push(item: T): void {
    this.items.push(item);
  }

  /**
   * The first entry, without removing it.
   *
   * @returns it, or `undefined` when empty
   */
  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /**
   * Removes and returns the first entry.
   *
   * @returns it, or `undefined` when empty
   */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head]!;
    this.items[this.head] = undefined as T;
    this.head++;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
