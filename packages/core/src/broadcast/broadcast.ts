import { beforeDispatch, withPriority } from '@delegram/api';
import createDebug from 'debug';
import { EventEmitter } from 'eventemitter3';
import type { Bot } from '../Bot.js';
import { BroadcastConflictError } from './BroadcastConflictError.js';
import { BroadcastCursor } from './BroadcastCursor.js';
import { checkBroadcastOptions } from './BroadcastOptions.js';
import type { BroadcastChatId, BroadcastMessage, BroadcastOptions } from './BroadcastOptions.js';
import type {
  BroadcastOutcome,
  BroadcastProgress,
  BroadcastReport,
  ChatOutcome,
} from './BroadcastReport.js';
import { outcomeOf } from './outcomeOf.js';

const log = createDebug('delegram:broadcast');

/** The events of a {@link BroadcastRun}. */
export interface BroadcastEventMap {
  /** At most every `progressIntervalMs`, and once at the end. */
  progress: [progress: BroadcastProgress];
  /** Each chat's outcome, as it is recorded. */
  outcome: [outcome: BroadcastOutcome];
}

/** Broadcasts running in this process, by bot: one run per id at a time. */
const running = new WeakMap<Bot, Set<string>>();

/**
 * Sends one message (or a function of the chat) to a list of chats at the highest rate the
 * bot's flow control allows, at `bulk` priority, so that the bot's replies to people talking to
 * it go first. Each chat's outcome is recorded (sent, blocked, not found, failed) without
 * stopping, and the progress is kept in the bot's store under the broadcast's `id`: stopped, or
 * killed, and run again with the same id and chat list, it goes on where it was, sending nobody
 * the message twice.
 *
 * Right before each message leaves (after its queue in flow control) its position is stored as
 * "sending"; its outcome replaces the mark. After a crash, the few chats still marked (messages
 * that were on the wire) are `uncertain`: not sent again unless `resendUncertain` is set.
 * Keep the state in a durable store (`SqliteStore`, `RedisStore`) for resuming after a crash;
 * with the default `MemoryStore` a broadcast resumes only within the process.
 *
 * @example
 * ```ts
 * const run = broadcast(bot, { id: 'news-2026-12', chats: subscriberIds, message: 'Our December news' });
 * run.on('progress', (p) => console.log(`${p.done} done, ${p.blocked} blocked`));
 * const report = await run.done;   // { sent, blocked, notFound, failed, uncertain, finished, ... }
 * ```
 *
 * @param bot - the bot (its api, flow control, clock and store)
 * @param options - id, chats, message or send, and tuning
 * @returns the running broadcast
 * @throws OptionsError, TypeError or RangeError for options that cannot work;
 *   BroadcastConflictError when this process already runs a broadcast with this id
 */
export function broadcast(bot: Bot, options: BroadcastOptions): BroadcastRun {
  checkBroadcastOptions(options);
  const ids = running.get(bot) ?? new Set<string>();
  running.set(bot, ids);
  if (ids.has(options.id)) throw new BroadcastConflictError(options.id);
  ids.add(options.id);
  return new BroadcastRun(bot, options, () => ids.delete(options.id));
}

/**
 * A running {@link broadcast}: its events, its progress, `stop()`, and `done`.
 */
export class BroadcastRun extends EventEmitter<BroadcastEventMap> {
  /** The broadcast's id. */
  readonly id: string;
  /**
   * Resolves with the report when the run ends: every chat done (`finished`), or stopped
   * (`stopped`; run it again to resume). Rejects when the cursor cannot be stored (a
   * `StateStoreError`) or another process runs the same broadcast (`BroadcastConflictError`).
   */
  readonly done: Promise<BroadcastReport>;
  private readonly cursor: BroadcastCursor;
  private readonly stopper = new AbortController();
  /** Controllers of calls not yet dispatched (a stop aborts them; sent ones finish). */
  private readonly queued = new Set<AbortController>();
  private inFlight = 0;
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private sentThisRun = 0;
  private runStartedAt = 0;
  private lastProgressAt = -Infinity;

  /**
   * @param bot - the bot
   * @param options - checked options
   * @param release - called once the run has ended
   */
  constructor(
    private readonly bot: Bot,
    private readonly options: BroadcastOptions,
    release: () => void,
  ) {
    super();
    this.id = options.id;
    this.cursor = new BroadcastCursor(options.store ?? bot.store, options.id, () =>
      bot.clock.now(),
    );
    const outer = options.signal;
    if (outer !== undefined) {
      if (outer.aborted) this.stopper.abort();
      else outer.addEventListener('abort', () => void this.stop(), { once: true });
    }
    this.done = this.run().finally(release);
    // `done` is there to await; a run nobody awaits must not crash the process when it fails
    this.done.catch((error: unknown) => {
      bot.reportError(error, { source: 'broadcast', outcome: 'stop' });
    });
  }

  /** The progress so far. */
  get progress(): BroadcastProgress {
    const c = this.cursor;
    const runMs = this.bot.clock.now() - this.runStartedAt;
    return {
      id: this.id,
      ...c.counts,
      done:
        c.counts.sent + c.counts.blocked + c.counts.notFound + c.counts.failed + c.counts.uncertain,
      inFlight: this.inFlight,
      elapsedMs: c.elapsedMs,
      ratePerSecond: runMs > 0 ? Math.round((this.sentThisRun * 1000 * 10) / runMs) / 10 : 0,
    };
  }

