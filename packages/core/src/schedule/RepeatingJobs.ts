import { checkOptions, is } from '@delegram/api';
import type { Clock, TimerId } from '@delegram/api';
import type { BotEvent } from '../flavor.js';
import { checkStorable } from '../state/checkStorable.js';
import type { StateStore } from '../state/StateStore.js';
import { timerDelay } from '../timerDelay.js';
import { checkTimeZone, nextCron, parseCron } from './cron.js';
import type { CronRule } from './cron.js';
import { ScheduleRuleError } from './ScheduleRuleError.js';
import { withSchedule } from './withSchedule.js';

/** Options of a repeating job. */
export interface JobOptions {
  /**
   * The job's name, unique in the bot: declaring a name again replaces the job's event and, if
   * the rule changed, its schedule. With a store, the job is kept under `job:<name>`.
   */
  readonly name: string;
}

/** Options of a job that runs at times of day ({@link EventScheduler.daily}, `cron`). */
export interface ZonedJobOptions extends JobOptions {
  /** An IANA time zone such as `'Europe/Berlin'` (default `'UTC'`). */
  readonly timeZone?: string | undefined;
}

/** A repeating job, as {@link EventScheduler.every} and its siblings return it. */
export interface JobHandle {
  /** The job's name. */
  readonly name: string;
  /** When it runs next, in clock milliseconds (`NaN` until a stored schedule was read). */
  readonly next: number;
  /** Stops the job and forgets it in the store. */
  cancel(): boolean;
}

/** A job's rule, as stored. */
type Rule =
  | { readonly kind: 'every'; readonly ms: number }
  | { readonly kind: 'cron'; readonly expression: string; readonly timeZone: string };

interface Job extends JobHandle {
  rule: Rule;
  cron: CronRule | undefined;
  event: BotEvent;
  next: number;
  late: boolean;
  timer: TimerId;
  io: Promise<unknown>;
}

/** What the jobs need from their scheduler. */
export interface JobsHost {
  readonly clock: Clock;
  readonly sink: (event: BotEvent) => Promise<void>;
  readonly store: StateStore | undefined;
  report(error: unknown): void;
  isClosed(): boolean;
}

const JOB_PREFIX = 'job:';

function checkName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError('a repeating job needs a name: { name: "daily-digest" }');
  }
}

/**
 * The repeating jobs of an {@link EventScheduler}: interval, daily and cron rules, each run
 * firing an event whose data carries `schedule: { id, at, late, job }`. With a store, each job's
 * next run is kept under `job:<name>`, advanced only after a run was handled.
 *
 * @internal
 */
export class RepeatingJobs {
  private readonly jobs = new Map<string, Job>();

  /** @param host - the scheduler's clock, sink, store and error report */
  constructor(private readonly host: JobsHost) {}

  /** The names of the jobs. */
  get names(): readonly string[] {
    return [...this.jobs.keys()];
  }

