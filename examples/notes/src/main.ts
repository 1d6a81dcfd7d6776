import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import type { DelegatorBot } from 'delegram';
import { FileInbox } from 'delegram';
import { createNotesBot } from './createNotesBot.js';
import { openNotesStore } from './openNotesStore.js';

/**
 * Starts the notes bot: a to-do list per chat that survives restarts (stop it with Ctrl-C, start
 * it again, send /list).
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot<DelegatorBot>> {
  const env = options.env ?? process.env;
  const { store, where, inboxPath } = openNotesStore(env);
  const launched = await launch({
    ...options,
    env,
    botUsername: 'notes_bot',
    botName: 'Notes',
    title: `notes: a to-do list per chat, kept in ${where}; it survives a restart.`,
    // The embedded emulator starts afresh each time: its update ids continue above the ones the
    // stored notes remember, as Telegram's do.
    firstUpdateId: Date.now(),
  });
  return runPolling(createNotesBot(launched.token, { ...launched.botOptions, store }), launched, {
    signals: options.signals ?? true,
    // Updates are journaled before they are confirmed: a crash loses none, and none is fetched
    // twice.
    ...(inboxPath === undefined ? {} : { loop: { inbox: new FileInbox(inboxPath) } }),
  });
}

if (isMain(import.meta.url)) await main();
