import { OptionsError } from '@delegram/api';

/** Runs `run` and returns the OptionsError it throws (any other outcome fails the test). */
export function thrown(run: () => unknown): OptionsError {
  try {
    run();
  } catch (error) {
    if (error instanceof OptionsError) return error;
    throw error;
  }
  throw new Error('expected an OptionsError');
}
