import { ManualClock } from '@delegram/api';
import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import { diceyClock } from '../src/diceyClock.js';

describe('diceyClock', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it('rolls a die, tells the time and hints at the commands', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 22, 4, 5, 6));
    const launched = await launch({ ...quietEmulator, botUsername: 'diceyclock_bot', clock });
    const bot = new Bot(launched.token, launched.botOptions);
    const rolls = [0, 0.99, 0.5];
    running = runPolling(bot, launched, {
      handler: diceyClock(bot, () => rolls.shift() ?? 0),
      signals: false,
    });
    const alice = launched.user!;
    const chat = launched.chat!;
    const say = async (text: string): Promise<string | undefined> => {
      await clock.advance(1_000); // at a person's pace: the bot's replies stay within 1/s per chat
      await alice.sendMessage(chat, text);
      return (await chat.nextBotMessage({ timeoutMs: 5_000 })).text;
    };

    expect(await say('/roll')).toBe('1');
    expect(await say('/roll@diceyclock_bot')).toBe('6');
    expect(await say('/roll')).toBe('4');
    expect(await say('/time')).toBe('2026-11-22T04:05:10.000Z'); // four paced seconds later
    expect(await say('hello')).toBe('Try /roll or /time.');
    expect(await say('/help')).toBe('Try /roll or /time.');
  });
});
