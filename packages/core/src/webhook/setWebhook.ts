import { randomBytes } from 'node:crypto';
import { checkOptions, is } from '@delegram/api';
import type { UpdateKind } from '@delegram/api';
import type { Bot } from '../Bot.js';

/** Options for {@link setWebhook}. */
export interface SetWebhookOptions {
  /** The secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token` (see {@link generateSecretToken}). */
  secretToken?: string;
  /** Update kinds to receive. */
  allowedUpdates?: readonly UpdateKind[];
  /** Drop the updates waiting at Telegram. */
  dropPendingUpdates?: boolean;
  /** Parallel connections Telegram may open (1-100, default 40). */
  maxConnections?: number;
  /** Fixed IP address to use instead of DNS. */
  ipAddress?: string;
}

/**
 * Points Telegram at your webhook URL (`setWebhook`), with camelCase options.
 *
 * @example
 * ```ts
 * const secretToken = generateSecretToken();
 * await setWebhook(bot, 'https://example.com/telegram', { secretToken });
 * ```
 * @param bot - the bot
 * @param url - the HTTPS URL (ports 443, 80, 88 or 8443)
 * @param options - secret token, allowed updates, ...
 * @returns `true` once set
 */
export async function setWebhook(
  bot: Bot,
  url: string,
  options: SetWebhookOptions = {},
): Promise<true> {
  checkOptions('setWebhook(bot, url, options)', options, {
    secretToken: is.string,
    allowedUpdates: is.array,
    dropPendingUpdates: is.boolean,
    maxConnections: is.number,
    ipAddress: is.string,
  });
  const params: Record<string, unknown> = { url };
  if (options.secretToken !== undefined) params['secret_token'] = checkSecret(options.secretToken);
  if (options.allowedUpdates !== undefined) params['allowed_updates'] = [...options.allowedUpdates];
  if (options.dropPendingUpdates !== undefined) {
    params['drop_pending_updates'] = options.dropPendingUpdates;
  }
  if (options.maxConnections !== undefined) params['max_connections'] = options.maxConnections;
  if (options.ipAddress !== undefined) params['ip_address'] = options.ipAddress;
  return bot.api.call('setWebhook', params as never);
}

/**
 * Removes the webhook (`deleteWebhook`) so the bot can poll again.
 *
 * @param bot - the bot
 * @param options - `dropPendingUpdates` to discard waiting updates
 * @returns `true` once removed
 */
export async function deleteWebhook(
  bot: Bot,
  options: { dropPendingUpdates?: boolean } = {},
): Promise<true> {
  checkOptions('deleteWebhook(bot, options)', options, { dropPendingUpdates: is.boolean });
  return bot.api.call('deleteWebhook', {
    drop_pending_updates: options.dropPendingUpdates === true,
  });
}

/**
 * Creates a random secret token for `setWebhook` (43 characters of `A-Z a-z 0-9 _ -`).
 *
 * @returns a fresh secret
 */
export function generateSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

function checkSecret(secret: string): string {
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
    throw new RangeError(
      'setWebhook: secretToken must be 1-256 characters of A-Z, a-z, 0-9, _ and -; ' +
        'generateSecretToken() makes one',
    );
  }
  return secret;
}
