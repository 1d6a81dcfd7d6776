import type { StateStore } from 'delegram';

const PREFIX = 'subscriber:';

/**
 * The newsletter's subscribers, one store key each (`subscriber:<chat id>`), so that a
 * subscription is one small write and survives restarts.
 */
export class Subscribers {
  /** @param store - where they are kept */
  constructor(private readonly store: StateStore) {}

  /**
   * Subscribes a chat.
   *
   * @param chatId - the chat
   * @returns false when it was subscribed already
   */
  async add(chatId: number): Promise<boolean> {
    const result = await this.store.set(PREFIX + String(chatId), '1', { ifVersion: 0 });
    return result.ok;
  }

  /**
   * Unsubscribes a chat.
   *
   * @param chatId - the chat
   * @returns false when it was not subscribed
   */
  remove(chatId: number): Promise<boolean> {
    return this.store.delete(PREFIX + String(chatId));
  }

  /**
   * Every subscriber, by chat id (a broadcast needs the same order every time it runs).
   *
   * @returns the chat ids, ascending
   */
  async list(): Promise<number[]> {
    const ids: number[] = [];
    for await (const entry of this.store.entries(PREFIX))
      ids.push(Number(entry.key.slice(PREFIX.length)));
    return ids.sort((a, b) => a - b);
  }
}
