import { ManualClock } from '@delegram/api';
import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import type { DelegatorBot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlarmBot } from '../src/createAlarmBot.js';

describe('createAlarmBot', () => {
  let running: RunningBot<DelegatorBot> | undefined;
  afterEach(() => running?.stop());

  it('beeps when each alarm is due, even after the delegate went idle', async () => {
    const clock = new ManualClock();
    const launched = await launch({ ...quietEmulator, botUsername: 'alarm_bot', clock });
    running = runPolling(createAlarmBot(launched.token, launched.botOptions), launched, {
      signals: false,
    });
    const alice = launched.user!;
    const chat = launched.chat!;
    const next = async () => (await chat.nextBotMessage({ timeoutMs: 5_000 })).text;

    await alice.sendMessage(chat, 'soon');
    expect(await next()).toBe('Not a number. No alarm set.');
    await alice.sendMessage(chat, '3');
    expect(await next()).toBe('Got it. Alarm is set at 3.0 seconds from now.');
    await alice.sendMessage(chat, '30');
    expect(await next()).toBe('Got it. Alarm is set at 30.0 seconds from now.');

    await clock.advance(2_900);
    await launched.emulator!.waitForIdle();
    expect(chat.history().at(-1)?.text).toBe('Got it. Alarm is set at 30.0 seconds from now.');
    await clock.advance(100);
    expect(await next()).toBe('Beep beep, time to wake up! (3 s)');

    await clock.advance(10_000);
    expect(running.bot.delegateCount).toBe(0);
    await clock.advance(17_000);
    expect(await next()).toBe('Beep beep, time to wake up! (30 s)');
  });
});
