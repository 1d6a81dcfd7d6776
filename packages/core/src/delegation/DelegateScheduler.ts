import type { EventData, EventFlavor } from '../flavor.js';
import type { EventScheduler, ScheduledEvent } from './EventScheduler.js';
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
  eventAt(when: number, flavor: EventFlavor, data?: Record<string, unknown>): ScheduledEvent {
    return this.scheduler.eventAt(when, this.makeEvent(flavor, data));
  }

  /**
   * Schedules one of this delegate's events after `seconds`.
   *
   * @returns the handle
   */
  eventLater(seconds: number, flavor: EventFlavor, data?: Record<string, unknown>): ScheduledEvent {
    return this.scheduler.eventLater(seconds, this.makeEvent(flavor, data));
  }

  /**
   * Schedules one of this delegate's events now.
   *
   * @returns the handle
   */
  eventNow(flavor: EventFlavor, data?: Record<string, unknown>): ScheduledEvent {
    return this.scheduler.eventNow(this.makeEvent(flavor, data));
  }

  /**
   * Cancels an event.
   *
   * @returns `true` if it was still pending
   */
  cancel(handle: ScheduledEvent): boolean {
    return this.scheduler.cancel(handle);
  }
}
