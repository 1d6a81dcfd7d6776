/** How a polling loop waits between failed attempts. */
export interface BackoffOptions {
  /** First wait in milliseconds (default 250). */
  initialMs?: number;
  /** Longest wait in milliseconds (default 30 000). */
  maxMs?: number;
  /** Growth per failed attempt (default 2). */
  factor?: number;
  /** Random source in [0, 1) for jitter (default `Math.random`). */
  random?: () => number;
}

/**
 * Returns the wait before retry number `attempt` (0 for the first retry): exponential, capped at
 * `maxMs`, with "equal jitter" (between half and all of the capped value), so that many bots
 * failing together do not retry in lockstep.
 *
 * @param attempt - how many retries came before this one
 * @param options - initial wait, cap, factor, random source
 * @returns milliseconds to wait
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialMs ?? 250;
  const max = options.maxMs ?? 30_000;
  const factor = options.factor ?? 2;
  const random = options.random ?? Math.random;
  const capped = Math.min(max, initial * factor ** Math.min(attempt, 64));
  return Math.round(capped / 2 + (random() * capped) / 2);
}
