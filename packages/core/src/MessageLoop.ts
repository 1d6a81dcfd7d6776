import { mustRedeliver } from './state/errors.js';
import type { Update } from '@delegram/api';
import createDebug from 'debug';
import type { Bot } from './Bot.js';
import type { ErrorInfo } from './BotEvents.js';
import { MalformedBatchError, MalformedUpdateError, StopTimeoutError } from './errors.js';
import { isThenable } from './delegation/Mailbox.js';
import type { Inbox } from './inbox/Inbox.js';
import type { Incoming } from './Incoming.js';
import { backoffDelay } from './loop/backoff.js';
import type {
  FlavorRoutingTable,
  LoopHandler,
  LoopStats,
  MessageLoopOptions,
} from './loop/LoopOptions.js';
import { classifyUpdate } from './loop/classifyUpdate.js';
import { checkHandler, invokeHandler } from './loop/invokeHandler.js';
import { integerOption, loopSettings } from './loop/loopSettings.js';
import { nextSignal, notifyRun as notify, updateIdOf } from './loop/LoopRun.js';
import { RunJournal } from './loop/RunJournal.js';
import { drainRun, pauseUnless, waitForProgress } from './loop/runWaits.js';
import type { LoopRun as Run } from './loop/LoopRun.js';
import { OffsetWindow } from './loop/OffsetWindow.js';
import type { WindowEntry } from './loop/OffsetWindow.js';
import { pollingFailure } from './loop/pollingFailure.js';
import { ReceiptWindow } from './loop/ReceiptWindow.js';
import { Sequencer } from './loop/Sequencer.js';
import type { SequenceKey } from './loop/Sequencer.js';

const log = createDebug('delegram:loop');

/**
 * Long polling that never loses an update: fetches updates with `getUpdates`, hands each one to a
 * handler (or to `bot.handle`), and confirms an update to Telegram only once it and every older
 * update have finished. A crash or a stop re-delivers what was not finished (at-least-once).
 *
 * With `confirm: 'on-receipt'` it instead confirms every received update with the next poll, like
 * grammY's runner: up to `maxInFlight` (default 500) updates in progress instead of `limit` (100),
 * at the price of losing those in progress at a crash (at-most-once). See `docs/delivery.md`.
 *
 * Handlers run concurrently up to `concurrency`, optionally ordered per key (`sequentialize`).
 * Network errors and 5xx are retried with capped, jittered exponential back-off on the bot's
 * clock; 429 waits `retry_after`; 401 and 409 stop the loop with a typed error. Every failure is
 * reported on the bot's `error` event; a throwing handler does not stop the loop.
 *
 * @example
 * ```ts
 * const bot = new Bot(token);
 * bot.on('error', (error, info) => console.error(info.source, error));
 * const loop = new MessageLoop(bot, {
 *   chat: (msg) => bot.api.sendMessage(msg.chat.id, `You said: ${msg.text ?? '?'}`),
 * });
 * const dispose = stopOnSignals(loop);
 * await loop.run(); // until SIGINT/SIGTERM
 * dispose();
 * ```
 */
export class MessageLoop {
  /** Counters across runs (polls, handled, failed, duplicates skipped, ...). */
  readonly stats: LoopStats = {
    polls: 0,
    dispatched: 0,
    finished: 0,
    failed: 0,
    duplicates: 0,
    malformed: 0,
    retries: 0,
    peakInProgress: 0,
    held: 0,
    replayed: 0,
  };

  private readonly handler: LoopHandler | FlavorRoutingTable | undefined;
  private readonly timeout: number;
  private readonly limit: number;
  private readonly concurrency: number;
  /** Confirm on receipt (`confirm: 'on-receipt'`, or journaled) rather than after handling. */
  private readonly onReceipt: boolean;
  /** The journal updates are appended to before they are confirmed (`inbox` option). */
  private readonly inbox: Inbox | undefined;
  /** Most updates received and not finished (on receipt); `limit` otherwise. */
  private readonly maxInFlight: number;
  private readonly repollMs: number;
  /** Free room in a batch a poll waits for, while updates are in progress: half of `limit`. */
  private readonly repollRoom: number;
  private readonly stopTimeoutMs: number;
  private current: Run | undefined;
  private resumeOffset: number | undefined;
  private dropPending: boolean;

