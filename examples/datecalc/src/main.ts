import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { createDateCalcBot } from './createDateCalcBot.js';

/**
 * Starts datecalc. On the emulator it also makes a group with Alice, Bob and Carol: as Alice type
 * `@datecalc_bot fri` there, pick a date, and vote as each person; the result shows after 30 s.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningBot> {
  const launched = await launch({
    ...options,
    botUsername: 'datecalc_bot',
    botName: 'Datecalc',
    botSettings: { supportsInlineQueries: true, inlineFeedback: true },
    title: 'datecalc: type "@datecalc_bot fri" in a chat, pick a date, let everyone vote for 30 s.',
  });
  const { emulator, user } = launched;
  if (emulator !== undefined && user !== undefined) {
    const bob = emulator.createUser({ firstName: 'Bob' });
    const carol = emulator.createUser({ firstName: 'Carol' });
    emulator.createGroup({ title: 'Friends', type: 'group', members: [user, bob, carol] });
    launched.print('A group "Friends" with Alice, Bob and Carol is ready.');
  }
  return runPolling(createDateCalcBot(launched.token, launched.botOptions), launched, {
    signals: options.signals ?? true,
  });
}

if (isMain(import.meta.url)) await main();
