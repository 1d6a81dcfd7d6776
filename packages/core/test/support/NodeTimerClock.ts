import { ManualClock } from '@delegram/api';
import type { TimerId } from '@delegram/api';

/**
 * A manual clock whose timers behave like Node's: a delay past 2^31 − 1 ms is replaced by 1 ms
 * (Node warns with TimeoutOverflowWarning and fires at once). Counts the timers set.
 */
export class NodeTimerClock extends ManualClock {
  /** How many timers were set. */
  timersSet = 0;

  override setTimeout(callback: () => void, ms: number): TimerId {
    this.timersSet += 1;
    return super.setTimeout(callback, ms > 2_147_483_647 ? 1 : ms);
  }
}
