import type { CloseReason } from './Delegate.js';

/**
 * Thrown by `listener.wait()` when the delegate closes while (or before) waiting: the idle timeout
 * expired, `bot.stop()` was called, or `close()` was requested from outside. A handler that lets it
 * propagate ends normally; it is not reported as an error.
 */
export class DelegateClosedError extends Error {
  /** Always `'DelegateClosedError'`. */
  override readonly name = 'DelegateClosedError';

  /**
   * @param reason - why the delegate is closing
   */
  constructor(readonly reason: CloseReason) {
    super(`the delegate is closing (reason: ${reason.reason}); stop waiting for messages`);
  }
}

/**
 * Thrown by `listener.wait(timeout)` when no captured message came within the timeout (telepot's
 * `WaitTooLong`). The delegate goes on: catch it to give up waiting, or let it propagate to end
 * the handler with an error.
 */
export class WaitTooLongError extends Error {
  /** Always `'WaitTooLongError'`. */
  override readonly name = 'WaitTooLongError';

  /**
   * @param seconds - the timeout that passed
   */
  constructor(readonly seconds: number) {
    super(`no message came within ${seconds} s of listener.wait()`);
  }
}

/**
 * Thrown (as a rejected promise) by `DelegatorBot.handle()` after `bot.stop()` finished: a stopped
 * bot has no delegates and takes no more messages. Create a new bot to start again.
 */
export class DelegatorStoppedError extends Error {
  /** Always `'DelegatorStoppedError'`. */
  override readonly name = 'DelegatorStoppedError';

  constructor() {
    super('this DelegatorBot was stopped; create a new DelegatorBot to handle more updates');
  }
}

/**
 * Thrown when delegation is set up wrongly: a pattern that is not `[seeder, delegator]`, an idle
 * timeout that is not a positive number, a scheduler used without an event space, and similar.
 * The message says what to do instead.
 */
export class DelegationSetupError extends TypeError {
  /** Always `'DelegationSetupError'`. */
  override readonly name = 'DelegationSetupError';

  /**
   * @param message - what is wrong and what to do instead
   * @param options - `cause`, when another error led to this one
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
