import type { BotEvent, EventData } from '../flavor.js';

/**
 * What a durable scheduled event (or a job's run) carries in its data as `schedule`: its id, the
 * time it was due, and whether it fires late (it was due while the bot was down).
 */
export interface ScheduleInfo {
  /** The event's id (a job's run: `<job name>@<due time>`); durable state records it. */
  readonly id: string;
  /** When it was due, in clock milliseconds. */
  readonly at: number;
  /** It was due before the bot started again, and fires at once after the restart. */
  readonly late: boolean;
  /** The job's name, for a repeating job's run. */
  readonly job?: string;
}

/**
 * The event with `schedule` added to its data.
 *
 * @param event - the event as scheduled
 * @param info - its id, due time and lateness
 * @returns a new event
 * @internal
 */
export function withSchedule(event: BotEvent, info: ScheduleInfo): BotEvent {
  const [flavor] = Object.keys(event) as [`_${string}`];
  const data: EventData = event[flavor] ?? {};
  return { [flavor]: { ...data, schedule: info } };
}