  /**
   * @param bot - the bot whose API is polled and whose `error`/`unhandled` events are used
   * @param handler - a function `(msg, incoming) => unknown`, a routing table by flavor, or
   *   nothing to call `bot.handle(update)` (what a `DelegatorBot` needs)
   * @param options - polling, concurrency and shutdown options
   */
  constructor(
    readonly bot: Bot,
    handler?: LoopHandler | FlavorRoutingTable,
    private readonly options: MessageLoopOptions = {},
  ) {
    checkHandler(handler, 'new MessageLoop(bot, handler)');
    this.handler = handler ?? undefined;
    const settings = loopSettings(
      options,
      handler !== undefined && options.sequentialize === undefined,
    );
    this.timeout = settings.timeout;
    this.limit = settings.limit;
    this.concurrency = settings.concurrency;
    this.onReceipt = settings.confirm !== 'after-handling';
    this.inbox = options.inbox;
    this.maxInFlight = settings.maxInFlight;
    this.repollMs = settings.repollMs;
    this.repollRoom = settings.repollRoom;
    this.stopTimeoutMs = settings.stopTimeoutMs;
    this.dropPending = options.dropPendingUpdates === true;
  }

  /** Whether `run()` is in progress. */
  get running(): boolean {
    return this.current !== undefined;
  }

  /**
   * Polls and handles updates until {@link MessageLoop.stop} (or the `signal` option).
   *
   * @returns a promise that resolves once stopped, after unfinished handlers were awaited (up to
   *   `stopTimeoutMs`) and the final offset was confirmed
   * @throws `InvalidTokenError` (401), `ConflictingInstanceError` or `WebhookActiveError` (409),
   *   or the API's error for another 4xx: the loop stops on these (after draining handlers)
   */
  async run(): Promise<void> {
    if (this.current !== undefined) {
      throw new Error('MessageLoop.run(): already running; await stop() before running again');
    }
    const signal = this.options.signal;
    if (signal?.aborted === true) return;
    let markDone!: () => void;
    const run: Run = {
      abort: new AbortController(),
      window: this.onReceipt ? new ReceiptWindow() : new OffsetWindow(),
      sequencer: new Sequencer(),
      waiters: new Set(),
      journal: this.inbox === undefined ? undefined : new RunJournal(this.inbox),
      stopping: false,
      lastSentOffset: undefined,
      stopTimeoutMs: this.stopTimeoutMs,
      done: new Promise<void>((resolve) => (markDone = resolve)),
    };
    this.current = run;
    const onAbort = (): void => void this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    log('run: starting at offset %s', this.resumeOffset);
    let fatal: { error: unknown } | undefined;
    try {
      await this.bot.start(); // once: re-arms durable schedules before the first update
      if (run.journal !== undefined) await this.replay(run, run.journal);
      await this.poll(run);
    } catch (error) {
      fatal = { error };
    }
    run.stopping = true;
    try {
      await this.drain(run);
      // Done marks written before the offset moves past their updates (a late one is ignored:
      // that update is handled again from the journal, at least once).
      await run.journal?.close((error) =>
        this.report(error, { source: 'inbox', outcome: 'continue' }),
      );
      if (fatal === undefined) await this.confirm(run);
      // On receipt, the next run resumes after what this one received even when it stopped on an
      // error (the updates were handed to a handler already).
      else if (this.onReceipt) this.resumeOffset = run.window.nextOffset ?? this.resumeOffset;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.current = undefined;
      markDone();
    }
    if (fatal !== undefined) throw fatal.error;
    log('run: stopped at offset %s', this.resumeOffset);
  }

