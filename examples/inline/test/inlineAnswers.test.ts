import { ManualClock } from '@delegram/api';
import type { ChosenInlineResult } from '@delegram/api';
import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import { inlineAnswers } from '../src/inlineAnswers.js';

describe('inlineAnswers', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it('answers only the newest query of a user and sends the chosen result', async () => {
    const clock = new ManualClock();
    const launched = await launch({
      ...quietEmulator,
      botUsername: 'inline_bot',
      botSettings: { supportsInlineQueries: true, inlineFeedback: true },
      clock,
    });
    const bot = new Bot(launched.token, launched.botOptions);
    const chosen: ChosenInlineResult[] = [];
    const { table, answerer } = inlineAnswers(bot, { onChosen: (r) => chosen.push(r) });
    running = runPolling(bot, launched, { handler: table, signals: false });
    const emu = launched.emulator!;
    const alice = launched.user!;
    const chat = launched.chat!;
    const account = launched.account!;

    const typing = alice.inlineQuery(account, 'hel', { chat }).catch((error: unknown) => error);
    await emu.waitForIdle();
    const answer = alice.inlineQuery(account, 'hello', { chat });
    await emu.waitForIdle();
    await clock.advance(300);
    const results = await answer;
    expect(results.results.map((r) => (r.type === 'article' ? r.title : ''))).toEqual([
      'hello',
      'HELLO',
      'olleh',
    ]);
    const sent = await results.choose('reversed');
    expect(sent.text).toBe('olleh');
    await emu.waitForIdle();
    expect(chosen.map((r) => [r.result_id, r.query])).toEqual([['reversed', 'hello']]);
    expect(answerer.counters).toMatchObject({ started: 2, aborted: 1, answered: 1 });
    void typing;
  });
});
