import type { Api } from '@delegram/api';
import type { BotOptions } from 'delegram';
import {
  createOpen,
  DelegatorBot,
  includeCallbackQueryChatId,
  paveEventSpace,
  perChatId,
} from 'delegram';
import type { ProposalRecord } from './Lover.js';
import { Lover } from './Lover.js';

/** Options of {@link createLoverBot}. */
export interface LoverBotOptions extends BotOptions {
  /** Seconds of silence before the lover gives you time (default 10). */
  readonly timeout?: number;
}

/**
 * Builds the lover bot: a {@link Lover} per private chat that also receives the callback queries
 * of its chat's messages, telepot's static callback capture.
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - API root, clock, idle timeout
 * @returns the bot
 */
export function createLoverBot(
  tokenOrApi: string | Api,
  options: LoverBotOptions = {},
): DelegatorBot {
  const { timeout = 10, ...botOptions } = options;
  const records = new Map<number, ProposalRecord>();
  return new DelegatorBot(
    tokenOrApi,
    [
      includeCallbackQueryChatId(paveEventSpace())(perChatId(['private']), createOpen, Lover, {
        timeout,
        records,
      }),
    ],
    botOptions,
  );
}
