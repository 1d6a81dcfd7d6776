import type { Api } from '@delegram/api';
import type { BotOptions } from 'delegram';
import { DelegatorBot, delegate, perCallbackQueryOrigin, perChatId } from 'delegram';
import { QuizStarter, Quizzer } from './Quizzer.js';

/** Options of {@link createQuizBot}. */
export interface QuizBotOptions extends BotOptions {
  /** Seconds without an answer before the quiz shows the score (default 10). */
  readonly timeout?: number;
  /** Numbers in [0, 1) for the questions (default `Math.random`). */
  readonly random?: () => number;
}

/**
 * Builds the quiz bot: two patterns, a short-lived {@link QuizStarter} per chat and a
 * {@link Quizzer} per message with buttons (`perCallbackQueryOrigin`).
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - API root, clock, timeout, randomness
 * @returns the bot
 */
export function createQuizBot(
  tokenOrApi: string | Api,
  options: QuizBotOptions = {},
): DelegatorBot {
  const { timeout = 10, random, ...botOptions } = options;
  return new DelegatorBot(
    tokenOrApi,
    [
      delegate(perChatId(), QuizStarter, { timeout: 3 }),
      delegate(perCallbackQueryOrigin(), Quizzer, {
        timeout,
        ...(random === undefined ? {} : { random }),
      }),
    ],
    botOptions,
  );
}
