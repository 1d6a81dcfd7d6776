import { ScheduleRuleError } from './ScheduleRuleError.js';

/** A parsed five-field cron expression: the allowed values of each field. */
export interface CronRule {
  /** The expression as given. */
  readonly expression: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** Days of the week, 0 = Sunday. */
  readonly weekdays: ReadonlySet<number>;
  /** Whether the day-of-month field was restricted (not `*`). */
  readonly daysRestricted: boolean;
  /** Whether the day-of-week field was restricted (not `*`). */
  readonly weekdaysRestricted: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly nameBase?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'day of week', min: 0, max: 7, names: WEEKDAYS, nameBase: 0 },
];

function parseField(expression: string, text: string, spec: FieldSpec): Set<number> {
  const fail = (reason: string): never => {
    throw new ScheduleRuleError(expression, `${spec.name} field '${text}': ${reason}`);
  };
  const value = (part: string): number => {
    const upper = part.toUpperCase();
    const named = spec.names?.indexOf(upper) ?? -1;
    if (named >= 0) return named + (spec.nameBase ?? 0);
    if (!/^\d+$/.test(part)) fail(`'${part}' is not a number`);
    const n = Number(part);
    if (n < spec.min || n > spec.max) fail(`${n} is outside ${spec.min}-${spec.max}`);
    return n;
  };
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (stepText !== undefined && (!/^\d+$/.test(stepText) || step < 1)) {
      fail(`step '${stepText}' must be a positive integer`);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = value(a);
      to = value(b);
      if (from > to) fail(`range ${from}-${to} runs backwards`);
    } else {
      from = value(range);
      to = stepText === undefined ? from : spec.max;
    }
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

/**
 * Parses a five-field cron expression (`minute hour day-of-month month day-of-week`) with `*`,
 * lists, ranges, steps and month/day names; `7` is Sunday as `0` is. As in cron, when both day
 * fields are restricted a day matches either.
 *
 * @param expression - such as `'30 9 * * MON-FRI'`
 * @returns the rule
 * @throws {@link ScheduleRuleError} naming the field that is wrong
 */
export function parseCron(expression: string): CronRule {
  if (typeof expression !== 'string')
    throw new ScheduleRuleError(String(expression), 'not a string');
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new ScheduleRuleError(
      expression,
      `a cron expression has 5 fields (minute hour day month weekday), this has ${parts.length}`,
    );
  }
  const sets = parts.map((part, i) => parseField(expression, part, FIELDS[i]!));
  const weekdays = sets[4]!;
  if (weekdays.delete(7)) weekdays.add(0);
  return {
    expression,
    minutes: sets[0]!,
    hours: sets[1]!,
    days: sets[2]!,
    months: sets[3]!,
    weekdays,
    daysRestricted: parts[2] !== '*',
    weekdaysRestricted: parts[4] !== '*',
  };
}

interface Zoned {
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Checks a time zone name (an IANA name such as `'Europe/Berlin'`, or `'UTC'`).
 *
 * @throws {@link ScheduleRuleError} for a zone this Node does not know
 */
export function checkTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        month: 'numeric',
        day: 'numeric',
        weekday: 'short',
        hour: 'numeric',
        minute: 'numeric',
      });
    } catch {
      throw new ScheduleRuleError(timeZone, 'not a time zone this Node knows (use an IANA name)');
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function zoned(ms: number, timeZone: string): Zoned {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) fields[part.type] = part.value;
  return {
    month: Number(fields['month']),
    day: Number(fields['day']),
    weekday: WEEKDAYS.indexOf((fields['weekday'] ?? '').toUpperCase()),
    hour: Number(fields['hour']),
    minute: Number(fields['minute']),
  };
}

function sameWallTime(a: Zoned, b: Zoned): boolean {
  return a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

function dayMatches(rule: CronRule, z: Zoned): boolean {
  if (!rule.months.has(z.month)) return false;
  const byDay = rule.days.has(z.day);
  const byWeekday = rule.weekdays.has(z.weekday);
  if (rule.daysRestricted && rule.weekdaysRestricted) return byDay || byWeekday;
  return byDay && byWeekday;
}

const MINUTE = 60_000;

/**
 * The first time after `after` (exclusive) at which the rule fires in a time zone, to the
 * minute. A wall-clock time skipped by a daylight-saving change does not fire that day; one
 * that happens twice fires at its first occurrence.
 *
 * @param rule - from {@link parseCron}
 * @param after - clock milliseconds
 * @param timeZone - an IANA time zone
 * @returns clock milliseconds
 * @throws {@link ScheduleRuleError} when the rule never fires (such as 31 February)
 */
export function nextCron(rule: CronRule, after: number, timeZone: string): number {
  let t = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  const limit = after + 5 * 366 * 24 * 60 * MINUTE;
  while (t <= limit) {
    const z = zoned(t, timeZone);
    if (!dayMatches(rule, z)) {
      t += ((23 - z.hour) * 60 + (60 - z.minute)) * MINUTE; // to the next local midnight
    } else if (!rule.hours.has(z.hour)) {
      t += (60 - z.minute) * MINUTE;
    } else if (!rule.minutes.has(z.minute)) {
      t += MINUTE;
    } else if (sameWallTime(zoned(t - 60 * MINUTE, timeZone), z)) {
      t += MINUTE; // the repeated hour after a daylight-saving change: it fired the first time
    } else {
      return t;
    }
  }
  throw new ScheduleRuleError(rule.expression, 'it never fires');
}
