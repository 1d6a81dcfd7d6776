import { TelegramError } from '@delegram/api';
import { ConflictingInstanceError, InvalidTokenError, WebhookActiveError } from '../errors.js';

/** What a polling loop does about a failed `getUpdates`. */
export type PollingFailure =
  | { readonly action: 'retry'; readonly afterMs?: number }
  | { readonly action: 'delete-webhook' }
  | { readonly action: 'stop'; readonly error: Error };

/**
 * Decides what a failed `getUpdates` means, by error class and code:
 * network errors, timeouts and 5xx are retried with back-off; 429 waits `retry_after`; 401 stops
 * with {@link InvalidTokenError}; 409 stops with {@link ConflictingInstanceError} or, when the
 * conflict is about a webhook, {@link WebhookActiveError} (or deletes the webhook when allowed).
 * The two 409s differ only in Telegram's description, so that is the one place text is read.
 * Other 4xx answers are not going to change on retry, so they stop the loop too.
 *
 * @param error - what `getUpdates` threw
 * @param deleteWebhook - whether the loop may delete an active webhook
 * @returns the action to take
 */
export function pollingFailure(error: unknown, deleteWebhook: boolean): PollingFailure {
  if (error instanceof TelegramError) {
    const code = error.errorCode;
    if (code === 429) {
      const seconds = error.parameters.retryAfter ?? 1;
      return { action: 'retry', afterMs: Math.max(0, seconds) * 1000 };
    }
    if (code >= 500) return { action: 'retry' };
    if (code === 401) return { action: 'stop', error: new InvalidTokenError({ cause: error }) };
    if (code === 409) {
      if (/webhook/i.test(error.description)) {
        return deleteWebhook
          ? { action: 'delete-webhook' }
          : { action: 'stop', error: new WebhookActiveError({ cause: error }) };
      }
      return { action: 'stop', error: new ConflictingInstanceError({ cause: error }) };
    }
    return { action: 'stop', error };
  }
  // Network errors and timeouts (HttpError), and anything else (a transformer's own error), are
  // retried; each failure is reported, so nothing fails silently.
  return { action: 'retry' };
}
