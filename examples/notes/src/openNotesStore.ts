import { RedisStore } from '@delegram/redis';
import { SqliteStore } from '@delegram/sqlite';
import type { StateStore } from 'delegram';

/** The store the notes bot keeps its chats in, and a line saying where. */
export interface NotesStore {
  readonly store: StateStore;
  readonly where: string;
}

/**
 * Opens the notes bot's store: Redis when `REDIS_URL` is set, else the SQLite file `NOTES_DB`
 * (default `notes.db` in the working directory).
 *
 * @param env - the environment
 * @returns the store and where it is
 */
export function openNotesStore(env: Readonly<Record<string, string | undefined>>): NotesStore {
  const url = env['REDIS_URL']?.trim();
  if (url !== undefined && url !== '') {
    return { store: new RedisStore({ url }), where: 'Redis (REDIS_URL)' };
  }
  const path = env['NOTES_DB']?.trim() || 'notes.db';
  return { store: new SqliteStore({ path }), where: `the SQLite file ${path}` };
}
