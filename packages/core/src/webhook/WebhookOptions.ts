import { checkOptions, is } from '@delegram/api';
import type { MethodName, MethodParams, OptionRules } from '@delegram/api';
import type { Inbox } from '../inbox/Inbox.js';
import { checkHandler } from '../loop/invokeHandler.js';
import type { FlavorRoutingTable, LoopHandler } from '../loop/LoopOptions.js';

/** Options for the webhook request handlers. */
export interface WebhookOptions {
  /** What handles updates: a function, a routing table by flavor, or nothing for `bot.handle`. */
  handler?: LoopHandler | FlavorRoutingTable;
  /**
   * The `secret_token` given to `setWebhook`. Requests without the matching
   * `X-Telegram-Bot-Api-Secret-Token` header get 401 (compared in constant time). Strongly
   * recommended: without it anyone who knows the URL can send updates.
   */
  secretToken?: string;
  /** Largest accepted body in bytes (default 1 MiB); larger bodies get 413. */
  maxBodyBytes?: number;
  /**
   * Answer only after the handler finished (default `false`: answer 200 as soon as the update is
   * accepted). Waiting keeps Telegram's per-chat ordering (Telegram sends a chat's next update
   * only after the previous one was answered) and allows {@link webhookReply}.
   */
  wait?: boolean;
  /** With `wait`, answer 200 anyway after this many ms (default 10 000); the handler goes on. */
  waitTimeoutMs?: number;
  /**
   * A durable journal (e.g. `new FileInbox('./bot.inbox')`): each update is appended and synced
   * before the 200, handled, then marked done; the first request after a restart hands what the
   * journal holds unfinished to the handler again. Without `wait`, this makes the early answer
   * at-least-once instead of at-most-once. When the journal cannot be written (disk full) the
   * answer is 503, so Telegram sends the update again later. Close it after the server stopped.
   */
  inbox?: Inbox;
}

/** A Bot API call to be made by Telegram with the webhook's answer (see {@link webhookReply}). */
export type WebhookReply<M extends MethodName = MethodName> = { method: M } & MethodParams[M];

const REPLY = Symbol('delegram.webhookReply');

/**
 * Builds an answer for a webhook request that makes Telegram call a method for you, saving one
 * request. Return it from the handler with `wait: true`. Telegram does not tell whether the call
 * succeeded, and ignores `get*` methods; use it for fire-and-forget replies only.
 *
 * @example
 * ```ts
 * const handle = fetchWebhookHandler(bot, {
 *   wait: true,
 *   handler: { chat: (msg) => webhookReply('sendMessage', { chat_id: msg.chat.id, text: 'hi' }) },
 * });
 * ```
 * @param method - the Bot API method
 * @param params - its parameters (no files: the answer is JSON)
 * @returns the reply, recognised by the webhook handlers
 */
export function webhookReply<M extends MethodName>(
  method: M,
  params: MethodParams[M],
): WebhookReply<M> {
  const reply = { method, ...params } as WebhookReply<M>;
  Object.defineProperty(reply, REPLY, { value: true, enumerable: false });
  return reply;
}

/**
 * Tells whether a handler's result is a {@link webhookReply}.
 *
 * @param value - what the handler returned
 * @returns `true` for a value built by `webhookReply`
 */
export function isWebhookReply(value: unknown): value is WebhookReply {
  return typeof value === 'object' && value !== null && REPLY in value;
}

/** The rules of {@link WebhookOptions}' keys. */
const WEBHOOK_RULES: OptionRules = {
  handler: is.any,
  secretToken: is.string,
  maxBodyBytes: is.number,
  wait: is.boolean,
  waitTimeoutMs: is.number,
  inbox: is.object,
};

/**
 * Checks webhook options at runtime, for JavaScript callers: unknown keys (the closest valid one
 * suggested), wrong types, and the handler or routing table.
 *
 * @param owner - the factory or constructor, for the error
 * @param options - what the caller passed
 * @param more - the rules of the owner's own extra keys (`path`, `port`, ...)
 * @throws OptionsError naming the key
 */
export function checkWebhookOptions(owner: string, options: unknown, more: OptionRules = {}): void {
  checkOptions(
    owner,
    options,
    { ...WEBHOOK_RULES, ...more },
    {
      aliases: {
        secret: 'secretToken',
        secret_token: 'secretToken',
        maxBodySize: 'maxBodyBytes',
        maxBody: 'maxBodyBytes',
        limit: 'maxBodyBytes',
        waitTimeout: 'waitTimeoutMs',
      },
    },
  );
  checkHandler((options as WebhookOptions | undefined)?.handler, `${owner}: options.handler`);
}
