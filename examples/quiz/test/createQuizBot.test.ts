import { ManualClock } from '@delegram/api';
import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { afterEach, describe, expect, it } from 'vitest';
import { createQuizBot } from '../src/createQuizBot.js';

describe('createQuizBot', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it('runs a quiz inside one message, scores it when idle, then deletes it', async () => {
    const clock = new ManualClock();
    const launched = await launch({ ...quietEmulator, botUsername: 'quiz_bot', clock });
    // Each question draws x, y, the operation and four wrong choices: 7 numbers.
    const draws = [0, 0, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9];
    running = runPolling(
      createQuizBot(launched.token, { ...launched.botOptions, random: () => draws.shift() ?? 0 }),
      launched,
      { signals: false },
    );
    const alice = launched.user!;
    const chat = launched.chat!;

    await alice.sendMessage(chat, 'quiz me');
    const quiz = await chat.nextBotMessage({ timeoutMs: 5_000 });
    expect(quiz.text).toBe('Press START to do some math ...');

    await alice.pressButton(quiz, 'START');
    let edited = await chat.nextBotEdit({ timeoutMs: 5_000 });
    expect(edited.message_id).toBe(quiz.message_id);
    expect(edited.text).toBe('1 + 1 = ?');
    await clock.advance(1_000); // at a person's pace: the bot's edits stay within 1/s per chat
    await alice.pressButton(edited, '2');

    edited = await chat.nextBotEdit({ timeoutMs: 5_000 });
    expect(edited.text).toBe('26 - 26 = ?');
    const choices = edited.reply_markup!.inline_keyboard[0]!.map((b) => b.text);
    expect(choices).toContain('0');
    await clock.advance(1_000);
    await alice.pressButton(edited, choices.at(-1)!); // a wrong answer
    expect((await chat.nextBotEdit({ timeoutMs: 5_000 })).text).toMatch(/ = \?$/);

    await clock.advance(10_000);
    edited = await chat.nextBotEdit({ timeoutMs: 5_000 });
    expect(edited.text).toMatch(/^1 out of 2\n/);
    await clock.advance(5_000);
    await launched.emulator!.waitForIdle();
    expect(chat.message(quiz.message_id)).toBeUndefined();
  });
});
