import { randomUUID } from 'node:crypto';
import { checkOptions, is } from '@delegram/api';
import type { Clock, TimerId } from '@delegram/api';
import createDebug from 'debug';
import type { ErrorInfo } from '../BotEvents.js';
import type { BotEvent } from '../flavor.js';
import { RepeatingJobs } from '../schedule/RepeatingJobs.js';
import { withSchedule } from '../schedule/withSchedule.js';
import type { ScheduleInfo } from '../schedule/withSchedule.js';
import type { JobHandle, JobOptions, ZonedJobOptions } from '../schedule/RepeatingJobs.js';
import { checkStorable } from '../state/checkStorable.js';
import type { StateStore } from '../state/StateStore.js';
import { timerDelay } from '../timerDelay.js';
import { DelegatorStoppedError } from './errors.js';

const log = createDebug('delegram:scheduler');

/** An event, or a function called at fire time that returns the event (or `undefined` to skip). */
export type EventSpec = BotEvent | (() => BotEvent | undefined);

/**
 * The handle of a scheduled event: pass it (or its id) to {@link EventScheduler.cancel}.
 */
export interface ScheduledEvent {
  /** The event's id (kept in the store under `timer:<id>` when the schedule is durable). */
  readonly id: string;
  /** When the event fires, in clock milliseconds. */
  readonly at: number;
  /** The event (or the function producing it). */
  readonly event: EventSpec;
}

/** Options of {@link EventScheduler.eventAt} and its siblings. */
export interface ScheduleOptions {
  /**
   * The event's id (default: a random one). Scheduling an id that is pending replaces it, so a
   * handler can schedule "its" reminder again without piling them up.
   */
  readonly id?: string | undefined;
}

interface Entry extends ScheduledEvent {
  timer: TimerId;
  late: boolean;
  /** Store writes of this entry, in order. */
  io: Promise<unknown>;
}

const TIMER_PREFIX = 'timer:';

/**
 * The bot's scheduler (telepot's `Bot.Scheduler`): fires events at a time, through the same
 * `handle()` path as updates, so an event reaches its delegate's mailbox in order with messages, and
 * can revive a delegate that has closed. It also runs repeating jobs ({@link EventScheduler.every},
 * {@link EventScheduler.daily}, {@link EventScheduler.cron}).
 *
 * **Durable** when the bot was given a `store`: each event given as data (not as a function) is
 * written to the store, re-armed by `bot.start()` after a restart (an event due meanwhile fires at
 * once with `schedule.late`), and deleted once its firing was handled, so a confirmed firing never
 * comes again. A crash between handling and that delete fires it again after the restart: a
 * delegate with durable state skips it (it recorded `schedule.id`), others see it twice.
 *
 * Times are in seconds, as in telepot: `eventAt` takes the clock's time in seconds
 * (`clock.now() / 1000`), `eventLater` a delay in seconds.
 *
 * @example
 * ```ts
 * const handle = bot.scheduler.eventLater(30, { _reminder: { text: 'stand up' } });
 * bot.scheduler.cancel(handle); // true: it had not fired yet
 * ```
 */
export class EventScheduler {
  private readonly pending = new Map<string, Entry>();
  private readonly jobs: RepeatingJobs;
  private closed = false;
  private restored: Promise<void> | undefined;

  /**
   * @param clock - the clock
   * @param sink - receives each fired event (the bot's `handle`)
   * @param reportError - receives errors of the sink, of an event function, or of the store
   * @param store - where durable schedules are kept (`undefined`: in memory only)
   */
  constructor(
    private readonly clock: Clock,
    private readonly sink: (event: BotEvent) => Promise<void>,
    private readonly reportError: (error: unknown, info: ErrorInfo) => void,
    readonly store: StateStore | undefined = undefined,
  ) {
    this.jobs = new RepeatingJobs({
      clock,
      sink,
      store,
      report: (error) => this.report(error),
      isClosed: () => this.closed,
    });
  }

  /** The number of one-off events not yet fired or cancelled. */
  get size(): number {
    return this.pending.size;
  }

  /** The names of the repeating jobs. */
  get jobNames(): readonly string[] {
    return this.jobs.names;
  }

