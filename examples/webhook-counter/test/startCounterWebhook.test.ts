import { ManualClock } from '@delegram/api';
import type { RunningWebhook } from '@delegram-examples/launcher';
import { launch, quietEmulator } from '@delegram-examples/launcher';
import { afterEach, describe, expect, it } from 'vitest';
import { startCounterWebhook } from '../src/startCounterWebhook.js';

describe('startCounterWebhook', () => {
  let running: RunningWebhook | undefined;
  afterEach(() => running?.stop());

  it('counts per chat over a webhook and starts over after the idle timeout', async () => {
    const clock = new ManualClock();
    const launched = await launch({ ...quietEmulator, botUsername: 'webhook_counter_bot', clock });
    running = await startCounterWebhook(launched, { signals: false });
    const emu = launched.emulator!;
    const alice = launched.user!;
    const chat = launched.chat!;
    const bob = emu.createUser({ firstName: 'Bob' });
    const bobChat = emu.privateChat(bob, launched.account!);
    const say = async (who: typeof alice, where: typeof chat, text: string) => {
      await who.sendMessage(where, text);
      return (await where.nextBotMessage({ timeoutMs: 5_000 })).text;
    };

    expect(await say(alice, chat, 'a')).toBe('1');
    expect(await say(alice, chat, 'b')).toBe('2');
    expect(await say(bob, bobChat, 'c')).toBe('1');
    expect(await say(alice, chat, 'd')).toBe('3');
    await clock.advance(10_000);
    expect(await say(alice, chat, 'e')).toBe('1');
  });
});
