import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How urgent an outgoing call is to {@link flowControl}: `'interactive'` (someone is waiting
 * for the answer; the default) or `'bulk'` (broadcasts, digests, anything that may wait).
 */
export type Priority = 'interactive' | 'bulk';

const storage = new AsyncLocalStorage<Priority>();

/**
 * Runs `fn` so that every Bot API call made inside it, async continuations included, has the
 * given {@link Priority} for {@link flowControl}: its dispatcher serves ready interactive calls
 * before ready bulk ones, so a user chatting during a big broadcast still gets quick replies.
 * Within one chat the call order is kept whatever the priority.
 *
 * @example
 * ```ts
 * await withPriority('bulk', async () => {
 *   for (const chatId of subscribers) await api.sendMessage(chatId, digest);
 * });
 * ```
 *
 * @param priority - `'interactive'` or `'bulk'`
 * @param fn - the work; its result is returned
 * @returns what `fn` returns
 */
export function withPriority<T>(priority: Priority, fn: () => T): T {
  const given: unknown = priority;
  if (given !== 'interactive' && given !== 'bulk') {
    const shown = typeof given === 'string' ? `'${given}'` : typeof given;
    throw new TypeError(`withPriority: priority must be 'interactive' or 'bulk', got ${shown}`);
  }
  if (typeof fn !== 'function') throw new TypeError('withPriority: fn must be a function');
  return storage.run(priority, fn);
}

/**
 * The {@link Priority} set by the innermost {@link withPriority} around the current code.
 *
 * @returns that priority, or `undefined` outside any `withPriority`
 */
export function currentPriority(): Priority | undefined {
  return storage.getStore();
}
