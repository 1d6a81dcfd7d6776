import { EventEmitter } from 'node:events';
import { quietEmulator } from '@delegram-examples/launcher';
import type { SignalSource } from 'delegram';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

describe('main', () => {
  it('starts the counter on the emulator, prints where to chat, and stops on Ctrl+C', async () => {
    const printed: string[] = [];
    const signals = new EventEmitter() as EventEmitter & SignalSource;
    const running = await main({ ...quietEmulator, print: (l) => printed.push(l), signals });
    const { user, chat, chatPageUrl } = running.launched;
    expect(printed).toContain(`Chat with @counter_bot here: ${chatPageUrl}`);

    await user!.sendMessage(chat!, 'hello');
    expect((await chat!.nextBotMessage({ timeoutMs: 5_000 })).text).toBe('1');
    await user!.sendMessage(chat!, 'hello again');
    expect((await chat!.nextBotMessage({ timeoutMs: 5_000 })).text).toBe('2');

    signals.emit('SIGINT');
    await running.done;
    await expect.poll(() => printed.at(-1)).toBe('Stopped.');
    expect(running.launched.emulator!.running).toBe(false);
  });
});
