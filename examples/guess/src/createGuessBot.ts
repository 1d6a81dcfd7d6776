import type { Api } from '@delegram/api';
import type { BotOptions } from 'delegram';
import { DelegatorBot, delegate, perChatId } from 'delegram';
import { Player } from './Player.js';

/** Options of {@link createGuessBot}. */
export interface GuessBotOptions extends BotOptions {
  /** Seconds of silence before a game expires (default 10). */
  readonly timeout?: number;
  /** Picks each game's number (default: at random). */
  readonly pickNumber?: () => number;
}

/**
 * Builds the guess-a-number bot: a {@link Player} delegate per chat.
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - API root, clock, game timeout, number picker
 * @returns the bot
 */
export function createGuessBot(
  tokenOrApi: string | Api,
  options: GuessBotOptions = {},
): DelegatorBot {
  const { timeout = 10, pickNumber, ...botOptions } = options;
  return new DelegatorBot(
    tokenOrApi,
    [
      delegate(perChatId(), Player, {
        timeout,
        ...(pickNumber === undefined ? {} : { pickNumber }),
      }),
    ],
    botOptions,
  );
}
