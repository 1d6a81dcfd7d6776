import type { Api } from '@delegram/api';
import type { BotOptions } from 'delegram';
import { DelegatorBot, delegate, perChatId } from 'delegram';
import { MessageCounter } from './MessageCounter.js';

/** How long a chat may stay silent before its count starts over, in seconds. */
export const IDLE_TIMEOUT_SECONDS = 10;

/**
 * Builds the message counter bot: one {@link MessageCounter} delegate per chat, closed after
 * {@link IDLE_TIMEOUT_SECONDS} without a message.
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - API root and clock
 * @returns the bot; run it with `new MessageLoop(bot).run()`
 */
export function createCounterBot(tokenOrApi: string | Api, options: BotOptions = {}): DelegatorBot {
  return new DelegatorBot(
    tokenOrApi,
    [delegate(perChatId(), MessageCounter, { timeout: IDLE_TIMEOUT_SECONDS })],
    options,
  );
}
