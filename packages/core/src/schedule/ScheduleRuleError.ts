/**
 * A repeating job's rule is wrong: a cron expression that does not parse, a time of day that is
 * not `HH:MM`, an unknown time zone, an interval that is not a positive number of seconds.
 */
export class ScheduleRuleError extends TypeError {
  override readonly name = 'ScheduleRuleError';

  /**
   * @param rule - the rule as given (expression, time, zone or interval)
   * @param reason - what is wrong with it
   */
  constructor(
    readonly rule: string,
    readonly reason: string,
  ) {
    super(`schedule rule '${rule}': ${reason}`);
  }
}