  /**
   * Schedules an event at an absolute time.
   *
   * @param when - the clock's time in seconds (`clock.now() / 1000` is now)
   * @param event - the event, or a function producing it at fire time (not durable)
   * @param options - the event's id
   * @returns the handle for {@link EventScheduler.cancel}
   * @throws DelegatorStoppedError once the bot stopped (its handlers may outlive the stop)
   */
  eventAt(when: number, event: EventSpec, options: ScheduleOptions = {}): ScheduledEvent {
    if (this.closed) throw new DelegatorStoppedError();
    if (typeof when !== 'number' || Number.isNaN(when)) {
      throw new TypeError(`eventAt(when): when must be a time in seconds, got ${String(when)}`);
    }
    checkEvent(event);
    checkOptions('schedule options', options, { id: is.string });
    const id = options.id ?? randomUUID();
    if (typeof id !== 'string' || id === '') {
      throw new TypeError('schedule options: id must be a non-empty string');
    }
    const durable = this.store !== undefined && typeof event !== 'function';
    if (durable) checkStorable(event, 'event');
    const previous = this.pending.get(id);
    if (previous !== undefined) this.drop(previous, false);
    const entry: Entry = {
      id,
      at: when * 1000,
      event,
      timer: undefined,
      late: false,
      io: previous?.io ?? Promise.resolve(),
    };
    this.pending.set(id, entry);
    this.arm(entry);
    if (durable) {
      const text = JSON.stringify({ at: entry.at, event });
      this.io(entry, (store) => store.set(TIMER_PREFIX + id, text));
    }
    return entry;
  }

  /** Sets the entry's timer; past the longest timer delay, it fires early and re-arms. */
  private arm(entry: Entry): void {
    entry.timer = this.clock.setTimeout(
      () => this.fire(entry),
      timerDelay(entry.at - this.clock.now()),
    );
  }

  /** Runs a store operation of an entry after its earlier ones, reporting a failure. */
  private io(entry: Entry, op: (store: StateStore) => Promise<unknown>): void {
    const store = this.store;
    if (store === undefined) return;
    entry.io = entry.io.then(() => op(store)).catch((error: unknown) => this.report(error));
  }

  private report(error: unknown): void {
    this.reportError(error, { source: 'scheduler', outcome: 'continue' });
  }

  /**
   * Schedules an event after a delay.
   *
   * @param seconds - the delay in seconds
   * @param event - the event, or a function producing it at fire time
   * @param options - the event's id
   * @returns the handle
   */
  eventLater(seconds: number, event: EventSpec, options?: ScheduleOptions): ScheduledEvent {
    if (typeof seconds !== 'number' || !(seconds >= 0)) {
      throw new TypeError(`eventLater(seconds): seconds must be >= 0, got ${String(seconds)}`);
    }
    return this.eventAt(this.clock.now() / 1000 + seconds, event, options);
  }

  /**
   * Schedules an event to fire as soon as possible (on the next timer turn).
   *
   * @param event - the event, or a function producing it at fire time
   * @param options - the event's id
   * @returns the handle
   */
  eventNow(event: EventSpec, options?: ScheduleOptions): ScheduledEvent {
    return this.eventAt(this.clock.now() / 1000, event, options);
  }

  /**
   * Runs a repeating job every `seconds`, starting `seconds` from now. A job is known by its name:
   * declaring it again (at the next start) keeps its schedule; with a store it survives restarts
   * and a run missed while the bot was down fires once, late, at the start.
   *
   * @param seconds - the interval (at least 1)
   * @param event - the event each run fires (data, so that it can be stored)
   * @param options - the job's name
   * @returns the job's handle
   */
  every(seconds: number, event: BotEvent, options: JobOptions): JobHandle {
    this.checkOpen(event);
    return this.jobs.every(seconds, event, options);
  }

  /**
   * Runs a repeating job every day at a time of day in a time zone.
   *
   * @param time - `'HH:MM'` (24-hour)
   * @param event - the event each run fires
   * @param options - the job's name and time zone (default UTC)
   * @returns the job's handle
   */
  daily(time: string, event: BotEvent, options: ZonedJobOptions): JobHandle {
    this.checkOpen(event);
    return this.jobs.daily(time, event, options);
  }

  /**
   * Runs a repeating job on a cron schedule (`minute hour day month weekday`) in a time zone.
   *
   * @param expression - such as `'0 9 * * MON-FRI'`
   * @param event - the event each run fires
   * @param options - the job's name and time zone (default UTC)
   * @returns the job's handle
   */
  cron(expression: string, event: BotEvent, options: ZonedJobOptions): JobHandle {
    this.checkOpen(event);
    return this.jobs.cron(expression, event, options);
  }

