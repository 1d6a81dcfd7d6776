import type { Api, ChosenInlineResult } from '@delegram/api';
import type { BotOptions } from 'delegram';
import { DelegatorBot, delegate, perInlineFromId } from 'delegram';
import { QueryCounter } from './QueryCounter.js';

/** Options of {@link createQueryCounterBot}. */
export interface QueryCounterBotOptions extends BotOptions {
  /** Seconds of quiet before a user's count starts over (default 10). */
  readonly timeout?: number;
  /** Told about each chosen result. */
  readonly onChosen?: (userId: number, result: ChosenInlineResult) => void;
}

/**
 * Builds the per-user inline bot: a {@link QueryCounter} per inline user (`perInlineFromId`).
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - API root, clock, idle timeout, chosen-result hook
 * @returns the bot
 */
export function createQueryCounterBot(
  tokenOrApi: string | Api,
  options: QueryCounterBotOptions = {},
): DelegatorBot {
  const { timeout = 10, onChosen, ...botOptions } = options;
  return new DelegatorBot(
    tokenOrApi,
    [
      delegate(perInlineFromId(), QueryCounter, {
        timeout,
        ...(onChosen === undefined ? {} : { onChosen }),
      }),
    ],
    botOptions,
  );
}
