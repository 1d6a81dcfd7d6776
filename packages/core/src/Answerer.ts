import { checkOptions, is, sleep } from '@delegram/api';
import type { AnswerInlineQueryParams, Clock, InlineQuery, InlineQueryResult } from '@delegram/api';
import createDebug from 'debug';
import { AnswerAbortedError } from './answerer/AnswerAbortedError.js';
import type { Bot } from './Bot.js';
import type { Incoming } from './Incoming.js';

const log = createDebug('delegram:answerer');

/** The options of `answerInlineQuery` besides the query id and the results. */
export type AnswerOptions = Omit<AnswerInlineQueryParams, 'inline_query_id' | 'results'>;

/** What a compute function returns: the results, or the results with answer options. */
export type ComputeResult = readonly InlineQueryResult[] | ComputeAnswer;

/** A compute function's full answer: the results plus any `answerInlineQuery` options. */
export interface ComputeAnswer extends AnswerOptions {
  /** The results to show (at most 50). */
  results: InlineQueryResult[];
}

/**
 * Computes the answer to an inline query. May be sync or async; should stop early when `signal`
 * aborts (pass it to `fetch`, `sleep`, database calls). Its result is dropped if it was superseded
 * or timed out, even if it ignores the signal.
 *
 * @param query - the inline query
 * @param signal - aborted when a newer query of the same user arrives, on timeout, or on close
 * @param offset - `query.offset`: `''` for the first page, else the `next_offset` you gave before
 */
export type Compute = (
  query: InlineQuery,
  signal: AbortSignal,
  offset: string,
) => ComputeResult | Promise<ComputeResult>;

/** What the bot must offer an {@link Answerer}. */
export type AnswererBot = Pick<Bot, 'api' | 'clock' | 'reportError'>;

/** Options for {@link Answerer}. */
export interface AnswererOptions {
  /**
   * Quiet time, in ms, to wait after a query before computing; a newer query of the same user
   * within it replaces the older one without any computation. Default `0` (compute at once).
   */
  debounceMs?: number;
  /**
   * How long a query may take from arrival to answer, debounce included, in ms; after that the
   * computation is aborted and nothing is sent. At most 10 000 (Telegram stops waiting for an
   * answer about then). Default `8_000`.
   */
  timeoutMs?: number;
  /** Options for every answer (`cache_time`, `is_personal`, ...); a compute result overrides them. */
  defaults?: AnswerOptions;
  /**
   * Called with each error of a computation or of `answerInlineQuery` (such as "query is too old"),
   * in addition to the bot's `error` event (source `'answerer'`).
   */
  onError?: (error: unknown, query: InlineQuery) => void;
  /** The clock for debounce and timeout. Default: the bot's clock. */
  clock?: Clock;
}

/**
 * What became of one {@link Answerer.answer} call:
 * `'answered'` (results sent), `'superseded'` (a newer query of the same user replaced it),
 * `'timeout'`, `'closed'` (the answerer was closed), `'failed'` (compute or the answer failed;
 * reported on the bot's `error` event).
 */
export type AnswerOutcome = 'answered' | 'superseded' | 'timeout' | 'closed' | 'failed';

/** Counters for observability, as {@link Answerer.counters} reports them. */
export interface AnswererCounters {
  /** Computations started (queries that survived the debounce). */
  started: number;
  /** Computations whose signal was aborted while they ran (superseded, timed out or closed). */
  aborted: number;
  /** Of the aborted ones, those aborted by the timeout. */
  timedOut: number;
  /** Queries replaced during their debounce wait, before any computation. */
  debounced: number;
  /** Answers sent. */
  answered: number;
  /** Results that arrived after their computation was aborted, and were dropped unsent. */
  staleDropped: number;
  /** Errors from compute functions or `answerInlineQuery`. */
  failed: number;
}

interface UserRecord {
  readonly controller: AbortController;
  /** The id of the query this record answers (named in the abort reason). */
  readonly queryId: string;
  computing: boolean;
}

type Race<T> = { done: true; value: T } | { done: false } | { done: 'failed'; error: unknown };

