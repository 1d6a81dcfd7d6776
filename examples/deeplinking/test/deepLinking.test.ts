import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import { deepLinking } from '../src/deepLinking.js';

describe('deepLinking', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it('gives a link whose /start payload works once, for its own user only', async () => {
    const launched = await launch({ ...quietEmulator, botUsername: 'deeplinking_bot' });
    const bot = new Bot(launched.token, launched.botOptions);
    let n = 0;
    running = runPolling(bot, launched, {
      handler: deepLinking(bot, { botUsername: 'deeplinking_bot', newKey: () => `key${++n}` }),
      signals: false,
    });
    const emu = launched.emulator!;
    const alice = launched.user!;
    const chat = launched.chat!;
    const bob = emu.createUser({ firstName: 'Bob' });
    const bobChat = emu.privateChat(bob, launched.account!);
    const say = async (who = alice, where = chat, text: string): Promise<string | undefined> => {
      await who.sendMessage(where, text);
      return (await where.nextBotMessage({ timeoutMs: 5_000 })).text;
    };

    expect(await say(alice, chat, '/start')).toBe(
      'Hello! Send /link to get a deep link to this bot.',
    );
    expect(await say(alice, chat, '/link')).toBe('Open https://t.me/deeplinking_bot?start=key1');
    expect(await say(bob, bobChat, '/start key1')).toMatch(/not valid/);
    expect(await say(alice, chat, '/start key1')).toBe(
      'Deep linking worked: you came back with "key1".',
    );
    expect(await say(alice, chat, '/start key1')).toMatch(/not valid/);
    expect(await say(alice, chat, '/help')).toBe('Unknown command. Try /link.');
    expect(await say(alice, chat, 'hi')).toBe('Send /link to get a deep link.');
  });
});
