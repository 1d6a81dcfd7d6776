import type { Api } from '@delegram/api';
import type { BotOptions } from 'delegram';
import { DelegatorBot, delegate, perChatId } from 'delegram';
import { AlarmSetter } from './AlarmSetter.js';

/**
 * Builds the alarm bot: an {@link AlarmSetter} per chat, idle after 10 s; its `_alarm` events
 * come back to it through its pattern's event space, reviving it if needed.
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - API root, clock
 * @returns the bot
 */
export function createAlarmBot(tokenOrApi: string | Api, options: BotOptions = {}): DelegatorBot {
  return new DelegatorBot(
    tokenOrApi,
    [delegate(perChatId(), AlarmSetter, { timeout: 10 })],
    options,
  );
}
