import type { Clock, TimerId } from '@delegram/api';
import type { ErrorInfo } from '../BotEvents.js';
import type { BotEvent } from '../flavor.js';
import { timerDelay } from '../timerDelay.js';
import { DelegatorStoppedError } from './errors.js';

/** An event, or a function called at fire time that returns the event (or `undefined` to skip). */
export type EventSpec = BotEvent | (() => BotEvent | undefined);

/**
 * The handle of a scheduled event: pass it to {@link EventScheduler.cancel}.
 */
export interface ScheduledEvent {
  /** When the event fires, in clock milliseconds. */
  readonly at: number;
  /** The event (or the function producing it). */
  readonly event: EventSpec;
}

interface Entry extends ScheduledEvent {
  timer: TimerId;
}

/**
 * The bot's scheduler (telepot's `Bot.Scheduler`): fires events at a time, through the same
 * `handle()` path as updates, so an event reaches its delegate's mailbox in order with messages, and
 * can revive a delegate that has closed.
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
  private readonly pending = new Set<Entry>();
  private closed = false;

  /**
   * @param clock - the clock
   * @param sink - receives each fired event (the bot's `handle`)
   * @param reportError - receives errors of the sink or of an event function
   */
  constructor(
    private readonly clock: Clock,
    private readonly sink: (event: BotEvent) => Promise<void>,
    private readonly reportError: (error: unknown, info: ErrorInfo) => void,
  ) {}

  /** The number of events not yet fired or cancelled. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Schedules an event at an absolute time.
   *
   * @param when - the clock's time in seconds (`clock.now() / 1000` is now)
   * @param event - the event, or a function producing it at fire time
   * @returns the handle for {@link EventScheduler.cancel}
   * @throws DelegatorStoppedError once the bot stopped (its handlers may outlive the stop)
   */
  eventAt(when: number, event: EventSpec): ScheduledEvent {
    if (this.closed) throw new DelegatorStoppedError();
    if (typeof when !== 'number' || Number.isNaN(when)) {
      throw new TypeError(`eventAt(when): when must be a time in seconds, got ${String(when)}`);
    }
    checkEvent(event);
    const at = when * 1000;
    const entry: Entry = { at, event, timer: undefined };
    this.arm(entry);
    this.pending.add(entry);
    return entry;
  }

  /** Sets the entry's timer; past the longest timer delay, it fires early and re-arms. */
  private arm(entry: Entry): void {
    entry.timer = this.clock.setTimeout(
      () => this.fire(entry),
      timerDelay(entry.at - this.clock.now()),
    );
  }

  /**
   * Schedules an event after a delay.
   *
   * @param seconds - the delay in seconds
   * @param event - the event, or a function producing it at fire time
   * @returns the handle
   */
  eventLater(seconds: number, event: EventSpec): ScheduledEvent {
    if (typeof seconds !== 'number' || !(seconds >= 0)) {
      throw new TypeError(`eventLater(seconds): seconds must be >= 0, got ${String(seconds)}`);
    }
    return this.eventAt(this.clock.now() / 1000 + seconds, event);
  }

  /**
   * Schedules an event to fire as soon as possible (on the next timer turn).
   *
   * @param event - the event, or a function producing it at fire time
   * @returns the handle
   */
  eventNow(event: EventSpec): ScheduledEvent {
    return this.eventAt(this.clock.now() / 1000, event);
  }

  /**
   * Cancels a scheduled event.
   *
   * @param handle - from `eventAt`, `eventLater` or `eventNow`
   * @returns `true` if it was pending, `false` if it had fired or was cancelled already
   */
  cancel(handle: ScheduledEvent): boolean {
    const entry = handle as Entry;
    if (!this.pending.delete(entry)) return false;
    this.clock.clearTimeout(entry.timer);
    return true;
  }

  /** Cancels every pending event; new ones can still be scheduled. */
  cancelAll(): void {
    for (const entry of this.pending) this.clock.clearTimeout(entry.timer);
    this.pending.clear();
  }

  /**
   * Cancels every pending event and refuses new ones (`bot.stop()` calls it), so that a handler
   * still running after the stop cannot leave a timer behind that keeps the process alive.
   */
  close(): void {
    this.closed = true;
    this.cancelAll();
  }

  private fire(entry: Entry): void {
    if (!this.pending.has(entry)) return;
    if (entry.at > this.clock.now()) {
      this.arm(entry); // a wait longer than the longest timer delay: its timer fired early
      return;
    }
    this.pending.delete(entry);
    let event: BotEvent | undefined;
    try {
      event = typeof entry.event === 'function' ? entry.event() : entry.event;
      if (event === undefined) return;
      checkEvent(event);
    } catch (error) {
      this.reportError(error, { source: 'scheduler', outcome: 'continue' });
      return;
    }
    const fired = event;
    this.sink(fired).catch((error: unknown) =>
      this.reportError(error, { source: 'scheduler', outcome: 'continue' }),
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