  /**
   * Stops the run: messages still queued are not sent, messages on their way finish and get
   * their outcome, and the cursor is stored. Run the broadcast again (same id, same chats) to
   * resume.
   *
   * @returns the report (as `done` gives it)
   */
  stop(): Promise<BroadcastReport> {
    if (!this.stopper.signal.aborted) {
      log('%s: stopping', this.id);
      this.stopper.abort();
      for (const controller of this.queued) controller.abort();
      this.wake?.();
    }
    return this.done;
  }

  private async run(): Promise<BroadcastReport> {
    await this.cursor.load();
    this.runStartedAt = this.bot.clock.now();
    if (this.cursor.finished) {
      log('%s: finished before, nothing to send', this.id);
      return this.report(false);
    }
    try {
      await this.dispatchAll();
    } catch (error) {
      // the chat list failed (a database cursor, say): stop as stop() does, then reject
      this.fail(error);
    }
    while (this.inFlight > 0) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure !== undefined) throw this.failure;
    const stopped = this.stopper.signal.aborted;
    if (stopped) this.cursor.pause();
    else this.cursor.finish();
    await this.cursor.flush();
    log('%s: %s, %o', this.id, stopped ? 'stopped' : 'finished', this.cursor.counts);
    return this.report(stopped);
  }

  /** Hands every chat of the list that needs it to a send, at most `maxInFlight` at a time. */
  private async dispatchAll(): Promise<void> {
    let position = -1;
    for await (const chatId of this.options.chats) {
      position += 1;
      if (this.stopper.signal.aborted || this.failure !== undefined) break;
      if (this.cursor.isFinished(position)) continue;
      if (this.cursor.sending.has(position) && this.options.resendUncertain !== true) {
        this.settle(position, chatId, 'uncertain');
        continue;
      }
      if (!isChatId(chatId)) {
        this.settle(position, chatId, 'failed', new TypeError(`not a chat id: ${typeof chatId}`));
        continue;
      }
      while (this.inFlight >= (this.options.maxInFlight ?? 100) && !this.stopper.signal.aborted) {
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
      if (this.stopper.signal.aborted || this.failure !== undefined) break;
      this.inFlight += 1;
      void this.sendOne(position, chatId).finally(() => {
        this.inFlight -= 1;
        this.wake?.();
      });
    }
  }

  private async sendOne(position: number, chatId: BroadcastChatId): Promise<void> {
    const controller = new AbortController();
    this.queued.add(controller);
    let marked = false;
    const mark = async (): Promise<void> => {
      this.queued.delete(controller);
      marked = true;
      try {
        await this.cursor.markSending(position);
      } catch (error) {
        this.fail(error);
        throw error;
      }
    };
    try {
      const call = (): Promise<unknown> =>
        withPriority('bulk', () => this.sendTo(chatId, controller.signal));
      if (this.bot.flow === undefined) {
        await mark();
        await call();
      } else {
        await beforeDispatch(mark, call);
      }
      this.sentThisRun += 1;
      this.settle(position, chatId, 'sent');
    } catch (error) {
      this.queued.delete(controller);
      if (this.failure !== undefined) return;
      if (!marked && controller.signal.aborted) {
        // stopped while queued: certainly not sent, left for the next run
        this.cursor.unmark(position);
        return;
      }
      const { outcome } = outcomeOf(error);
      this.settle(position, chatId, outcome, error);
    }
  }

  private async sendTo(chatId: BroadcastChatId, signal: AbortSignal): Promise<unknown> {
    const { send, message } = this.options;
    if (send !== undefined) return send(chatId, { api: this.bot.api, signal });
    const given = typeof message === 'function' ? await message(chatId) : message;
    const { text, ...other } =
      typeof given === 'string' ? { text: given } : (given as BroadcastMessage);
    return this.bot.api.sendMessage(chatId, text, other, signal);
  }

  private settle(
    position: number,
    chatId: BroadcastChatId,
    outcome: ChatOutcome,
    error?: unknown,
  ): void {
    const reason = error === undefined ? undefined : outcomeOf(error).reason;
    this.cursor.record(position, chatId, outcome, reason);
    this.cursor.flush().catch((e: unknown) => this.fail(e));
    if (this.listenerCount('outcome') > 0) {
      this.emit('outcome', {
        chatId,
        position,
        outcome,
        ...(error === undefined ? {} : { error }),
      });
    }
    const now = this.bot.clock.now();
    if (now - this.lastProgressAt >= (this.options.progressIntervalMs ?? 1000)) {
      this.lastProgressAt = now;
      this.emit('progress', this.progress);
    }
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return;
    log('%s: failing: %O', this.id, error);
    this.failure = error instanceof Error ? error : new Error(String(error));
    for (const controller of this.queued) controller.abort();
    this.wake?.();
  }

  private report(stopped: boolean): BroadcastReport {
    const progress = this.progress;
    this.emit('progress', progress);
    return { ...progress, finished: this.cursor.finished, stopped };
  }
}

function isChatId(value: unknown): value is BroadcastChatId {
  return (
    (typeof value === 'number' && Number.isSafeInteger(value) && value !== 0) ||
    (typeof value === 'string' && value !== '')
  );
}
