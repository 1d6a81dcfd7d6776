import { checkOptions } from '@delegram/api';
import type { OptionRules } from '@delegram/api';
import type { Incoming } from '../Incoming.js';
import type { CloseReason, DelegateLogic, Delegator, SeedTuple } from './Delegate.js';
import { DelegationSetupError } from './errors.js';

const noop = (): void => {};

function checkCallable(what: string, value: unknown, example: string): void {
  if (typeof value !== 'function') {
    throw new DelegationSetupError(
      `${what}: expected a function or class, got ${typeof value}; ${example}`,
    );
  }
}

/**
 * A delegator that runs `fn(seedTuple, ...args)` for the first message and closes the delegate when
 * it settles (telepot's `call`): a job per seed, such as sending an invoice. Messages for the same
 * seed that arrive while the job runs are handed, in order, to the next job.
 *
 * @example
 * ```ts
 * pair(perChatId(), call, async ({ bot, incoming }) => { await sendWelcome(bot, incoming) });
 * ```
 * @param fn - the job; it receives the seed tuple and `args`
 * @param args - more arguments for `fn`
 * @returns the delegator
 */
export function call<A extends unknown[]>(
  fn: (seedTuple: SeedTuple, ...args: A) => unknown,
  ...args: A
): Delegator {
  checkCallable('call(fn)', fn, 'pass the job, e.g. call(async (seedTuple) => { ... })');
  return (seedTuple) => ({
    async open(): Promise<boolean> {
      try {
        await fn(seedTuple, ...args);
      } finally {
        seedTuple.delegate.close();
      }
      return true;
    },
    onMessage: noop,
  });
}

/** A class whose instances have a `run()` that processes messages with `this.listener.wait()`. */
export interface Runnable {
  /** The delegate's whole life; the delegate closes when it returns. */
  run(): unknown;
  /** Idle timeout in seconds (see {@link DelegateLogic.idleTimeout}). */
  readonly idleTimeout?: number | undefined;
  /**
   * What a failing `run()` does: `'close'` (default) closes the delegate with reason `error`;
   * `'keep'` only reports the error, and the delegate closes with reason `closed` as when `run()`
   * returns (its life is over either way).
   */
  readonly onError?: 'close' | 'keep' | undefined;
  /** Which messages `wait()` returns (see {@link DelegateLogic.accepts}). */
  accepts?(incoming: Incoming): boolean;
  /** Called once when the delegate closes. */
  onClose?(reason: CloseReason): unknown;
}

/**
 * A delegator that constructs `new cls(seedTuple, ...args)` and runs its `run()` as the delegate's
 * life (telepot's `create_run`). `run()` takes messages with `listener.wait()`; the first message is
 * in `seedTuple.incoming`. The delegate closes when `run()` returns, and `wait()` rejects with
 * `DelegateClosedError` when it is closed from outside (idle timeout, `bot.stop()`).
 *
 * @param cls - the class
 * @param args - more constructor arguments
 * @returns the delegator
 */
export function createRun<A extends unknown[]>(
  cls: new (seedTuple: SeedTuple, ...args: A) => Runnable,
  ...args: A
): Delegator {
  checkCallable('createRun(cls)', cls, 'pass a class with a run() method');
  return (seedTuple) => {
    const job = new cls(seedTuple, ...args);
    const logic: DelegateLogic = {
      idleTimeout: job.idleTimeout,
      onError: job.onError,
      async open(): Promise<boolean> {
        try {
          await job.run();
        } catch (error) {
          // run() is the delegate's whole life: with onError 'keep' the error is only reported,
          // but a delegate whose run() is over can take no message, so it closes all the same.
          if (job.onError === 'keep') seedTuple.delegate.close();
          throw error;
        }
        seedTuple.delegate.close();
        return true;
      },
      onMessage: noop,
    };
    if (job.accepts !== undefined) {
      (logic as { accepts?: (incoming: Incoming) => boolean }).accepts = (incoming) =>
        job.accepts?.(incoming) === true;
    }
    if (job.onClose !== undefined) {
      (logic as { onClose?: DelegateLogic['onClose'] }).onClose = (reason) => job.onClose?.(reason);
    }
    return logic;
  };
}

/**
 * A delegator that constructs `new cls(seedTuple, ...args)` as the delegate (telepot's
 * `create_open`): its `open(initial, seed)` runs first (returning `true` suppresses handling of the
 * first message), then `onMessage` for each captured message, and `onClose(reason)` once.
 *
 * @example
 * ```ts
 * pair(perChatId(), createOpen, MessageCounter, { timeout: 10 });
 * ```
 * @param cls - the handler class (usually a `ChatHandler` or other handler subclass)
 * @param args - more constructor arguments (usually an options object)
 * @returns the delegator
 */
export function createOpen<A extends unknown[]>(
  cls: new (seedTuple: SeedTuple, ...args: A) => DelegateLogic,
  ...args: A
): Delegator {
  checkCallable('createOpen(cls)', cls, 'pass a handler class, e.g. createOpen(MessageCounter)');
  const rules = (cls as { optionRules?: unknown }).optionRules;
  if (typeof rules === 'object' && rules !== null && args.length > 0) {
    checkOptions(`options of ${cls.name || 'the handler'}`, args[0], rules as OptionRules, {
      hint:
        'a handler that takes options of its own lists them in its static optionRules, e.g. ' +
        'static override readonly optionRules = { ...ChatHandler.optionRules, greeting: is.string }',
    });
  }
  return (seedTuple) => new cls(seedTuple, ...args);
}
