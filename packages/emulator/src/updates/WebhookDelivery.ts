import { Readable } from 'node:stream';
import type { Clock, TimerId } from '@delegram/api';
import createDebug from 'debug';
import type { UploadedFile } from '../methods/MethodContext.js';
import { parseBody } from '../server/parseBody.js';
import type { QueuedUpdate, UpdateQueue } from './UpdateQueue.js';

const debug = createDebug('delegram:emulator:webhook');

/** Runs a method a webhook reply asked for (the server's method runner, bound to the bot). */
export type WebhookReplyRunner = (
  method: string,
  params: Record<string, unknown>,
  files: ReadonlyMap<string, UploadedFile>,
) => Promise<unknown>;

/** A webhook as `setWebhook` configured it. */
export interface WebhookConfig {
  /** Where updates are POSTed. */
  readonly url: string;
  /** Sent as `X-Telegram-Bot-Api-Secret-Token` when set. */
  readonly secretToken?: string;
  /** How many ordering keys may have a request in flight at once (1–100). */
  readonly maxConnections: number;
  /** Whether a `certificate` was uploaded (reported by `getWebhookInfo`; not used for TLS). */
  readonly hasCustomCertificate?: boolean;
  /** `ip_address` as given (informational: the emulator connects to the URL's host). */
  readonly ipAddress?: string;
  /** Executes a method carried in a 2xx reply body. */
  readonly onReply?: WebhookReplyRunner;
}

/** The last failed delivery, as `getWebhookInfo` reports it. */
export interface WebhookError {
  /** Unix time in seconds (emulated clock). */
  readonly date: number;
  /** e.g. `Wrong response from the webhook: 502 Bad Gateway`. */
  readonly message: string;
}

/** Longest wait between two retries before the Retry-After header is considered (seconds). */
export const WEBHOOK_MAX_BACKOFF_S = 60;

const IGNORED_REPLY_METHODS = new Set(['setwebhook', 'deletewebhook', 'close', 'logout']);

/**
 * Delivers a bot's queued updates to its webhook, as Telegram's server does.
 *
 * One POST per update (JSON body, secret header, `Authorization: Basic` when the URL carries
 * `user:password@`). Updates sharing an ordering key (a chat, a
 * user, a poll) go one at a time and in order; up to `maxConnections` keys have a request in
 * flight at once, and a failing update holds back only its own key. A non-2xx answer or a network
 * failure is retried at once, then after 2, 4, 8 … seconds (at most 60), or after the webhook's
 * own `Retry-After`; an update whose next attempt would fall after its expiry is dropped. A 2xx
 * reply confirms the update, and a `method` in its body is executed (except `get*`,
 * `setWebhook`, `deleteWebhook`, `close` and `logOut`). A request has no emulated-time deadline
 * (the webhook answers in real time; Node's own HTTP timeouts apply), so jumping a manual clock
 * forward never fails a request that is still being answered.
 */
export class WebhookDelivery {
  /** The last failed delivery, if any. */
  lastError: WebhookError | undefined;
  private readonly blocked = new Set<string>();
  private readonly failures = new Map<number, number>();
  private readonly timers = new Set<TimerId>();
  private readonly aborts = new Set<AbortController>();
  private inFlight = 0;
  private stopped = false;

  /**
   * @param config - the webhook
   * @param queue - the bot's update queue (delivered updates are removed from it)
   * @param clock - time for retries, timeouts and expiry
   */
  constructor(
    readonly config: WebhookConfig,
    private readonly queue: UpdateQueue,
    private readonly clock: Clock,
  ) {}

  /** Number of deliveries with a request in flight right now. */
  get active(): number {
    return this.inFlight;
  }

  /** Starts deliveries for every ordering key that is free, up to `maxConnections`. */
  pump(): void {
    if (this.stopped) return;
    const seen = new Set<string>();
    for (const entry of this.queue.live(this.clock.now())) {
      if (this.inFlight >= this.config.maxConnections) return;
      if (seen.has(entry.orderKey)) continue;
      seen.add(entry.orderKey);
      if (this.blocked.has(entry.orderKey)) continue;
      this.blocked.add(entry.orderKey);
      void this.attempt(entry);
    }
  }

