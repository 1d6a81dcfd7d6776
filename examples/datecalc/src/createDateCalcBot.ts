import type { Api } from '@delegram/api';
import type { BotOptions } from 'delegram';
import {
  createOpen,
  DelegatorBot,
  interceptCallbackQueryOrigin,
  paveEventSpace,
  perInlineFromId,
} from 'delegram';
import type { Ballot } from './DateCalculator.js';
import { DateCalculator } from './DateCalculator.js';

/** Options of {@link createDateCalcBot}. */
export interface DateCalcBotOptions extends BotOptions {
  /** Seconds of quiet before a user's delegate closes (default 10). */
  readonly timeout?: number;
  /** How long a vote stays open, in seconds (default 30). */
  readonly votingSeconds?: number;
}

/**
 * Builds datecalc: a {@link DateCalculator} per inline user, with dynamic origin mapping so the
 * buttons on the messages it produced come back to it.
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - API root, clock, timeouts
 * @returns the bot
 */
export function createDateCalcBot(
  tokenOrApi: string | Api,
  options: DateCalcBotOptions = {},
): DelegatorBot {
  const { timeout = 10, votingSeconds = 30, ...botOptions } = options;
  const ballots = new Map<number, Map<string, Ballot>>();
  return new DelegatorBot(
    tokenOrApi,
    [
      interceptCallbackQueryOrigin(paveEventSpace())(
        perInlineFromId(),
        createOpen,
        DateCalculator,
        {
          timeout,
          ballots,
          votingSeconds,
        },
      ),
    ],
    botOptions,
  );
}
