/** A key that orders updates: updates sharing a key are handled one after another. */
export type SequenceKey = string | number;

interface Chain {
  tail: Promise<unknown>;
  length: number;
}

/**
 * Runs tasks so that tasks sharing a key run one at a time, in the order they were given, while
 * tasks with different keys run concurrently (grammY runner's `sequentialize`, with the same
 * constant memory per idle key: a key is forgotten once its last task settles).
 */
export class Sequencer {
  private readonly chains = new Map<SequenceKey, Chain>();

  /** Number of keys with a task running or waiting. */
  get activeKeys(): number {
    return this.chains.size;
  }

  /**
   * Runs `task` after every earlier task of any of `keys` has settled.
   *
   * @param keys - the keys of this task (none: it runs at once)
   * @param task - the work; may return a promise
   * @returns the task's outcome
   */
  run<T>(keys: readonly SequenceKey[], task: () => T | Promise<T>): Promise<T> {
    const before: Promise<unknown>[] = [];
    for (const key of keys) {
      const chain = this.chains.get(key);
      if (chain !== undefined) before.push(chain.tail);
    }
    const result =
      before.length === 0 ? Promise.resolve().then(task) : Promise.allSettled(before).then(task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of keys) {
      const chain = this.chains.get(key);
      if (chain === undefined) this.chains.set(key, { tail: settled, length: 1 });
      else {
        chain.tail = settled;
        chain.length += 1;
      }
    }
    void settled.then(() => {
      for (const key of keys) {
        const chain = this.chains.get(key);
        if (chain === undefined) continue;
        chain.length -= 1;
        if (chain.length === 0) this.chains.delete(key);
      }
    });
    return result;
  }
}
