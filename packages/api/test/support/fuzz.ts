import fc from 'fast-check';

/**
 * The fast-check parameters of a property test: a bounded run by default (`numRuns`, so the
 * normal test command stays fast), `FUZZ_RUNS` runs for `pnpm fuzz`, and `FUZZ_SEED` (with
 * `FUZZ_PATH`) to replay a failure. A failure's message names its seed and path; it is also
 * written to stderr so a CI log always shows how to replay it.
 *
 * @param numRuns - runs in the normal test command
 */
export function fuzzParams<T>(numRuns: number): fc.Parameters<T> {
  const runs = Number(process.env['FUZZ_RUNS'] ?? numRuns);
  const seed = process.env['FUZZ_SEED'];
  const path = process.env['FUZZ_PATH'];
  return {
    numRuns: Number.isInteger(runs) && runs > 0 ? runs : numRuns,
    ...(seed === undefined ? {} : { seed: Number(seed) }),
    ...(path === undefined ? {} : { path }),
    reporter: (details) => {
      if (!details.failed) return;
      process.stderr.write(
        `fuzz failure: replay with FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath ?? ''}\n`,
      );
      throw new Error(fc.defaultReportMessage(details), { cause: details.errorInstance });
    },
  };
}

/** Any JSON value, nested a few levels (strings, numbers, booleans, null, arrays, objects). */
export const anyJson = (): fc.Arbitrary<unknown> => fc.jsonValue({ maxDepth: 4 });
