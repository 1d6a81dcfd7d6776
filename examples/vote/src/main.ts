import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { createVoteBot } from './createVoteBot.js';

/**
 * Starts the vote bot. On the emulator it also makes a group with Alice, Bob, Carol and the bot:
 * send `/vote` there and vote as each of them on the chat page.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'vote_bot',
    botName: 'Vote',
    title: 'vote: send /vote in a group; the ballot closes when all voted or after 30 s.',
  });
  const { emulator, user, account } = launched;
  if (emulator !== undefined && user !== undefined && account !== undefined) {
    const bob = emulator.createUser({ firstName: 'Bob' });
    const carol = emulator.createUser({ firstName: 'Carol' });
    emulator.createGroup({
      title: 'Voters',
      type: 'group',
      members: [user, bob, carol],
      bots: [account],
    });
    launched.print('A group "Voters" with Alice, Bob, Carol and the bot is ready.');
  }
  return runPolling(createVoteBot(launched.token, launched.botOptions), launched, {
    signals: options.signals ?? true,
  });
}

if (isMain(import.meta.url)) await main();