  /**
   * Stops the loop: no more fetching, waits for unfinished handlers up to the deadline, confirms
   * the final offset; updates still unfinished at the deadline are left unconfirmed (and reported
   * with `StopTimeoutError`), so Telegram delivers them again. With `confirm: 'on-receipt'` they
   * were confirmed already and are not delivered again (`StopTimeoutError.redelivered` is false);
   * updates received but not yet handed to a handler are not confirmed, so they come again.
   *
   * From inside one of this loop's handlers, call it without awaiting it (`void loop.stop()`): it
   * waits for that handler too, so awaiting it there only ends at the deadline.
   *
   * @param options - `timeoutMs` overrides the `stopTimeoutMs` option for this stop
   * @returns a promise that resolves when `run()` has finished
   */
  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    const run = this.current;
    if (run === undefined) return;
    if (options.timeoutMs !== undefined) {
      run.stopTimeoutMs = integerOption('timeoutMs', options.timeoutMs, 0, Number.MAX_SAFE_INTEGER);
    }
    if (!run.stopping) {
      run.stopping = true;
      run.abort.abort();
      notify(run);
    } else if (options.timeoutMs !== undefined) {
      notify(run); // a drain already waiting re-reads its deadline
    }
    await run.done;
  }

  private async poll(run: Run): Promise<void> {
    const api = this.bot.api;
    let attempt = 0;
    while (!run.stopping) {
      // A batch the inbox could not take is neither journaled nor (all) handled: no poll, which
      // would confirm it, until the inbox takes it or its updates are finished.
      if (run.journal?.blocked === true) {
        try {
          await run.journal.retry();
        } catch (error) {
          await this.inboxBackoff(run, error, attempt++);
          continue;
        }
      }
      // On receipt: with `maxInFlight` updates in progress, wait for one to finish (back-pressure),
      // then ask for no more than there is room for.
      const room = this.maxInFlight - run.window.unfinished;
      if (this.onReceipt && room <= 0) {
        await nextSignal(run);
        continue;
      }
      // After handling: with `limit` updates past the oldest unfinished one in hand, a poll can
      // only bring those same updates again: wait until the oldest one finishes.
      if (!this.onReceipt && run.window.size >= this.limit) {
        await waitForProgress(run, this.bot, this.limit, this.repollMs, 1);
        continue;
      }
      const dropping = this.dropPending;
      const offset = dropping ? -1 : (run.window.nextOffset ?? this.resumeOffset);
      let updates: readonly unknown[];
      try {
        const answer: unknown = await api.call(
          'getUpdates',
          dropping
            ? { offset: -1, limit: 1, timeout: 0 }
            : this.pollParams(offset, this.onReceipt ? Math.min(this.limit, room) : this.limit),
          run.abort.signal,
        );
        // A broken server's `result: null` (or an object): retried like a non-envelope answer.
        if (!Array.isArray(answer)) throw new MalformedBatchError(answer);
        updates = answer;
      } catch (error) {
        if (run.stopping) return;
        const failure = pollingFailure(error, this.options.deleteWebhook === true);
        if (failure.action === 'stop') {
          this.report(failure.error, { source: 'loop', outcome: 'stop' });
          throw failure.error;
        }
        let failed: unknown = error;
        if (failure.action === 'delete-webhook') {
          log('webhook active: deleting it as asked (pending updates kept)');
          try {
            await api.call('deleteWebhook', { drop_pending_updates: false }, run.abort.signal);
            continue;
          } catch (deleteError) {
            if (run.stopping) return;
            failed = deleteError;
          }
        }
        const delay =
          failure.action === 'retry' && failure.afterMs !== undefined
            ? failure.afterMs
            : backoffDelay(attempt++, this.options.backoff);
        this.stats.retries += 1;
        this.report(failed, { source: 'loop', outcome: 'retry', retryInMs: delay });
        await pauseUnless(run, this.bot, delay);
        continue;
      }
      this.stats.polls += 1;
      if (dropping) {
        this.dropPending = false;
        const last = updates[updates.length - 1];
        const id = updateIdOf(last);
        if (id !== undefined) this.resumeOffset = id + 1;
        log('dropped pending updates; resuming at %s', this.resumeOffset);
        continue;
      }
      run.lastSentOffset = offset;
      const failure = await this.take(run, updates, offset);
      if (failure !== undefined) {
        // Not journaled, so not confirmed: retried before the next poll (see above).
        await this.inboxBackoff(run, failure, attempt++);
        continue;
      }
      attempt = 0;
      // After handling, updates in progress come back with every poll until confirmed, filling
      // the batch before anything new: poll again once the oldest one finished and at least half
      // of `limit` is free (so a poll brings no more repeats than new updates), or after
      // `repollMs`. (On receipt nothing comes back: the next poll confirms this batch.)
      if (!this.onReceipt && run.window.size > 0) {
        await waitForProgress(run, this.bot, this.limit, this.repollMs, this.repollRoom);
      }
    }
  }

  private pollParams(
    offset: number | undefined,
    limit: number,
  ): {
    offset?: number;
    limit: number;
    timeout: number;
    allowed_updates?: string[];
  } {
    const params: { offset?: number; limit: number; timeout: number; allowed_updates?: string[] } =
      { limit, timeout: this.timeout };
    if (offset !== undefined) params.offset = offset;
    if (this.options.allowedUpdates !== undefined) {
      params.allowed_updates = [...this.options.allowedUpdates];
    }
    return params;
  }

  /**
   * Dispatches the new updates of a batch in order; with an inbox, appends them to it meanwhile.
   *
   * @returns the inbox's error when it could not take them (`InboxWriteError` for a `FileInbox`)
   */
  private async take(
    run: Run,
    updates: readonly unknown[],
    fetchOffset: number | undefined,
  ): Promise<Error | undefined> {
    const fresh: Update[] = [];
    let newest: number | undefined;
    for (const raw of updates) {
      const id = updateIdOf(raw);
      if (id === undefined) {
        this.stats.malformed += 1;
        const error = new MalformedUpdateError(raw, 'it has no numeric update_id');
        this.report(error, { source: 'loop', outcome: 'continue' });
        continue;
      }
      if ((newest !== undefined && id <= newest) || !run.window.isNew(id, fetchOffset)) {
        this.stats.duplicates += 1;
        continue;
      }
      newest = id;
      fresh.push(raw as Update);
    }
    if (fresh.length === 0) return undefined;
    const journal = run.journal;
    // Appended while dispatched: handling may start before the batch is durable (a crash then
    // loses nothing: it was not confirmed), but the next poll, which confirms it, waits.
    const appended = journal?.append(fresh);
    const entries: WindowEntry[] = [];
    for (const update of fresh) {
      while (run.window.unfinished >= this.concurrency && !run.stopping) await nextSignal(run);
      if (run.stopping) break;
      entries.push(this.dispatch(run, update, update.update_id));
    }
    if (journal === undefined) return undefined;
    // Journaled: the next poll confirms them all, also those not dispatched before a stop (the
    // journal hands those to the next run).
    this.advance(run, newest!);
    const failure = await appended;
    if (failure !== undefined) journal.failed(fresh, entries);
    return failure;
  }

  /** Hands the updates the journal holds unfinished to the handlers again, oldest first. */
  private async replay(run: Run, journal: RunJournal): Promise<void> {
    const recovery = await journal.open((problem) =>
      this.report(problem, { source: 'inbox', outcome: 'continue' }),
    );
    for (const update of recovery.unfinished) {
      while (run.window.unfinished >= this.concurrency && !run.stopping) await nextSignal(run);
      if (run.stopping) break;
      this.stats.replayed += 1;
      this.dispatch(run, update, update.update_id);
    }
    // Polling goes on after every update the journal ever held: those done already, whose
    // confirmation may not have reached Telegram, are not fetched (and handled) again.
    if (recovery.highestId !== undefined) this.advance(run, recovery.highestId);
  }

  private advance(run: Run, id: number): void {
    if (run.window instanceof ReceiptWindow) run.window.advance(id);
  }

  private dispatch(run: Run, update: Update, id: number): WindowEntry {
    const entry = run.window.add(id);
    this.stats.dispatched += 1;
    const inProgress = run.window.unfinished;
    if (inProgress > this.stats.peakInProgress) this.stats.peakInProgress = inProgress;
    const incoming = classifyUpdate(update);
    if (incoming instanceof MalformedUpdateError) {
      this.stats.malformed += 1;
      this.report(incoming, { source: 'loop', update, outcome: 'continue' });
      this.settle(run, entry);
      return entry;
    }
    let result: unknown;
    try {
      const keys = this.options.sequentialize?.(incoming);
      result =
        keys === undefined || (Array.isArray(keys) && keys.length === 0)
          ? this.invoke(update, incoming)
          : run.sequencer.run(toKeys(keys), () => this.invoke(update, incoming));
    } catch (error) {
      this.failed(error, update, incoming);
      this.settle(run, entry);
      return entry;
    }
    if (!isThenable(result)) {
      this.settle(run, entry);
      return entry;
    }
    result.then(
      () => this.settle(run, entry),
      (error: unknown) => {
        this.failed(error, update, incoming);
        if (mustRedeliver(error)) this.hold(run, entry);
        else this.settle(run, entry);
      },
    );
    return entry;
  }

  private invoke(update: Update, incoming: Incoming): unknown {
    return invokeHandler(this.bot, this.handler, update, incoming);
  }

  private settle(run: Run, entry: WindowEntry): void {
    run.window.finish(entry);
    run.journal?.inbox.done(entry.id);
    this.stats.finished += 1;
    notify(run);
  }

  /** An update whose durable state was not saved: it stays unconfirmed, for redelivery. */
  private hold(run: Run, entry: WindowEntry): void {
    run.window.hold(entry);
    this.stats.held += 1;
    notify(run);
  }

  private failed(error: unknown, update: Update, incoming: Incoming): void {
    this.stats.failed += 1;
    const outcome = mustRedeliver(error) ? 'retry' : 'continue';
    this.report(error, { source: 'handler', update, incoming, outcome });
  }

  private async drain(run: Run): Promise<void> {
    const ids = await drainRun(run, this.bot);
    if (ids === undefined) return;
    const journaled = run.journal !== undefined;
    const error = new StopTimeoutError(ids, run.stopTimeoutMs, !this.onReceipt, journaled);
    this.report(error, { source: 'loop', outcome: 'continue' });
  }

  /** An inbox that could not take a batch: reported, then back-off (cut short once unblocked). */
  private async inboxBackoff(run: Run, error: unknown, attempt: number): Promise<void> {
    const delay = backoffDelay(attempt, this.options.backoff);
    this.stats.retries += 1;
    this.report(error, { source: 'inbox', outcome: 'retry', retryInMs: delay });
    await pauseUnless(run, this.bot, delay, () => run.journal?.blocked !== true);
  }

  /**
   * Confirms the finished prefix (on receipt: every update taken in) with a `getUpdates` whose
   * answer is not processed.
   */
  private async confirm(run: Run): Promise<void> {
    const offset = run.window.nextOffset ?? this.resumeOffset;
    const target = run.journal === undefined ? offset : run.journal.cap(offset);
    this.resumeOffset = target;
    if (target === undefined || target === run.lastSentOffset) return;
    try {
      // limit 1, timeout 0: answered at once; what it returns stays unconfirmed for the next run.
      await this.bot.api.call('getUpdates', { offset: target, limit: 1, timeout: 0 });
    } catch (error) {
      this.report(error, { source: 'loop', outcome: 'continue' });
    }
  }

  private report(error: unknown, info: ErrorInfo): void {
    this.bot.reportError(error, info);
  }
}

function toKeys(keys: SequenceKey | readonly SequenceKey[]): readonly SequenceKey[] {
  return Array.isArray(keys) ? (keys as readonly SequenceKey[]) : [keys as SequenceKey];
}
