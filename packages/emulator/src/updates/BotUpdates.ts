import type { Clock, Update, UpdateKind } from '@delegram/api';
import { conflict } from '../ApiError.js';
import { defaultAllowedUpdates, resolveAllowedUpdates } from './allowedUpdates.js';
import { LongPoll } from './LongPoll.js';
import { UpdateQueue, UPDATE_TTL_MS } from './UpdateQueue.js';
import { WebhookDelivery, type WebhookConfig } from './WebhookDelivery.js';

/** Options for {@link BotUpdates}. */
export interface BotUpdatesOptions {
  /** The emulator's clock. */
  readonly clock: Clock;
  /** The first `update_id` (default 1). */
  readonly firstUpdateId?: number;
  /** How long an unconfirmed update is kept (default 24 h of emulated time). */
  readonly ttlMs?: number;
}

/** `getUpdates` parameters, decoded. */
export interface GetUpdatesParams {
  /** First update to return; older ones are confirmed. Negative: keep only the last `-offset`. */
  readonly offset?: number;
  /** Most updates to return (clamped to 1–100, default 100). */
  readonly limit?: number;
  /** Seconds to wait for an update when none is queued (clamped to 0–50, default 0). */
  readonly timeout?: number;
  /** Update kinds to receive from now on (omitted: keep the previous setting). */
  readonly allowed_updates?: readonly unknown[];
}

/** What `getWebhookInfo` reports (snake_case as in the Bot API's `WebhookInfo`). */
export interface WebhookInfoFields {
  /** The webhook URL, empty while the bot polls. */
  url: string;
  /** Whether a certificate was uploaded with `setWebhook`. */
  has_custom_certificate: boolean;
  /** Updates not yet delivered or confirmed. */
  pending_update_count: number;
  /** The `ip_address` given to `setWebhook`. */
  ip_address?: string;
  /** Unix time (s) of the last failed delivery. */
  last_error_date?: number;
  /** Why the last delivery failed. */
  last_error_message?: string;
  /** Chats delivered to at once. */
  max_connections?: number;
  /** The update kinds the bot asked for, if it asked. */
  allowed_updates?: string[];
}

/** Size of a `getUpdates` answer after which no more updates are added (about 4 MB). */
export const MAX_ANSWER_BYTES = 1 << 22;

/** Longest long-polling wait Telegram allows (seconds). */
export const LONG_POLL_MAX_TIMEOUT_S = 50;

const WEBHOOK_ACTIVE =
  "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

/**
 * One bot's updates: the queue, `getUpdates` long polling and webhook delivery, with Telegram's
 * rules.
 *
 * The world creates one per bot and calls {@link BotUpdates.push} whenever something happens that
 * the bot should hear about; the update methods (`getUpdates`, `setWebhook`, …) drive the rest.
 *
 * @example
 * ```ts
 * const updates = new BotUpdates({ clock });
 * updates.push('message', message, `chat:${message.chat.id}`);
 * await updates.getUpdates({ timeout: 30 }); // → [{ update_id: 1, message }]
 * ```
 */
export class BotUpdates {
  /** Emulated time (ms) the bot was launched (`close` is refused during its first 10 minutes). */
  launchedAt: number;
  /** Emulated time (ms) until which the bot is logged out (set by `logOut`), if it is. */
  loggedOutUntil: number | undefined;
  private readonly clock: Clock;
  private readonly queue: UpdateQueue;
  private allowed: Set<UpdateKind> = defaultAllowedUpdates();
  private allowedList: string[] | undefined;
  private readonly poll: LongPoll;
  private webhook: WebhookDelivery | undefined;

  /** @param options - clock, first id and time to live */
  constructor(options: BotUpdatesOptions) {
    this.clock = options.clock;
    this.queue = new UpdateQueue(options.firstUpdateId ?? 1, options.ttlMs ?? UPDATE_TTL_MS);
    this.launchedAt = this.clock.now();
    this.poll = new LongPoll(this.clock, (limit) => this.take(limit));
  }

  /**
   * Queues an update for the bot, unless its `allowed_updates` exclude the kind.
   *
   * @param kind - the update kind, e.g. `'message'`
   * @param payload - the value of that field, e.g. the `Message`
   * @param orderKey - the webhook ordering key (`chat:<id>`, `user:<id>`, `poll:<id>` …)
   * @returns the update with its `update_id`, or undefined if the bot does not receive this kind
   */
  push(kind: UpdateKind, payload: object, orderKey: string): Update | undefined {
    if (!this.allowed.has(kind)) return undefined;
    const update = this.queue.add(kind, payload, orderKey, this.clock.now());
    if (this.webhook !== undefined) this.webhook.pump();
    else this.poll.wake();
    return update;
  }

  /** Number of updates not yet confirmed (expired ones excluded). */
  get pendingCount(): number {
    return this.queue.live(this.clock.now()).length;
  }

  /** Whether a long poll is waiting for updates right now. */
  get polling(): boolean {
    return this.poll.waiting;
  }

  /** Number of webhook requests in flight right now. */
  get deliveriesInFlight(): number {
    return this.webhook?.active ?? 0;
  }

  /** The active webhook's configuration, if a webhook is set. */
  get webhookConfig(): WebhookConfig | undefined {
    return this.webhook?.config;
  }