  every(seconds: number, event: BotEvent, options: JobOptions): JobHandle {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 1) {
      throw new ScheduleRuleError(
        String(seconds),
        'an interval is a number of seconds, at least 1',
      );
    }
    return this.declare(options, { kind: 'every', ms: Math.round(seconds * 1000) }, event);
  }

  daily(time: string, event: BotEvent, options: ZonedJobOptions): JobHandle {
    const match = typeof time === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(time) : null;
    const hour = Number(match?.[1]);
    const minute = Number(match?.[2]);
    if (match === null || hour > 23 || minute > 59) {
      throw new ScheduleRuleError(String(time), "a time of day is 'HH:MM' (24-hour), e.g. '09:30'");
    }
    return this.cron(`${minute} ${hour} * * *`, event, options);
  }

  cron(expression: string, event: BotEvent, options: ZonedJobOptions): JobHandle {
    parseCron(expression);
    const timeZone = options?.timeZone ?? 'UTC';
    checkTimeZone(timeZone);
    return this.declare(options, { kind: 'cron', expression, timeZone }, event);
  }

  private declare(options: JobOptions, rule: Rule, event: BotEvent): JobHandle {
    checkOptions('repeating job options', options, {
      name: is.string,
      ...(rule.kind === 'cron' ? { timeZone: is.string } : {}),
    });
    checkName(options?.name);
    if (this.host.store !== undefined) checkStorable(event, 'event');
    const name = options.name;
    const existing = this.jobs.get(name);
    if (existing !== undefined && sameRule(existing.rule, rule)) {
      existing.event = event;
      this.write(existing);
      return existing;
    }
    if (existing !== undefined) this.stop(existing, false);
    const job = this.create(name, rule, event, existing?.io);
    const store = this.host.store;
    if (store === undefined) {
      this.schedule(job, this.after(job, this.host.clock.now()), false);
      return job;
    }
    job.next = Number.NaN;
    job.io = job.io
      .then(() => store.get(JOB_PREFIX + name))
      .then((stored) => {
        if (this.jobs.get(name) !== job) return;
        const kept = stored === undefined ? undefined : parseJob(stored.value);
        if (kept !== undefined && sameRule(kept.rule, rule)) {
          this.schedule(job, kept.next, kept.next < this.host.clock.now());
        } else {
          this.schedule(job, this.after(job, this.host.clock.now()), false);
        }
        this.write(job);
      })
      .catch((error: unknown) => this.host.report(error));
    return job;
  }

  private create(name: string, rule: Rule, event: BotEvent, io?: Promise<unknown>): Job {
    const job: Job = {
      name,
      rule,
      cron: rule.kind === 'cron' ? parseCron(rule.expression) : undefined,
      event,
      next: Number.NaN,
      late: false,
      timer: undefined,
      io: io ?? Promise.resolve(),
      cancel: () => this.cancel(name),
    };
    this.jobs.set(name, job);
    return job;
  }

  /** The first run of a job strictly after `t`. */
  private after(job: Job, t: number): number {
    const rule = job.rule;
    if (rule.kind === 'cron') return nextCron(job.cron!, t, rule.timeZone);
    if (Number.isNaN(job.next)) return t + rule.ms;
    const missed = Math.max(0, Math.floor((t - job.next) / rule.ms) + 1);
    return job.next + missed * rule.ms;
  }

  private schedule(job: Job, at: number, late: boolean): void {
    job.next = at;
    job.late = late;
    this.host.clock.clearTimeout(job.timer);
    job.timer = this.host.clock.setTimeout(
      () => this.fire(job),
      timerDelay(at - this.host.clock.now()),
    );
  }

  private write(job: Job): void {
    const store = this.host.store;
    if (store === undefined || Number.isNaN(job.next)) return;
    const text = JSON.stringify({ rule: job.rule, event: job.event, next: job.next });
    job.io = job.io
      .then(() => store.set(JOB_PREFIX + job.name, text))
      .catch((error: unknown) => this.host.report(error));
  }

  private fire(job: Job): void {
    if (this.jobs.get(job.name) !== job || this.host.isClosed()) return;
    const now = this.host.clock.now();
    if (job.next > now) {
      this.schedule(job, job.next, job.late); // its timer fired early (a very long wait)
      return;
    }
    const at = job.next;
    const event = withSchedule(job.event, {
      id: `${job.name}@${at}`,
      at,
      late: job.late,
      job: job.name,
    });
    // The next run is armed now (a slow run does not delay it); it is stored once this run was
    // handled, so a crash before that runs this one again after the restart.
    this.schedule(job, this.after(job, Math.max(now, at)), false);
    this.host.sink(event).then(
      () => {
        if (this.jobs.get(job.name) === job) this.write(job);
      },
      (error: unknown) => this.host.report(error),
    );
  }

  cancel(name: string): boolean {
    const job = this.jobs.get(name);
    if (job === undefined) return false;
    this.stop(job, true);
    return true;
  }

  private stop(job: Job, forget: boolean): void {
    this.jobs.delete(job.name);
    this.host.clock.clearTimeout(job.timer);
    const store = this.host.store;
    if (forget && store !== undefined) {
      job.io = job.io
        .then(() => store.delete(JOB_PREFIX + job.name))
        .catch((error: unknown) => this.host.report(error));
    }
  }

  /** Stops every job; `forget` also deletes them from the store. */
  cancelAll(forget: boolean): void {
    for (const job of [...this.jobs.values()]) this.stop(job, forget);
  }

  /** Re-arms the jobs kept in the store that were not declared (again) in this process. */
  async restore(): Promise<number> {
    const store = this.host.store;
    if (store === undefined) return 0;
    let count = 0;
    for await (const { key, value } of store.entries(JOB_PREFIX)) {
      const name = key.slice(JOB_PREFIX.length);
      if (this.jobs.has(name)) continue;
      const kept = parseJob(value);
      if (kept === undefined) {
        this.host.report(new TypeError(`the stored job ${key} is not readable; left as it is`));
        continue;
      }
      const job = this.create(name, kept.rule, kept.event);
      this.schedule(job, kept.next, kept.next < this.host.clock.now());
      count += 1;
    }
    return count;
  }
}

function sameRule(a: Rule, b: Rule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function parseJob(text: string): { rule: Rule; event: BotEvent; next: number } | undefined {
  try {
    const parsed = JSON.parse(text) as { rule?: Rule; event?: BotEvent; next?: number };
    const rule = parsed.rule;
    if (
      typeof parsed.next !== 'number' ||
      typeof parsed.event !== 'object' ||
      parsed.event === null ||
      (rule?.kind !== 'every' && rule?.kind !== 'cron')
    ) {
      return undefined;
    }
    if (rule.kind === 'cron') parseCron(rule.expression);
    return { rule, event: parsed.event, next: parsed.next };
  } catch {
    return undefined;
  }
}
