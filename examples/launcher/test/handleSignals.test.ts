import { EventEmitter } from 'node:events';
import type { SignalSource } from 'delegram';
import { Bot } from 'delegram';
import { describe, expect, it } from 'vitest';
import { launch, quietEmulator } from '../src/launch.js';
import { runPolling } from '../src/runPolling.js';

describe('handleSignals', () => {
  it('on SIGTERM stops the loop, then the emulator, and says so', async () => {
    const printed: string[] = [];
    const launched = await launch({
      ...quietEmulator,
      print: (line) => printed.push(line),
      botUsername: 'echo_bot',
    });
    const bot = new Bot(launched.token, launched.botOptions);
    const signals = new EventEmitter() as EventEmitter & SignalSource;
    const running = runPolling(bot, launched, { handler: () => undefined, signals });
    expect(signals.listenerCount('SIGINT')).toBe(1);

    signals.emit('SIGTERM');
    await running.done;
    await expect.poll(() => printed.at(-1)).toBe('Stopped.');
    expect(printed.slice(-2)).toEqual(['Stopping…', 'Stopped.']);
    expect(launched.emulator!.running).toBe(false);
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('removes its handlers when the example is stopped from code', async () => {
    const launched = await launch({ ...quietEmulator, botUsername: 'echo_bot' });
    const bot = new Bot(launched.token, launched.botOptions);
    const signals = new EventEmitter() as EventEmitter & SignalSource;
    const running = runPolling(bot, launched, { handler: () => undefined, signals });
    await running.stop();
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });
});
