import type { Emulator } from '@delegram/emulator';

/** Every emulator `launch` started, until {@link takeFloodTrips} reads them. */
const launched = new Set<Emulator>();

/**
 * Remembers an emulator `launch` started, so that tests can check that no bot tripped its
 * flood control.
 *
 * @param emulator - the emulator
 */
export function watchFloodTrips(emulator: Emulator): void {
  launched.add(emulator);
}

/**
 * How many calls the emulators started since the last call answered with 429 (Too Many
 * Requests), and forgets them: the examples' tests check after each test that it is 0, that is,
 * that every example stays within Telegram's limits.
 *
 * @returns the number of 429 answers
 */
export function takeFloodTrips(): number {
  let refused = 0;
  for (const emulator of launched) refused += emulator.flood.refused;
  launched.clear();
  return refused;
}
