import type { RunningWebhook } from '@delegram-examples/launcher';
import { launch, quietEmulator } from '@delegram-examples/launcher';
import { afterEach, describe, expect, it } from 'vitest';
import { startSkeletonWebhook } from '../src/startSkeletonWebhook.js';

describe('startSkeletonWebhook', () => {
  let running: RunningWebhook | undefined;
  afterEach(() => running?.stop());

  it('receives updates by webhook and handles each flavor', async () => {
    const printed: string[] = [];
    const launched = await launch({
      ...quietEmulator,
      print: (line) => printed.push(line),
      botUsername: 'webhook_skeleton_bot',
      botSettings: { supportsInlineQueries: true, inlineFeedback: true },
    });
    running = await startSkeletonWebhook(launched, { signals: false });
    expect(running.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/telegram$/);
    expect(await running.bot.api.getWebhookInfo()).toMatchObject({ url: running.webhookUrl });
    const emu = launched.emulator!;
    const alice = launched.user!;
    const chat = launched.chat!;

    await alice.sendMessage(chat, 'hi');
    expect((await chat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe(
      `Chat message: text private ${chat.id}`,
    );
    const answer = await alice.inlineQuery(launched.account!, 'anything', { chat });
    expect((await answer.choose('abc')).text).toBe('Good morning');
    await emu.waitForIdle();
    expect(printed).toContain(`Chosen inline result: abc ${alice.id} anything`);
  });
});