/**
 * Answers inline queries with at most one computation per user, aborting superseded ones.
 *
 * As a user types `@bot some query`, inline queries arrive in bursts. For each user (`from.id`) the
 * answerer keeps only the newest query: a newer one aborts the older one's `AbortSignal`, and an
 * older result is never sent, even when its compute ignores the signal and finishes anyway.
 * Optional debounce makes a burst of keystrokes cost one computation; a timeout below Telegram's
 * answer window aborts slow computations. `answer` never rejects: errors go to the bot's `error`
 * event (source `'answerer'`) and the `onError` hook, so it is safe not to await it (and inside a
 * delegate you must not, or newer queries would wait behind the older one).
 *
 * @example
 * ```ts
 * const answerer = new Answerer(bot, { debounceMs: 300, defaults: { cache_time: 0 } });
 * new MessageLoop(bot, (msg, incoming) => {
 *   if (incoming.flavor === 'inline_query') {
 *     void answerer.answer(incoming.msg, async (q, signal, offset) =>
 *       paginate(await search(q.query, { signal }), offset, 20),
 *     );
 *   }
 * });
 * ```
 */
export class Answerer {
  private readonly records = new Map<number, UserRecord>();
  private readonly stats: AnswererCounters = {
    started: 0,
    aborted: 0,
    timedOut: 0,
    debounced: 0,
    answered: 0,
    staleDropped: 0,
    failed: 0,
  };
  private readonly clock: Clock;
  private readonly debounceMs: number;
  private readonly timeoutMs: number;

  /**
   * @param bot - the bot whose API answers and whose `error` event gets the errors
   * @param options - debounce, timeout, default answer options, error hook, clock
   */
  constructor(
    readonly bot: AnswererBot,
    private readonly options: AnswererOptions = {},
  ) {
    checkOptions(
      'new Answerer(bot, options)',
      options,
      {
        debounceMs: is.number,
        timeoutMs: is.number,
        defaults: is.object,
        onError: is.function,
        clock: is.clock,
      },
      { aliases: { debounce: 'debounceMs', timeout: 'timeoutMs' } },
    );
    this.clock = options.clock ?? bot.clock;
    this.debounceMs = options.debounceMs ?? 0;
    this.timeoutMs = options.timeoutMs ?? 8_000;
    if (!Number.isFinite(this.debounceMs) || this.debounceMs < 0) {
      throw new RangeError('new Answerer(bot, { debounceMs }): debounceMs must be 0 or more');
    }
    if (!Number.isFinite(this.timeoutMs) || this.timeoutMs <= 0 || this.timeoutMs > 10_000) {
      throw new RangeError(
        'new Answerer(bot, { timeoutMs }): timeoutMs must be above 0 and at most 10000; ' +
          'Telegram stops waiting for an inline answer after about 10 seconds',
      );
    }
    if (this.debounceMs >= this.timeoutMs) {
      throw new RangeError('new Answerer(bot, options): debounceMs must be below timeoutMs');
    }
  }

  /** A snapshot of the counters. */
  get counters(): Readonly<AnswererCounters> {
    return { ...this.stats };
  }

  /** The number of users with a query in progress. */
  get active(): number {
    return this.records.size;
  }

  /**
   * Answers an inline query with the result of `compute`, unless a newer query of the same user
   * supersedes it first.
   *
   * @param query - the inline query (`incoming.msg` for the `inline_query` flavor)
   * @param compute - computes the results (see {@link Compute})
   * @returns what became of the query; never rejects
   * @throws TypeError at once, when `query` is not an inline query or `compute` not a function
   */
  answer(query: InlineQuery, compute: Compute): Promise<AnswerOutcome> {
    if (typeof query?.id !== 'string' || typeof query.from?.id !== 'number') {
      throw new TypeError('Answerer.answer(query, compute): query must be an InlineQuery');
    }
    if (typeof compute !== 'function') {
      throw new TypeError('Answerer.answer(query, compute): compute must be a function');
    }
    const userId = query.from.id;
    const record: UserRecord = {
      controller: new AbortController(),
      queryId: query.id,
      computing: false,
    };
    const previous = this.records.get(userId);
    this.records.set(userId, record);
    previous?.controller.abort(new AnswerAbortedError('superseded', userId, previous.queryId));
    return this.run(query, compute, record);
  }

  /**
   * Aborts every computation in progress (reason `'closed'`); nothing more is sent for them.
   * A delegate calls it when it closes.
   */
  close(): void {
    for (const [userId, record] of this.records) {
      this.records.delete(userId);
      record.controller.abort(new AnswerAbortedError('closed', userId, record.queryId));
    }
  }

