/**
 * Another process wrote the same broadcast's cursor while this one was running it: two
 * processes are running the broadcast with the same id. This run stops (its queued messages are
 * not sent); let one process own a broadcast.
 */
export class BroadcastConflictError extends Error {
  /** Always `'BroadcastConflictError'`. */
  override readonly name = 'BroadcastConflictError';

  /** @param id - the broadcast's id */
  constructor(readonly id: string) {
    super(
      `broadcast '${id}': its cursor was written by another process while this one ran it; ` +
        'run a broadcast in one process at a time',
    );
  }
}
