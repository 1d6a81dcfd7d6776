import { BadRequestError, ForbiddenError, TelegramError } from '@delegram/api';
import type { ChatOutcome } from './BroadcastReport.js';

/**
 * Classifies why a broadcast message was not sent, by Telegram's error class, never by its
 * wording alone: a 403 is `blocked`, a 400 that names a missing or migrated chat is `not_found`,
 * anything else `failed`.
 *
 * @param error - what the send rejected with
 * @returns the outcome and a reason to store (Telegram's description, or the error's message)
 */
export function outcomeOf(error: unknown): { outcome: ChatOutcome; reason: string } {
  if (error instanceof ForbiddenError) return { outcome: 'blocked', reason: error.description };
  if (error instanceof BadRequestError) {
    const gone =
      /chat not found|user not found|peer_id_invalid|group chat was upgraded/i.test(
        error.description,
      ) || error.parameters.migrateToChatId !== undefined;
    return { outcome: gone ? 'not_found' : 'failed', reason: error.description };
  }
  if (error instanceof TelegramError) return { outcome: 'failed', reason: error.description };
  return { outcome: 'failed', reason: error instanceof Error ? error.message : String(error) };
}
