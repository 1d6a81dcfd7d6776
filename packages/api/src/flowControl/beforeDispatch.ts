import { AsyncLocalStorage } from 'node:async_hooks';

/** What {@link beforeDispatch} runs right before a call leaves for the network. */
export type DispatchHook = () => void | Promise<void>;

const storage = new AsyncLocalStorage<DispatchHook>();

/**
 * Runs `fn` so that the Bot API calls made inside it run `hook` at the moment they leave for the
 * network: after {@link flowControl} has let them through (not when they are queued), or at once
 * when the call is not rate-limited or flow control is off. The call waits for the hook's
 * promise; a hook that throws fails the call, which is then not sent. `broadcast` uses it to
 * record, durably and just before sending, which chat a message may have reached, so that a
 * resumed broadcast knows the few calls a crash left in doubt.
 *
 * Only an Api whose chain includes the flow-control transformer runs hooks: without it, run
 * the hook yourself before the call.
 *
 * @example
 * ```ts
 * await beforeDispatch(() => journal.markSending(chatId), () => api.sendMessage(chatId, news));
 * ```
 *
 * @param hook - runs right before each call inside `fn` is sent
 * @param fn - the work; its result is returned
 * @returns what `fn` returns
 */
export function beforeDispatch<T>(hook: DispatchHook, fn: () => T): T {
  if (typeof hook !== 'function') throw new TypeError('beforeDispatch: hook must be a function');
  if (typeof fn !== 'function') throw new TypeError('beforeDispatch: fn must be a function');
  return storage.run(hook, fn);
}

/**
 * The hook of the innermost {@link beforeDispatch} around the current code.
 *
 * @returns the hook, or `undefined`
 */
export function currentDispatchHook(): DispatchHook | undefined {
  return storage.getStore();
}
