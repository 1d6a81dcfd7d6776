/**
 * A snapshot of {@link flowControl}'s scheduler, from {@link FlowControl.stats}. Counters
 * (`sent`, `delayed`, ...) count since the flow control was created; the others are now.
 *
 * @example
 * ```ts
 * const { queued, longestQueue, pausedChats } = fc.stats();
 * ```
 */
export interface FlowControlStats {
  /** Calls waiting in a queue now (retries waiting out a 429 included). */
  readonly queued: number;
  /** Limited calls sent and not yet answered. */
  readonly inFlight: number;
  /** Limited calls answered successfully. */
  readonly sent: number;
  /** Calls that could not be sent at once and had to wait. */
  readonly delayed: number;
  /** 429 answers received. */
  readonly rateLimited: number;
  /** Calls queued again after a 429. */
  readonly retried: number;
  /** Queued calls that left because their signal aborted. */
  readonly aborted: number;
  /** Queued calls given up after `maxQueueDelayMs`. */
  readonly expired: number;
  /** Chats whose queue is paused by a 429 now. */
  readonly pausedChats: number;
  /** Until when all limited calls pause (clock time in ms), if they do now. */
  readonly globalPauseUntil?: number;
  /** The length of the longest chat queue now. */
  readonly longestQueue: number;
  /** Chats the scheduler keeps state for now (queues and rate buckets); idle ones are dropped. */
  readonly trackedChats: number;
}
