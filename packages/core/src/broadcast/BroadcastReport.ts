/**
 * What happened to one chat of a broadcast:
 * - `sent`: the message was delivered;
 * - `blocked`: 403, the user blocked the bot, deleted their account, or the bot left the group;
 * - `not_found`: 400 `chat not found` (or the chat was upgraded away);
 * - `failed`: another error, after flow control's retries;
 * - `uncertain`: a crash came while its message was leaving, so whether it arrived is unknown
 *   (a resumed broadcast does not send it again unless `resendUncertain` is set).
 */
export type ChatOutcome = 'sent' | 'blocked' | 'not_found' | 'failed' | 'uncertain';

/** How many chats had each outcome. */
export interface BroadcastCounts {
  /** Delivered. */
  readonly sent: number;
  /** 403: blocked by the user, deactivated, or the bot is no longer in the chat. */
  readonly blocked: number;
  /** 400: chat not found. */
  readonly notFound: number;
  /** Other errors. */
  readonly failed: number;
  /** Unknown after a crash (see {@link ChatOutcome}). */
  readonly uncertain: number;
}

/** A broadcast's progress, as its `progress` event and `run.progress` give it. */
export interface BroadcastProgress extends BroadcastCounts {
  /** The broadcast's id. */
  readonly id: string;
  /** Chats with an outcome, over every run of this broadcast. */
  readonly done: number;
  /** Chats whose message is queued or leaving now. */
  readonly inFlight: number;
  /** Milliseconds spent sending, over every run (not the time it was stopped). */
  readonly elapsedMs: number;
  /** Messages sent per second in this run so far. */
  readonly ratePerSecond: number;
}

/** What a broadcast's `done` resolves with. */
export interface BroadcastReport extends BroadcastProgress {
  /** Every chat of the list has an outcome (a later run does nothing). */
  readonly finished: boolean;
  /** It was stopped (by `stop()` or its signal) before the end; run it again to resume. */
  readonly stopped: boolean;
}

/** One chat's outcome, as the `outcome` event gives it. */
export interface BroadcastOutcome {
  /** The chat. */
  readonly chatId: number | string;
  /** Its position in the chat list (what the stored cursor counts). */
  readonly position: number;
  /** What happened. */
  readonly outcome: ChatOutcome;
  /** The error, for outcomes other than `sent` and `uncertain`. */
  readonly error?: unknown;
}
