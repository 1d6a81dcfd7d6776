import { ManualClock } from '@delegram/api';
import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import type { DelegatorBot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import { createDateCalcBot } from '../src/createDateCalcBot.js';
import { suggestDates } from '../src/suggestDates.js';

const SUNDAY = Date.UTC(2026, 10, 22, 9, 0, 0);

describe('suggestDates', () => {
  it('suggests the next seven days, filtered by weekday', () => {
    expect(suggestDates('', SUNDAY).map((r) => r.id)).toHaveLength(7);
    expect(suggestDates('FR', SUNDAY).map((r) => (r.type === 'article' ? r.title : ''))).toEqual([
      'Friday 2026-11-27',
    ]);
  });
});

describe('createDateCalcBot', () => {
  let running: RunningBot<DelegatorBot> | undefined;
  afterEach(() => running?.stop());

  it('lets a group vote on a suggested date and shows the result after the vote expires', async () => {
    const clock = new ManualClock(SUNDAY);
    const launched = await launch({
      ...quietEmulator,
      botUsername: 'datecalc_bot',
      botSettings: { supportsInlineQueries: true, inlineFeedback: true },
      clock,
    });
    running = runPolling(createDateCalcBot(launched.token, launched.botOptions), launched, {
      signals: false,
    });
    const emu = launched.emulator!;
    const alice = launched.user!;
    const bob = emu.createUser({ firstName: 'Bob' });
    const carol = emu.createUser({ firstName: 'Carol' });
    const group = emu.createGroup({
      title: 'Friends',
      type: 'group',
      members: [alice, bob, carol],
    });

    const answer = await alice.inlineQuery(launched.account!, 'fri', { chat: group });
    expect(answer.results.map((r) => r.id)).toEqual(['2026-11-27']);
    const suggestion = await answer.choose('2026-11-27', group);
    expect(suggestion.text).toBe('Shall we meet on Friday 2026-11-27?');
    await emu.waitForIdle();

    expect(await bob.pressButton(suggestion, 'Yes')).toMatchObject({ text: 'Ok' });
    expect(await carol.pressButton(suggestion, 'No')).toMatchObject({ text: 'Ok' });
    expect(await bob.pressButton(suggestion, 'No')).toMatchObject({
      text: 'You have already voted yes',
    });

    await clock.advance(10_000);
    expect(running.bot.delegateCount).toBe(0);
    expect(await alice.pressButton(suggestion, 'Yes')).toMatchObject({ text: 'Ok' });
    await clock.advance(20_000);
    const result = await group.nextBotEdit({ timeoutMs: 5_000 });
    expect(result.text).toBe('2026-11-27\nYes: 2\nNo: 1');
    expect(result.reply_markup).toBeUndefined();
  });
});
