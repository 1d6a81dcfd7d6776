import { badRequest, tooManyRequests } from '../ApiError.js';
import type { WebhookConfig } from '../updates/WebhookDelivery.js';
import { DescribedResult } from './DescribedResult.js';
import type { MethodContext, MethodImpl } from './MethodContext.js';

/** Time after launch during which `close` is refused, and after `logOut` the bot stays out. */
export const SESSION_LOCK_MS = 10 * 60 * 1000;

const SECRET_TOKEN = /^[A-Za-z0-9_-]*$/;
const CLOUD_PORTS = new Set(['80', '88', '443', '8443']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function getUpdates(ctx: MethodContext): unknown {
  const p = ctx.params;
  return ctx.bot.updates.getUpdates(
    {
      ...(typeof p.offset === 'number' && { offset: p.offset }),
      ...(typeof p.limit === 'number' && { limit: p.limit }),
      ...(typeof p.timeout === 'number' && { timeout: p.timeout }),
      ...(Array.isArray(p.allowed_updates) && { allowed_updates: p.allowed_updates as unknown[] }),
    },
    ctx.signal,
  );
}

function setWebhook(ctx: MethodContext): DescribedResult {
  const p = ctx.params;
  const url = typeof p.url === 'string' ? p.url : '';
  if (url === '') return deleteWebhook(ctx);
  checkWebhookUrl(url);
  const secret = typeof p.secret_token === 'string' ? p.secret_token : '';
  if (secret.length > 256) throw badRequest('secret token is too long');
  if (!SECRET_TOKEN.test(secret)) throw badRequest('secret token contains unallowed characters');
  const maxConnections =
    typeof p.max_connections === 'number'
      ? Math.min(100, Math.max(1, Math.trunc(p.max_connections)))
      : 40;
  const config: WebhookConfig = {
    url,
    maxConnections,
    ...(secret !== '' && { secretToken: secret }),
    ...(typeof p.ip_address === 'string' && p.ip_address !== '' && { ipAddress: p.ip_address }),
    ...(ctx.files.has('certificate') && { hasCustomCertificate: true }),
    onReply: (method, params, files) => ctx.call(method, params, files),
  };
  const changed = ctx.bot.updates.setWebhook(config, {
    ...(Array.isArray(p.allowed_updates) && { allowedUpdates: p.allowed_updates as unknown[] }),
    dropPendingUpdates: p.drop_pending_updates === true,
  });
  return new DescribedResult(true, changed ? 'Webhook was set' : 'Webhook is already set');
}

/**
 * Checks a webhook URL as Telegram does, except that plain `http://` to a loopback host
 * (`127.0.0.1`, `localhost`, `[::1]`) on any port is allowed, so local bots can receive webhooks.
 */
function checkWebhookUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  }
  const loopback = LOOPBACK.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  }
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? '443' : '80') : parsed.port;
  if (!loopback && !CLOUD_PORTS.has(port)) {
    throw badRequest('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
  }
}

function deleteWebhook(ctx: MethodContext): DescribedResult {
  const had = ctx.bot.updates.deleteWebhook(ctx.params.drop_pending_updates === true);
  return new DescribedResult(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
}

function getWebhookInfo(ctx: MethodContext): unknown {
  return ctx.bot.updates.webhookInfo();
}

function logOut(ctx: MethodContext): boolean {
  ctx.bot.updates.closeSession();
  ctx.bot.updates.loggedOutUntil = ctx.clock.now() + SESSION_LOCK_MS;
  return true;
}

function close(ctx: MethodContext): boolean {
  const updates = ctx.bot.updates;
  const left = updates.launchedAt + SESSION_LOCK_MS - ctx.clock.now();
  if (left > 0) throw tooManyRequests(left / 1000);
  updates.closeSession();
  updates.launchedAt = ctx.clock.now();
  return true;
}

/**
 * The update methods, keyed by lower-case name as the method registry expects:
 * `getUpdates`, `setWebhook`, `deleteWebhook`, `getWebhookInfo`, `logOut` and `close`.
 *
 * - `setWebhook` accepts `https://` URLs on Telegram's ports (80, 88, 443, 8443) and, for local
 *   testing, `http://` or `https://` URLs on `127.0.0.1`, `localhost` or `[::1]` on any port.
 * - `logOut` ends the session; for the next 10 minutes of emulated time every call answers
 *   401 `Unauthorized` (the bot would be logged out of the cloud server).
 * - `close` answers 429 during the first 10 minutes after the bot was created (or last closed).
 */
export const UPDATE_METHODS: Readonly<Record<string, MethodImpl>> = {
  getupdates: getUpdates,
  setwebhook: setWebhook,
  deletewebhook: deleteWebhook,
  getwebhookinfo: getWebhookInfo,
  logout: logOut,
  close,
};

/**
 * Adds the update methods to a method registry.
 *
 * @param registry - implementations keyed by lower-case name (mutated)
 * @returns the same registry
 */
export function withUpdateMethods(
  registry: Record<string, MethodImpl>,
): Record<string, MethodImpl> {
  return Object.assign(registry, UPDATE_METHODS);
}
