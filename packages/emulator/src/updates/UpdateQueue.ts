import type { Update, UpdateKind } from '@delegram/api';

/** One queued update with what delivery needs to know about it. */
export interface QueuedUpdate {
  /** The update as the bot receives it. */
  readonly update: Update;
  /** Its kind (the one optional field it carries). */
  readonly kind: UpdateKind;
  /** Webhook ordering key: updates with the same key are delivered one at a time, in order. */
  readonly orderKey: string;
  /** Emulated time (ms) after which the update is dropped undelivered. */
  readonly expiresAt: number;
}

/** How long Telegram keeps an unconfirmed update: 24 hours. */
export const UPDATE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * A bot's queue of unconfirmed updates, in `update_id` order, with sequential ids and expiry.
 *
 * It only stores; {@link BotUpdates} decides when updates are read, confirmed or delivered.
 */
export class UpdateQueue {
  private entries: QueuedUpdate[] = [];
  private next: number;

  /**
   * @param firstId - the `update_id` of the first update
   * @param ttlMs - how long an update waits before it is dropped
   */
  constructor(
    firstId = 1,
    private readonly ttlMs = UPDATE_TTL_MS,
  ) {
    this.next = firstId;
  }

  /** The id the next update will get. */
  get nextId(): number {
    return this.next;
  }

  /**
   * Appends an update with the next id.
   *
   * @param kind - the update's kind (its one optional field)
   * @param payload - the field's value
   * @param orderKey - the webhook ordering key
   * @param now - the current time in ms
   * @returns the new update
   */
  add(kind: UpdateKind, payload: object, orderKey: string, now: number): Update {
    const update = { update_id: this.next++, [kind]: payload } as unknown as Update;
    this.entries.push({ update, kind, orderKey, expiresAt: now + this.ttlMs });
    return update;
  }

  /**
   * Drops expired updates.
   *
   * @param now - the current time in ms
   * @returns the queued updates still alive, oldest first (a live view; do not mutate)
   */
  live(now: number): readonly QueuedUpdate[] {
    if (this.entries.some((e) => e.expiresAt <= now)) {
      this.entries = this.entries.filter((e) => e.expiresAt > now);
    }
    return this.entries;
  }

  /**
   * Forgets (confirms) every update with an id below `offset`.
   *
   * @param offset - the first id to keep
   */
  forgetBefore(offset: number): void {
    this.entries = this.entries.filter((e) => e.update.update_id >= offset);
  }

  /**
   * Keeps only the newest `count` updates.
   *
   * @param count - how many to keep
   */
  keepLast(count: number): void {
    this.entries = this.entries.slice(Math.max(0, this.entries.length - count));
  }

  /**
   * Removes one update (delivered or dropped).
   *
   * @param updateId - its id
   */
  remove(updateId: number): void {
    this.entries = this.entries.filter((e) => e.update.update_id !== updateId);
  }

  /** Removes every update. */
  clear(): void {
    this.entries = [];
  }
}
