import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import { skeleton } from '../src/skeleton.js';

describe('skeleton', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it('answers a new message with its flavor and glance, and prints edits without answering', async () => {
    const launched = await launch({ ...quietEmulator, botUsername: 'skeleton_bot' });
    const bot = new Bot(launched.token, launched.botOptions);
    const printed: string[] = [];
    running = runPolling(bot, launched, {
      handler: skeleton(bot, (line) => printed.push(line)),
      signals: false,
    });
    const alice = launched.user!;
    const chat = launched.chat!;

    const sent = await alice.sendMessage(chat, 'hello');
    const reply = await chat.nextBotMessage({ timeoutMs: 5_000 });
    expect(reply.text).toBe(`chat ["text","private",${alice.id}]`);

    await alice.editMessage(chat, sent, 'hello, edited');
    await launched.emulator!.waitForIdle();
    expect(printed).toEqual([
      `chat ["text","private",${alice.id}]`,
      `chat ["text","private",${alice.id}]`,
    ]);
    expect(chat.history().filter((m) => m.from?.is_bot === true)).toHaveLength(1);
  });
});
