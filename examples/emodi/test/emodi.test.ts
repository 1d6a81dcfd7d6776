import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import { codePoints, emodi } from '../src/emodi.js';

describe('codePoints', () => {
  it('keeps an emoji outside the BMP as one code point', () => {
    expect(codePoints('a😀')).toBe('U+0061 U+1F600');
    expect(codePoints('👍🏽')).toBe('U+1F44D U+1F3FD');
  });
});

describe('emodi', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it('answers emoji with their code points and other content with its type', async () => {
    const launched = await launch({ ...quietEmulator, botUsername: 'emodi_bot' });
    const bot = new Bot(launched.token, launched.botOptions);
    running = runPolling(bot, launched, { handler: emodi(bot), signals: false });
    const alice = launched.user!;
    const chat = launched.chat!;

    await alice.sendMessage(chat, 'hi 😀');
    expect((await chat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe(
      'Alice sent text in a private chat:\nU+0068 U+0069 U+0020 U+1F600',
    );
    await alice.sendLocation(chat, { latitude: 1.5, longitude: 2.5 });
    expect((await chat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe(
      'Alice sent a location in a private chat.',
    );
  });
});
