import type { EventData, EventFlavor } from '../flavor.js';
import type { JobHandle } from '../schedule/RepeatingJobs.js';
import type { EventScheduler, ScheduledEvent, ScheduleOptions } from './EventScheduler.js';
import type { SeedKey } from './Seed.js';

/**
 * A delegate's own scheduler (telepot's `StandardEventScheduler`): events it schedules carry
 * `source: { space, id }`, so they come back to this delegate (or revive it after it closed)
 * through the `perEventSourceId(space)` seeder that {@link paveEventSpace} adds.
 *
 * @example
 * ```ts
 * this.scheduler.eventLater(30, '_expired', { poll: 1 }); // onEvent / on_expired in 30 s
 * ```
 */
export class DelegateScheduler {
  /**
   * @param scheduler - the bot's scheduler
   * @param eventSpace - the event space of the delegate's pattern
   * @param sourceId - the delegate's seed
   */
  constructor(
    private readonly scheduler: EventScheduler,
    readonly eventSpace: number,
    readonly sourceId: SeedKey,
  ) {}

  /**
   * Builds a standard event for this delegate.
   *
   * @param flavor - the event's flavor, starting with `_`
   * @param data - more fields of the event's data
   * @returns `{ [flavor]: { source: { space, id }, ...data } }`
   */
  makeEvent(
    flavor: EventFlavor,
    data: Record<string, unknown> = {},
  ): { [k: EventFlavor]: EventData } {
    if (typeof flavor !== 'string' || !flavor.startsWith('_') || flavor.length < 2) {
      throw new TypeError(
        `an event flavor must start with "_" (like "_alarm"), got ${String(flavor)}`,
      );
    }
    return { [flavor]: { ...data, source: { space: this.eventSpace, id: this.sourceId } } };
  }

  /**
   * Schedules one of this delegate's events at a time (clock seconds).
   *
   * @returns the handle for {@link DelegateScheduler.cancel}
   */
  eventAt(
    when: number,
    flavor: EventFlavor,
    data?: Record<string, unknown>,
    options?: ScheduleOptions,
  ): ScheduledEvent {
    return this.scheduler.eventAt(when, this.makeEvent(flavor, data), this.scoped(options));
  }

  /**
   * Schedules one of this delegate's events after `seconds`.
   *
   * @returns the handle
   */
  eventLater(
    seconds: number,
    flavor: EventFlavor,
    data?: Record<string, unknown>,
    options?: ScheduleOptions,
  ): ScheduledEvent {
    return this.scheduler.eventLater(seconds, this.makeEvent(flavor, data), this.scoped(options));
  }

  /**
   * Schedules one of this delegate's events now.
   *
   * @returns the handle
   */
  eventNow(
    flavor: EventFlavor,
    data?: Record<string, unknown>,
    options?: ScheduleOptions,
  ): ScheduledEvent {
    return this.scheduler.eventNow(this.makeEvent(flavor, data), this.scoped(options));
  }

  /** An id or job name of this delegate's own, so that two delegates' names never collide. */
  private scopedName(name: string): string {
    return `${this.eventSpace}/${JSON.stringify(this.sourceId)}/${name}`;
  }

  private scoped(options: ScheduleOptions | undefined): ScheduleOptions | undefined {
    const id = options?.id;
    return id === undefined ? options : { ...options, id: this.scopedName(id) };
  }

  /**
   * Runs a repeating job of this delegate every `seconds`: each run is one of its events, and
   * wakes the delegate if it closed. The name is this delegate's own (two chats can both have a
   * `'digest'` job).
   *
   * @returns the job's handle
   */
  every(
    seconds: number,
    flavor: EventFlavor,
    data: Record<string, unknown> | undefined,
    options: { readonly name: string },
  ): JobHandle {
    const name = this.scopedName(options.name);
    return this.scheduler.every(seconds, this.makeEvent(flavor, data), { ...options, name });
  }

  /**
   * Runs a repeating job of this delegate every day at `time` (`'HH:MM'`) in a time zone.
   *
   * @returns the job's handle
   */
  daily(
    time: string,
    flavor: EventFlavor,
    data: Record<string, unknown> | undefined,
    options: { readonly name: string; readonly timeZone?: string | undefined },
  ): JobHandle {
    const name = this.scopedName(options.name);
    return this.scheduler.daily(time, this.makeEvent(flavor, data), { ...options, name });
  }

  /**
   * Runs a repeating job of this delegate on a cron schedule in a time zone.
   *
   * @returns the job's handle
   */
  cron(
    expression: string,
    flavor: EventFlavor,
    data: Record<string, unknown> | undefined,
    options: { readonly name: string; readonly timeZone?: string | undefined },
  ): JobHandle {
    const name = this.scopedName(options.name);
    return this.scheduler.cron(expression, this.makeEvent(flavor, data), { ...options, name });
  }

  /**
   * Stops one of this delegate's repeating jobs.
   *
   * @returns `true` if it existed
   */
  cancelJob(name: string): boolean {
    return this.scheduler.cancelJob(this.scopedName(name));
  }

  /**
   * Cancels an event.
   *
   * @returns `true` if it was still pending
   */
  cancel(handle: ScheduledEvent | string): boolean {
    return this.scheduler.cancel(typeof handle === 'string' ? this.scopedName(handle) : handle);
  }
}
