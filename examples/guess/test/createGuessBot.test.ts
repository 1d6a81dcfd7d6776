import { ManualClock } from '@delegram/api';
import type { Launched, RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuessBot } from '../src/createGuessBot.js';

describe('createGuessBot', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  async function start(clock: ManualClock, numbers: number[]): Promise<Launched> {
    const launched = await launch({ ...quietEmulator, botUsername: 'guess_bot', clock });
    const bot = createGuessBot(launched.token, {
      ...launched.botOptions,
      pickNumber: () => numbers.shift() ?? 0,
    });
    running = runPolling(bot, launched, { signals: false });
    return launched;
  }

  it('starts a game with the first message, hints, and ends it on the right number', async () => {
    const clock = new ManualClock();
    const launched = await start(clock, [42, 7]);
    const alice = launched.user!;
    const chat = launched.chat!;
    const say = async (text: string): Promise<string | undefined> => {
      await clock.advance(1_000); // at a person's pace: the bot's replies stay within 1/s per chat
      await alice.sendMessage(chat, text);
      return (await chat.nextBotMessage({ timeoutMs: 5_000 })).text;
    };

    expect(await say('50')).toBe('Guess my number (0-99).');
    expect(await say('50')).toBe('smaller');
    expect(await say('twelve')).toBe('Give me a number, please.');
    expect(await say('12')).toBe('larger');
    expect(await say('42')).toBe('Correct!');
    expect(await say('hi')).toBe('Guess my number (0-99).');
    expect(await say('7')).toBe('Correct!');
  });

  it('tells a silent player the answer when the game expires, then starts afresh', async () => {
    const clock = new ManualClock();
    const launched = await start(clock, [13, 99]);
    const alice = launched.user!;
    const chat = launched.chat!;
    await alice.sendMessage(chat, 'play');
    expect((await chat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe('Guess my number (0-99).');

    await clock.advance(9_000);
    await alice.sendMessage(chat, '20');
    expect((await chat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe('smaller');
    await clock.advance(10_000);
    expect((await chat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe(
      'Game expired. The answer is 13.',
    );
    await alice.sendMessage(chat, '13');
    expect((await chat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe('Guess my number (0-99).');
  });
});
