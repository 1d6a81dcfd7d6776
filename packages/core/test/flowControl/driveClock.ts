import type { FlowControl, ManualClock } from '@delegram/api';

/**
 * Runs `work` to its end on a manual clock that the emulator and the flow control share: the
 * clock moves `stepMs` at a time, and only while no call is in flight over loopback, so that
 * the emulator sees (almost) the time the client sent at. The step must stay below the flow
 * control's `safetyMarginMs`, which covers that skew.
 *
 * @param clock - the shared clock
 * @param fc - the flow control (its events tell when answers arrive)
 * @param work - the calls
 * @param maxMs - give up after this much simulated time
 * @returns what `work` resolves to
 */
export async function driveClock<T>(
  clock: ManualClock,
  fc: FlowControl,
  work: Promise<T>,
  { stepMs = 10, maxMs = 30 * 60_000 } = {},
): Promise<T> {
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  const start = clock.now();
  const nextAnswer = () =>
    new Promise<void>((resolve) => {
      const offs = (['sent', 'failed', 'rateLimited'] as const).map((event) =>
        fc.on(event, () => {
          for (const off of offs) off();
          resolve();
        }),
      );
    });
  while (!done) {
    while (fc.stats().inFlight > 0 && !done) await nextAnswer();
    if (done) break;
    if (clock.now() - start > maxMs) throw new Error(`still running after ${maxMs} ms`);
    await clock.advance(stepMs);
  }
  return finished;
}
