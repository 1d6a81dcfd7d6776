import type { SignalSource } from 'delegram';
import { stopOnSignals } from 'delegram';
import type { Print } from './launch.js';

/**
 * Runs an example's shutdown on SIGINT/SIGTERM (delegram's `stopOnSignals`), saying so: prints
 * "Stopping…" and, once done, "Stopped.". Node then exits by itself, nothing being left open.
 *
 * @param shutdown - the clean shutdown (idempotent)
 * @param print - where to say it
 * @param signals - `true` for the process's signals, `false` for none, or a stand-in source
 * @returns a function that removes the handlers
 */
export function handleSignals(
  shutdown: () => Promise<void>,
  print: Print,
  signals: boolean | SignalSource = true,
): () => void {
  if (signals === false) return () => {};
  return stopOnSignals(
    {
      stop: async () => {
        print('Stopping…');
        await shutdown();
        print('Stopped.');
      },
    },
    {
      onError: (error) => print(`stopping failed: ${String(error)}`),
      ...(signals === true ? {} : { source: signals }),
    },
  );
}