  /** Stops delivering: aborts requests in flight and cancels retries (updates stay queued). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) this.clock.clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.aborts) controller.abort();
    this.aborts.clear();
  }

  private async attempt(entry: QueuedUpdate): Promise<void> {
    this.inFlight += 1;
    const outcome = await this.post(entry).finally(() => {
      this.inFlight -= 1;
    });
    if (this.stopped) return;
    const id = entry.update.update_id;
    if (outcome.ok) {
      this.failures.delete(id);
      this.queue.remove(id);
      this.release(entry);
      return;
    }
    const now = this.clock.now();
    this.lastError = { date: Math.floor(now / 1000), message: outcome.error };
    const failures = (this.failures.get(id) ?? 0) + 1;
    this.failures.set(id, failures);
    const backoffS =
      outcome.retryAfterS ??
      (failures === 1 ? 0 : Math.min(2 ** (failures - 1), WEBHOOK_MAX_BACKOFF_S));
    debug('update %d failed (%s), retry in %ds', id, outcome.error, backoffS);
    if (now + backoffS * 1000 >= entry.expiresAt) {
      this.failures.delete(id);
      this.queue.remove(id);
      this.release(entry);
      return;
    }
    if (backoffS === 0) {
      this.inFlightOrWait(entry);
      return;
    }
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      if (!this.queue.live(this.clock.now()).includes(entry)) {
        this.release(entry);
        return;
      }
      this.inFlightOrWait(entry);
    }, backoffS * 1000);
    this.timers.add(timer);
  }

  private inFlightOrWait(entry: QueuedUpdate): void {
    if (this.inFlight < this.config.maxConnections) {
      void this.attempt(entry);
      return;
    }
    // All connections busy: give the key back and let the next pump pick it up in order.
    this.blocked.delete(entry.orderKey);
  }

  private release(entry: QueuedUpdate): void {
    this.blocked.delete(entry.orderKey);
    this.pump();
  }

  private async post(
    entry: QueuedUpdate,
  ): Promise<{ ok: true } | { ok: false; error: string; retryAfterS?: number }> {
    const controller = new AbortController();
    this.aborts.add(controller);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.config.secretToken !== undefined) {
      headers['x-telegram-bot-api-secret-token'] = this.config.secretToken;
    }
    const target = new URL(this.config.url);
    if (target.username !== '' || target.password !== '') {
      const userinfo = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
      headers.authorization = `Basic ${Buffer.from(userinfo).toString('base64')}`;
      target.username = '';
      target.password = '';
    }
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers,
        body: JSON.stringify(entry.update),
        signal: controller.signal,
      });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status < 200 || response.status > 299) {
        const retryAfter = Number(response.headers.get('retry-after'));
        const error = `Wrong response from the webhook: ${response.status} ${response.statusText}`;
        return response.headers.has('retry-after') && Number.isFinite(retryAfter)
          ? { ok: false, error, retryAfterS: Math.min(3600, Math.max(0, retryAfter)) }
          : { ok: false, error };
      }
      if (!this.stopped) await this.runReply(response.headers.get('content-type'), body);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: describeNetworkError(error) };
    } finally {
      this.aborts.delete(controller);
    }
  }

  private async runReply(contentType: string | null, body: Buffer): Promise<void> {
    if (body.length === 0 || this.config.onReply === undefined) return;
    let parsed;
    try {
      parsed = await parseBody(contentType ?? 'application/json', Readable.from([body]));
    } catch (error) {
      debug('webhook reply body ignored: %O', error);
      return;
    }
    const { method, ...params } = parsed.params;
    if (typeof method !== 'string' || method === '') return;
    const lower = method.toLowerCase();
    if (lower.startsWith('get') || IGNORED_REPLY_METHODS.has(lower)) {
      debug('webhook reply method %s ignored', method);
      return;
    }
    try {
      await this.config.onReply(method, params, parsed.files);
    } catch (error) {
      debug('webhook reply method %s failed: %O', method, error);
    }
  }
}

function describeNetworkError(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  if (code === 'ECONNREFUSED') return 'Connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'Connection reset by peer';
  if (code === 'ENOTFOUND') return 'Failed to resolve host: Name or service not known';
  return `Connection error: ${error instanceof Error ? error.message : String(error)}`;
}