  /**
   * `getUpdates` with Telegram's semantics: offsets confirm, a negative offset keeps the last
   * `-offset` updates, `limit` is clamped to 1–100, `timeout` to 0–50 s, and a waiting poll is
   * answered as soon as an update arrives.
   *
   * @param params - decoded parameters
   * @param signal - aborting it (the client went away) ends the wait quietly
   * @returns the updates
   * @throws ApiError 409 while a webhook is set, or when a newer poll displaces this one
   */
  async getUpdates(params: GetUpdatesParams, signal?: AbortSignal): Promise<Update[]> {
    if (this.webhook !== undefined) throw conflict(WEBHOOK_ACTIVE);
    if (params.allowed_updates !== undefined) this.setAllowedUpdates(params.allowed_updates);
    const offset = params.offset ?? 0;
    if (offset < 0) this.queue.keepLast(-offset);
    else if (offset > 0) this.queue.forgetBefore(Math.min(offset, this.queue.nextId));
    const limit = clamp(params.limit ?? 100, 1, 100);
    const timeoutS = clamp(params.timeout ?? 0, 0, LONG_POLL_MAX_TIMEOUT_S);
    const ready = this.take(limit);
    if (ready.length > 0 || timeoutS === 0 || signal?.aborted === true) return ready;
    return this.poll.wait(limit, timeoutS * 1000, signal);
  }

  /**
   * Remembers `allowed_updates` (applied to updates created from now on).
   *
   * @param names - update kind names; an empty list or one without known names means the default
   */
  setAllowedUpdates(names: readonly unknown[]): void {
    this.allowed = resolveAllowedUpdates(names);
    this.allowedList = names.length === 0 ? undefined : [...this.allowed];
  }

  /**
   * Sets (or replaces) the webhook; a waiting long poll ends with 409.
   *
   * @param config - the webhook
   * @param options - `allowed_updates` and `drop_pending_updates` as given to `setWebhook`
   * @returns whether anything changed (Telegram answers "Webhook is already set" otherwise)
   */
  setWebhook(
    config: WebhookConfig,
    options: { allowedUpdates?: readonly unknown[]; dropPendingUpdates?: boolean } = {},
  ): boolean {
    const previous = this.webhook?.config;
    const allowedBefore = this.allowedList?.join(',');
    if (options.allowedUpdates !== undefined) this.setAllowedUpdates(options.allowedUpdates);
    if (options.dropPendingUpdates === true) this.queue.clear();
    const same =
      previous !== undefined &&
      previous.url === config.url &&
      previous.secretToken === config.secretToken &&
      previous.maxConnections === config.maxConnections &&
      previous.ipAddress === config.ipAddress &&
      previous.hasCustomCertificate === config.hasCustomCertificate &&
      allowedBefore === this.allowedList?.join(',') &&
      options.dropPendingUpdates !== true;
    // Nothing changed: deliveries in flight and retries carry on undisturbed.
    if (same) return false;
    this.poll.end(conflict('terminated by setWebhook request'));
    this.webhook?.stop();
    this.webhook = new WebhookDelivery(config, this.queue, this.clock);
    this.webhook.pump();
    return true;
  }

  /**
   * Removes the webhook; queued updates stay for `getUpdates` unless dropped.
   *
   * @param dropPendingUpdates - forget every queued update too
   * @returns whether a webhook was set
   */
  deleteWebhook(dropPendingUpdates = false): boolean {
    if (dropPendingUpdates) this.queue.clear();
    const had = this.webhook !== undefined;
    this.webhook?.stop();
    this.webhook = undefined;
    return had;
  }

  /**
   * The bot's `WebhookInfo`.
   *
   * @returns url (empty while polling), pending count, last error, max connections, allowed updates
   */
  webhookInfo(): WebhookInfoFields {
    const info: WebhookInfoFields = {
      url: this.webhook?.config.url ?? '',
      has_custom_certificate: this.webhook?.config.hasCustomCertificate === true,
      pending_update_count: this.pendingCount,
    };
    const webhook = this.webhook;
    if (webhook === undefined) return info;
    if (webhook.config.ipAddress !== undefined) info.ip_address = webhook.config.ipAddress;
    if (webhook.lastError !== undefined) {
      info.last_error_date = webhook.lastError.date;
      info.last_error_message = webhook.lastError.message;
    }
    info.max_connections = webhook.config.maxConnections;
    if (this.allowedList !== undefined) info.allowed_updates = [...this.allowedList];
    return info;
  }

  /**
   * Ends the bot's session (`logOut` / `close`): a waiting poll ends with no updates and webhook
   * requests in flight are abandoned (the webhook stays configured; queued updates stay).
   */
  closeSession(): void {
    this.poll.end();
    if (this.webhook !== undefined) {
      const config = this.webhook.config;
      const lastError = this.webhook.lastError;
      this.webhook.stop();
      this.webhook = new WebhookDelivery(config, this.queue, this.clock);
      this.webhook.lastError = lastError;
      this.webhook.pump();
    }
  }

  /** Stops every timer and request (the emulator is shutting down). */
  dispose(): void {
    this.poll.dispose();
    this.webhook?.stop();
  }

  private take(limit: number): Update[] {
    const taken: Update[] = [];
    let bytes = 0;
    for (const entry of this.queue.live(this.clock.now())) {
      if (taken.length >= limit) break;
      bytes += JSON.stringify(entry.update).length;
      // Telegram stops adding updates once the answer reaches about 4 MB (always at least one).
      if (taken.length > 0 && bytes > MAX_ANSWER_BYTES) break;
      taken.push(entry.update);
    }
    return taken;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
