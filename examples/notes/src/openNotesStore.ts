import { RedisStore } from '@delegram/redis';
import { SqliteStore } from '@delegram/sqlite';
import type { StateStore } from 'delegram';

/** The store the notes bot keeps its chats in, a line saying where, and its loop's journal. */
export interface NotesStore {
  readonly store: StateStore;
  readonly where: string;
  /**
   * The file of the loop's inbox (updates journaled, confirmed at once, replayed after a crash):
   * beside the SQLite file (none for `:memory:`), or `NOTES_INBOX` (with Redis: none unless
   * `NOTES_INBOX` is set).
   */
  readonly inboxPath: string | undefined;
}

/**
 * Opens the notes bot's store: Redis when `REDIS_URL` is set, else the SQLite file `NOTES_DB`
 * (default `notes.db` in the working directory), and names its inbox file.
 *
 * @param env - the environment
 * @returns the store and where it is
 */
export function openNotesStore(env: Readonly<Record<string, string | undefined>>): NotesStore {
  const url = env['REDIS_URL']?.trim();
  const inbox = env['NOTES_INBOX']?.trim() || undefined;
  if (url !== undefined && url !== '') {
    return { store: new RedisStore({ url }), where: 'Redis (REDIS_URL)', inboxPath: inbox };
  }
  const path = env['NOTES_DB']?.trim() || 'notes.db';
  return {
    store: new SqliteStore({ path }),
    where: `the SQLite file ${path}`,
    // An in-memory database (':memory:') keeps nothing, so neither does the loop.
    inboxPath: inbox ?? (path === ':memory:' ? undefined : `${path}.inbox`),
  };
}
