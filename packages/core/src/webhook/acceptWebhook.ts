import type { Update } from '@delegram/api';
import { sleep } from '@delegram/api';
import type { Bot } from '../Bot.js';
import type { Inbox } from '../inbox/Inbox.js';
import { isJsonContentType } from './isJsonContentType.js';
import { secretMatches } from './secretMatches.js';
import { settleUpdate } from './settleUpdate.js';
import type { Settled } from './settleUpdate.js';
import { handleJournaled, openWebhookInbox } from './webhookInbox.js';
import { isWebhookReply } from './WebhookOptions.js';
import type { WebhookOptions } from './WebhookOptions.js';

/** A webhook request, framework-neutral. */
export interface WebhookRequest {
  /** HTTP method. */
  readonly method: string;
  /** A request header (lower-case name). */
  header(name: string): string | undefined;
  /** The declared `Content-Length`, if any. */
  readonly contentLength: number | undefined;
  /**
   * Reads the body, giving up (returning `undefined`) past `maxBytes`; or the body a middleware
   * parsed already, also `undefined` when its size (serialised again, for an object) is past
   * `maxBytes`.
   */
  readBody(maxBytes: number): Promise<string | { parsed: unknown } | undefined>;
}

/** The answer to a webhook request, framework-neutral. */
export interface WebhookResponse {
  /** HTTP status. */
  readonly status: number;
  /** Headers to set. */
  readonly headers: Readonly<Record<string, string>>;
  /** Body text. */
  readonly body: string;
}

/** The secret-token header Telegram sends. */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const DEFAULT_MAX_BODY = 1024 * 1024;

/**
 * Checks and accepts one webhook request: 405 unless POST, 401 for a missing or wrong secret
 * token, 415 unless the `Content-Type` is `application/json` (a charset other than UTF-8
 * included), 413 past the body limit (a body already parsed by middleware is measured too), 400
 * for a body that is not a JSON update (handlers are not touched on any of these), then 200 once the update is handed over (or, with `wait`, once it was
 * handled, with a {@link webhookReply} as the body if the handler returned one).
 *
 * @param bot - the bot (for `bot.handle`, the clock and error reports)
 * @param options - the handler options
 * @param request - the request
 * @returns the answer to send
 */
export async function acceptWebhook(
  bot: Bot,
  options: WebhookOptions,
  request: WebhookRequest,
): Promise<WebhookResponse> {
  if (request.method.toUpperCase() !== 'POST') {
    return answer(405, 'Method Not Allowed: Telegram sends updates with POST', { allow: 'POST' });
  }
  if (
    options.secretToken !== undefined &&
    !secretMatches(request.header(SECRET_HEADER), options.secretToken)
  ) {
    return answer(401, 'Unauthorized: wrong or missing secret token');
  }
  if (!isJsonContentType(request.header('content-type'))) {
    return answer(415, 'Unsupported Media Type: Telegram posts updates as application/json', {
      'accept-post': 'application/json',
    });
  }
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  if (request.contentLength !== undefined && request.contentLength > max) {
    return answer(413, `Payload Too Large: the limit is ${max} bytes`);
  }
  const body = await request.readBody(max);
  if (body === undefined) return answer(413, `Payload Too Large: the limit is ${max} bytes`);
  let update: unknown;
  if (typeof body === 'string') {
    try {
      update = JSON.parse(body) as unknown;
    } catch {
      return answer(400, 'Bad Request: the body is not JSON');
    }
  } else update = body.parsed;
  if (!isUpdate(update)) return answer(400, 'Bad Request: the body is not a Telegram update');
  await bot.start(); // once: re-arms durable schedules before the first update
  return options.inbox === undefined
    ? handleUpdate(bot, options, update)
    : journalUpdate(bot, options, options.inbox, update);
}

/** With an inbox: 200 once the update is journaled (503 if it cannot be), handled after. */
async function journalUpdate(
  bot: Bot,
  options: WebhookOptions,
  inbox: Inbox,
  update: Update,
): Promise<WebhookResponse> {
  try {
    await openWebhookInbox(bot, inbox, options.handler);
    await inbox.append([update]);
  } catch (error) {
    bot.reportError(error, { source: 'inbox', update, outcome: 'retry' });
    return answer(503, 'Service Unavailable: the update could not be stored; send it again', {
      'retry-after': '1',
    });
  }
  const settled = handleJournaled(bot, inbox, options.handler, update);
  return options.wait === true ? waitFor(bot, options, settled) : answer(200, '');
}

async function handleUpdate(
  bot: Bot,
  options: WebhookOptions,
  update: Update,
): Promise<WebhookResponse> {
  const settled = settleUpdate(bot, options.handler, update);
  if (options.wait !== true) return answer(200, '');
  return waitFor(bot, options, settled);
}

/** With `wait`: the answer once the handler settled (or after `waitTimeoutMs`). */
async function waitFor(
  bot: Bot,
  options: WebhookOptions,
  settled: Promise<Settled>,
): Promise<WebhookResponse> {
  const timeout = new AbortController();
  const timedOut = sleep(bot.clock, options.waitTimeoutMs ?? 10_000, timeout.signal).then(
    () => undefined,
    () => undefined,
  );
  const outcome = await Promise.race([settled, timedOut]);
  timeout.abort();
  if (outcome?.redeliver === true) {
    return answer(500, 'Internal Server Error: the update was not saved; send it again');
  }
  if (outcome !== undefined && isWebhookReply(outcome.value)) {
    return answer(200, JSON.stringify(outcome.value), { 'content-type': 'application/json' });
  }
  return answer(200, '');
}

function isUpdate(value: unknown): value is Update {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const id = (value as { update_id?: unknown }).update_id;
  return typeof id === 'number' && Number.isSafeInteger(id);
}

function answer(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): WebhookResponse {
  return {
    status,
    body,
    headers:
      body === '' || 'content-type' in headers
        ? headers
        : { 'content-type': 'text/plain; charset=utf-8', ...headers },
  };
}
