import type { Api } from '@delegram/api';
import type { BotOptions } from 'delegram';
import { delegate, DelegatorBot, perChatId } from 'delegram';
import { NoteKeeper } from './NoteKeeper.js';

/**
 * Builds the notes bot: a {@link NoteKeeper} per chat with durable state in `options.store`,
 * closed after 60 idle seconds (its notes stay in the store).
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - the store, API root, clock
 * @returns the bot
 */
export function createNotesBot(tokenOrApi: string | Api, options: BotOptions): DelegatorBot {
  return new DelegatorBot(
    tokenOrApi,
    [delegate(perChatId(), NoteKeeper, { timeout: 60, state: { name: 'notes' } })],
    options,
  );
}
