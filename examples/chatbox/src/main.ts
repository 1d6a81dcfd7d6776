import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { createChatBox } from './createChatBox.js';

/**
 * Starts the chatbox. On the emulator the demo user (Alice) is the owner: create more users on the
 * chat page, write as them, then ask as Alice with `/unread` and `/next`. On Telegram, set
 * `OWNER_ID` to your user id.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'chatbox_bot',
    botName: 'Chatbox',
    title: 'chatbox: everyone writes, the owner reads with /unread and /next.',
  });
  const ownerId = launched.user?.id ?? Number(launched.env['OWNER_ID']);
  if (!Number.isInteger(ownerId)) {
    await launched.close();
    throw new Error('set OWNER_ID to your Telegram user id');
  }
  return runPolling(createChatBox(launched.token, { ...launched.botOptions, ownerId }), launched, {
    signals: options.signals ?? true,
  });
}

if (isMain(import.meta.url)) await main();
