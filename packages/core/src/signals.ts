import { checkOptions, is } from '@delegram/api';

/** Something that can be stopped, like a `MessageLoop` or a `WebhookServer`. */
export interface Stoppable {
  /** Stops gracefully; resolves when done. */
  stop(): Promise<void>;
}

/** Where signals come from: `process`, or a stand-in in tests. */
export interface SignalSource {
  /** Adds a signal listener. */
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  /** Removes a signal listener. */
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

/** Options for {@link stopOnSignals}. */
export interface StopOnSignalsOptions {
  /** The signals to stop on (default `['SIGINT', 'SIGTERM']`). */
  signals?: readonly NodeJS.Signals[];
  /** Where to listen (default `process`). */
  source?: SignalSource;
  /** Called with an error thrown by `stop()` (default: ignored; loops report on `error`). */
  onError?: (error: unknown) => void;
}

/**
 * Stops `target` gracefully on SIGINT or SIGTERM, for scripts and examples.
 *
 * The first signal calls `target.stop()` and removes the listeners, so a second Ctrl+C gets Node's
 * default behaviour (exit at once) instead of being swallowed.
 *
 * @example
 * ```ts
 * const loop = new MessageLoop(bot, handler);
 * const dispose = stopOnSignals(loop);
 * await loop.run(); // resolves after Ctrl+C, with every finished update confirmed
 * dispose();
 * ```
 * @param target - what to stop (a `MessageLoop`, a `WebhookServer`, ...)
 * @param options - signals, signal source, error callback
 * @returns a function that removes the listeners (call it when `target` stopped by itself)
 */
export function stopOnSignals(target: Stoppable, options: StopOnSignalsOptions = {}): () => void {
  checkOptions('stopOnSignals(target, options)', options, {
    signals: is.array,
    source: is.object,
    onError: is.function,
  });
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const source: SignalSource = options.source ?? process;
  let disposed = false;
  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    for (const signal of signals) source.off(signal, onSignal);
  };
  function onSignal(): void {
    dispose();
    target.stop().catch((error: unknown) => options.onError?.(error));
  }
  for (const signal of signals) source.on(signal, onSignal);
  return dispose;
}
