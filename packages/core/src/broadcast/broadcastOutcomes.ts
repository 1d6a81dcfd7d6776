import type { StateStore } from '../state/StateStore.js';
import { outcomePrefix } from './BroadcastCursor.js';
import type { StoredOutcome } from './BroadcastCursor.js';

/** One recorded outcome other than `sent`, as {@link broadcastOutcomes} lists it. */
export interface RecordedOutcome extends StoredOutcome {
  /** The chat's position in the broadcast's list. */
  readonly position: number;
}

/**
 * Lists the chats of a broadcast that did not get the message (blocked, not found, failed,
 * uncertain), with Telegram's reason, from the store it ran on: for example to unsubscribe the
 * people who blocked the bot. Delivered chats are only counted, not listed.
 *
 * @example
 * ```ts
 * for await (const o of broadcastOutcomes(bot.store, 'news-2026-12')) {
 *   if (o.outcome === 'blocked') await unsubscribe(o.chatId);
 * }
 * ```
 *
 * @param store - the store the broadcast ran on (usually `bot.store`)
 * @param id - the broadcast's id
 * @returns the outcomes, in the store's order
 */
export async function* broadcastOutcomes(
  store: StateStore,
  id: string,
): AsyncIterable<RecordedOutcome> {
  const prefix = outcomePrefix(id);
  for await (const entry of store.entries(prefix)) {
    const position = Number(entry.key.slice(prefix.length));
    yield { position, ...(JSON.parse(entry.value) as StoredOutcome) };
  }
}
