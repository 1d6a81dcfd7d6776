/**
 * Counters of a bot's durable state, across its delegates and sessions (`bot.stateStats`).
 */
export interface StateStats {
  /** States read from the store (a delegate's first message, a session's first update). */
  loads: number;
  /** States written. */
  saves: number;
  /** Handled updates that left the state as it was (nothing written). */
  unchanged: number;
  /**
   * Updates (and durable events) not handed to a handler because their state had applied them
   * already: redeliveries after a crash or a timed-out stop.
   */
  skipped: number;
  /** Writes refused by compare-and-set because another writer got there first. */
  conflicts: number;
  /** Store calls that failed and were retried. */
  retries: number;
  /** Updates left unconfirmed because their state could not be saved before a stop. */
  held: number;
}

/** Fresh counters. @internal */
export function newStateStats(): StateStats {
  return { loads: 0, saves: 0, unchanged: 0, skipped: 0, conflicts: 0, retries: 0, held: 0 };
}
