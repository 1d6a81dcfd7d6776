import type { Api } from '@delegram/api';
import type { BotOptions } from 'delegram';
import {
  createOpen,
  DelegatorBot,
  includeCallbackQueryChatId,
  paveEventSpace,
  perChatId,
} from 'delegram';
import type { Ballot } from './VoteCounter.js';
import { VoteCounter } from './VoteCounter.js';

/** Options of {@link createVoteBot}. */
export interface VoteBotOptions extends BotOptions {
  /** Seconds of silence before a group's delegate closes (default 10). */
  readonly timeout?: number;
  /** How long a ballot stays open, in seconds (default 30). */
  readonly votingSeconds?: number;
}

/**
 * Builds the vote bot: a {@link VoteCounter} per group, reached by the group's messages and by
 * the callback queries on them.
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - API root, clock, timeouts
 * @returns the bot
 */
export function createVoteBot(
  tokenOrApi: string | Api,
  options: VoteBotOptions = {},
): DelegatorBot {
  const { timeout = 10, votingSeconds = 30, ...botOptions } = options;
  const ballots = new Map<number, Ballot>();
  return new DelegatorBot(
    tokenOrApi,
    [
      includeCallbackQueryChatId(paveEventSpace())(
        perChatId(['group', 'supergroup']),
        createOpen,
        VoteCounter,
        { timeout, ballots, votingSeconds },
      ),
    ],
    botOptions,
  );
}
