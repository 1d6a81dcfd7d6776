import type { MemoryStore } from '../../src/state/MemoryStore.js';
import type { SetOptions, StateStore } from '../../src/state/StateStore.js';

/**
 * A real MemoryStore behind a switch that makes its calls fail, as a store whose server went
 * down does; it counts writes. `failWritesAfter` lets that many more writes through, then fails.
 */
export class FlakyStore implements StateStore {
  down = false;
  writes = 0;
  failWritesAfter: number | undefined = undefined;
  constructor(readonly inner: MemoryStore) {}
  private check(): Promise<void> {
    return this.down ? Promise.reject(new Error('connection refused')) : Promise.resolve();
  }
  async get(key: string) {
    await this.check();
    return this.inner.get(key);
  }
  async set(key: string, value: string, options?: SetOptions) {
    await this.check();
    if (this.failWritesAfter !== undefined && this.failWritesAfter-- <= 0) {
      this.failWritesAfter = 0;
      throw new Error('write timed out');
    }
    this.writes += 1;
    return this.inner.set(key, value, options);
  }
  async delete(key: string) {
    await this.check();
    return this.inner.delete(key);
  }
  entries(prefix: string) {
    return this.inner.entries(prefix);
  }
  close() {
    return this.inner.close();
  }
}
