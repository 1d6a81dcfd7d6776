import { ManualClock } from '@delegram/api';
import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { afterEach, describe, expect, it } from 'vitest';
import { createQueryCounterBot } from '../src/createQueryCounterBot.js';

describe('createQueryCounterBot', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it("counts each user's queries on their own and starts over after the idle timeout", async () => {
    const clock = new ManualClock();
    const launched = await launch({
      ...quietEmulator,
      botUsername: 'querycounter_bot',
      botSettings: { supportsInlineQueries: true, inlineFeedback: true },
      clock,
    });
    const chosen: [number, string][] = [];
    running = runPolling(
      createQueryCounterBot(launched.token, {
        ...launched.botOptions,
        onChosen: (userId, r) => chosen.push([userId, r.query]),
      }),
      launched,
      { signals: false },
    );
    const emu = launched.emulator!;
    const account = launched.account!;
    const alice = launched.user!;
    const bob = emu.createUser({ firstName: 'Bob' });
    const title = async (user: typeof alice, query: string): Promise<string> => {
      const answer = await user.inlineQuery(account, query);
      const first = answer.results[0];
      return first?.type === 'article' ? first.title : '(none)';
    };

    expect(await title(alice, 'a')).toBe('1. a');
    expect(await title(alice, 'ab')).toBe('2. ab');
    expect(await title(bob, 'x')).toBe('1. x');
    const third = await alice.inlineQuery(account, 'abc', { chat: launched.chat! });
    expect(third.results[0]).toMatchObject({ title: '3. abc' });
    expect((await third.choose('abc')).text).toBe('3. abc');
    await emu.waitForIdle();
    expect(chosen).toEqual([[alice.id, 'abc']]);

    await clock.advance(10_000);
    expect(await title(alice, 'again')).toBe('1. again');
    expect(await title(bob, 'y')).toBe('1. y');
  });
});