  private async run(
    query: InlineQuery,
    compute: Compute,
    record: UserRecord,
  ): Promise<AnswerOutcome> {
    const { signal } = record.controller;
    const userId = query.from.id;
    const onAbort = (): void => {
      if (!record.computing) return;
      this.stats.aborted += 1;
      if (reasonOf(signal) === 'timeout') this.stats.timedOut += 1;
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = this.clock.setTimeout(() => {
      record.controller.abort(new AnswerAbortedError('timeout', userId, query.id));
    }, this.timeoutMs);
    try {
      if (this.debounceMs > 0) {
        try {
          await sleep(this.clock, this.debounceMs, signal);
        } catch {
          if (reasonOf(signal) === 'superseded') this.stats.debounced += 1;
          return reasonOf(signal);
        }
      }
      if (signal.aborted) return reasonOf(signal);
      this.stats.started += 1;
      record.computing = true;
      log('computing query %s of user %d', query.id, userId);
      const raced = await this.race(query, compute, signal);
      if (raced.done === 'failed') {
        if (signal.aborted) return reasonOf(signal);
        this.report(raced.error, query);
        return 'failed';
      }
      // The check and the send happen in one synchronous step: nothing can supersede in between.
      if (raced.done === false || signal.aborted || this.records.get(userId) !== record) {
        return signal.aborted ? reasonOf(signal) : 'superseded';
      }
      const sending = this.send(query, raced.value);
      record.computing = false;
      return await sending;
    } finally {
      record.computing = false;
      signal.removeEventListener('abort', onAbort);
      this.clock.clearTimeout(timer);
      if (this.records.get(userId) === record) this.records.delete(userId);
    }
  }

  /** Runs compute, settling early when the signal aborts; a late result is counted and dropped. */
  private race(
    query: InlineQuery,
    compute: Compute,
    signal: AbortSignal,
  ): Promise<Race<ComputeResult>> {
    return new Promise<Race<ComputeResult>>((resolve) => {
      let settled = false;
      const onAbort = (): void => {
        settled = true;
        resolve({ done: false });
      };
      signal.addEventListener('abort', onAbort, { once: true });
      Promise.resolve()
        .then(() => compute(query, signal, query.offset))
        .then(
          (value) => {
            signal.removeEventListener('abort', onAbort);
            if (settled) {
              this.stats.staleDropped += 1;
              log('dropped a stale result for query %s', query.id);
              return;
            }
            resolve({ done: true, value });
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            if (!settled) resolve({ done: 'failed', error });
          },
        );
    });
  }

  private async send(query: InlineQuery, value: ComputeResult): Promise<AnswerOutcome> {
    let results: InlineQueryResult[];
    let options: AnswerOptions;
    if (Array.isArray(value)) {
      results = [...(value as readonly InlineQueryResult[])];
      options = {};
    } else if (
      typeof value === 'object' &&
      value !== null &&
      Array.isArray((value as { results?: unknown }).results)
    ) {
      const { results: given, ...rest } = value as ComputeAnswer;
      results = given;
      options = rest;
    } else {
      this.report(
        new TypeError(
          'An inline compute function returned neither an array of results nor { results, ...options }',
        ),
        query,
      );
      return 'failed';
    }
    try {
      await this.bot.api.answerInlineQuery(query.id, results, {
        ...this.options.defaults,
        ...options,
      });
      this.stats.answered += 1;
      return 'answered';
    } catch (error) {
      this.report(error, query);
      return 'failed';
    }
  }

  private report(error: unknown, query: InlineQuery): void {
    this.stats.failed += 1;
    try {
      this.options.onError?.(error, query);
    } catch (hookError) {
      log('the onError hook threw: %O', hookError);
    }
    const incoming = {
      flavor: 'inline_query',
      kind: 'inline_query',
      msg: query,
      update: undefined,
    };
    this.bot.reportError(error, {
      source: 'answerer',
      incoming: incoming as Incoming,
      outcome: 'continue',
    });
  }
}

function reasonOf(signal: AbortSignal): 'superseded' | 'timeout' | 'closed' {
  const reason: unknown = signal.reason;
  return reason instanceof AnswerAbortedError ? reason.reason : 'superseded';
}
