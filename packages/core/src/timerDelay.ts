/**
 * The longest delay Node's (and browsers') `setTimeout` honours: 2^31 − 1 ms, about 24.8 days.
 * A longer delay is not clamped by the platform but replaced by 1 ms, so the timer fires at once.
 */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * The delay to give a clock timer for a wait of `ms`: `ms`, at least 0 and at most
 * {@link MAX_TIMER_DELAY_MS}. A caller whose wait was cut short re-arms when the timer fires.
 *
 * @param ms - how long to wait, in milliseconds
 * @returns the delay for `clock.setTimeout`
 */
export function timerDelay(ms: number): number {
  return ms > MAX_TIMER_DELAY_MS ? MAX_TIMER_DELAY_MS : ms > 0 ? ms : 0;
}