  /**
   * Stops a repeating job (and forgets it in the store).
   *
   * @param name - the job's name
   * @returns `true` if it existed
   */
  cancelJob(name: string): boolean {
    return this.jobs.cancel(name);
  }

  private checkOpen(event: BotEvent): void {
    if (this.closed) throw new DelegatorStoppedError();
    checkEvent(event);
    if (typeof event === 'function') {
      throw new TypeError('a repeating job fires an event given as data, not as a function');
    }
  }

  /**
   * Cancels a scheduled event.
   *
   * @param handle - from `eventAt`, `eventLater` or `eventNow`, or the event's id
   * @returns `true` if it was pending, `false` if it had fired or was cancelled already
   */
  cancel(handle: ScheduledEvent | string): boolean {
    const id = typeof handle === 'string' ? handle : handle.id;
    const entry = this.pending.get(id);
    if (entry === undefined || (typeof handle !== 'string' && entry !== handle)) return false;
    this.drop(entry, true);
    return true;
  }

  private drop(entry: Entry, forget: boolean): void {
    this.pending.delete(entry.id);
    this.clock.clearTimeout(entry.timer);
    if (forget) this.io(entry, (store) => store.delete(TIMER_PREFIX + entry.id));
  }

  /** Cancels every pending event and job (forgetting durable ones); new ones can be scheduled. */
  cancelAll(): void {
    for (const entry of [...this.pending.values()]) this.drop(entry, true);
    this.jobs.cancelAll(true);
  }

  /**
   * Re-arms the durable events and jobs kept in the store (called by `bot.start()`; once).
   * Events due meanwhile fire at once, flagged `schedule.late`.
   */
  restore(): Promise<void> {
    return (this.restored ??= this.load());
  }

  private async load(): Promise<void> {
    const store = this.store;
    if (store === undefined) return;
    let count = 0;
    for await (const { key, value } of store.entries(TIMER_PREFIX)) {
      const id = key.slice(TIMER_PREFIX.length);
      if (this.pending.has(id)) continue;
      try {
        const { at, event } = JSON.parse(value) as { at: number; event: BotEvent };
        if (typeof at !== 'number') throw new TypeError(`stored event ${key} has no time`);
        checkEvent(event);
        const entry: Entry = {
          id,
          at,
          event,
          timer: undefined,
          late: at < this.clock.now(),
          io: Promise.resolve(),
        };
        this.pending.set(id, entry);
        this.arm(entry);
        count += 1;
      } catch (error) {
        this.report(error);
      }
    }
    const jobs = await this.jobs.restore();
    log('restored %d events and %d jobs', count, jobs);
  }

  /**
   * Turns the timers off without forgetting durable events and jobs (`bot.stop()`): the next
   * process re-arms them.
   */
  suspend(): void {
    for (const entry of this.pending.values()) this.clock.clearTimeout(entry.timer);
    this.pending.clear();
    this.jobs.cancelAll(false);
  }

  /**
   * Turns every timer off and refuses new events (`bot.stop()` calls it), so that a handler
   * still running after the stop cannot leave a timer behind that keeps the process alive.
   */
  close(): void {
    this.closed = true;
    this.suspend();
  }

  private fire(entry: Entry): void {
    if (this.pending.get(entry.id) !== entry) return;
    if (entry.at > this.clock.now()) {
      this.arm(entry); // a wait longer than the longest timer delay: its timer fired early
      return;
    }
    this.pending.delete(entry.id);
    let event: BotEvent | undefined;
    try {
      event = typeof entry.event === 'function' ? entry.event() : entry.event;
      if (event === undefined) return;
      checkEvent(event);
    } catch (error) {
      this.report(error);
      return;
    }
    if (this.store === undefined || typeof entry.event === 'function') {
      this.sink(event).catch((error: unknown) => this.report(error));
      return;
    }
    const info: ScheduleInfo = { id: entry.id, at: entry.at, late: entry.late };
    this.sink(withSchedule(event, info)).then(
      () => this.io(entry, (store) => store.delete(TIMER_PREFIX + entry.id)),
      (error: unknown) => this.report(error), // kept in the store: it fires after a restart
    );
  }
}

function checkEvent(event: unknown): void {
  if (typeof event === 'function') return;
  const keys = typeof event === 'object' && event !== null ? Object.keys(event) : [];
  if (keys.length !== 1 || !keys[0]!.startsWith('_')) {
    throw new TypeError(
      'a scheduled event must be an object with exactly one key starting with "_", ' +
        "e.g. { _alarm: { text: 'wake up' } }",
    );
  }
}
