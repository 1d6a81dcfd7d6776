import type { Clock } from './clock.js';
import type { MethodName, MethodParams, MethodResults } from './generated/methods.js';

/**
 * One Bot API call as a function: what {@link Api.call} does, and what each transformer gets as
 * `prev` to pass the call on.
 */
export type ApiCall = <M extends MethodName>(
  method: M,
  payload: MethodParams[M] | undefined,
  signal?: AbortSignal,
) => Promise<MethodResults[M]>;

/** What the client tells a transformer besides the call itself. */
export interface TransformerContext {
  /** The api's clock; wait on it (not on real timers) so tests can fast-forward. */
  readonly clock: Clock;
}

/**
 * A function wrapped around every outgoing call, for cross-cutting behaviour: retries, flood
 * waits, logging, test stubs. It gets the next function in the chain (`prev`) and the call, and
 * returns the result, calling `prev` zero, one or several times. Install it with {@link Api.use}.
 *
 * @example
 * ```ts
 * const timing: Transformer = async (prev, method, payload, signal) => {
 *   const started = Date.now();
 *   try {
 *     return await prev(method, payload, signal);
 *   } finally {
 *     console.log(method, Date.now() - started, 'ms');
 *   }
 * };
 * api.use(timing);
 * ```
 */
export type Transformer = <M extends MethodName>(
  prev: ApiCall,
  method: M,
  payload: MethodParams[M] | undefined,
  signal: AbortSignal | undefined,
  context: TransformerContext,
) => Promise<MethodResults[M]>;
