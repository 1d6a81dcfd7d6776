/**
 * The error a promise rejects with; fails the test when it resolves, or rejects with a
 * non-Error.
 *
 * @param promise - a call expected to fail
 * @returns its error
 */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) throw new Error('expected the call to fail');
  return outcome;
}
