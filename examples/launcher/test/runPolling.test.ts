import type { Message } from '@delegram/api';
import type { CloseReason } from 'delegram';
import { Bot, ChatHandler, DelegatorBot, delegate, perChatId } from 'delegram';
import { describe, expect, it } from 'vitest';
import { launch, quietEmulator } from '../src/launch.js';
import { runPolling } from '../src/runPolling.js';

class Closer extends ChatHandler {
  static closed: string[] = [];
  override onChatMessage(msg: Message): void {
    Closer.closed.push(`got ${msg.text ?? ''}`);
  }
  override onClose(reason: CloseReason): void {
    Closer.closed.push(reason.reason);
  }
}

describe('runPolling', () => {
  it('runs a handler until stopped, then stops the emulator', async () => {
    const launched = await launch({ ...quietEmulator, botUsername: 'echo_bot' });
    const bot = new Bot(launched.token, launched.botOptions);
    const running = runPolling(bot, launched, {
      signals: false,
      handler: {
        chat: (msg: Message) => bot.api.sendMessage(msg.chat.id, `echo ${msg.text ?? ''}`),
      },
    });
    await launched.user!.sendMessage(launched.chat!, 'hi');
    expect((await launched.chat!.nextBotMessage({ timeoutMs: 5_000 })).text).toBe('echo hi');
    await running.stop();
    await running.done;
    expect(running.loop.running).toBe(false);
    expect(launched.emulator!.running).toBe(false);
  });

  it("stops a DelegatorBot's delegates after the loop, with reason stopped", async () => {
    const launched = await launch({ ...quietEmulator, botUsername: 'closer_bot' });
    const bot = new DelegatorBot(
      launched.token,
      [delegate(perChatId(), Closer)],
      launched.botOptions,
    );
    const running = runPolling(bot, launched, { signals: false });
    await launched.user!.sendMessage(launched.chat!, 'one');
    await launched.emulator!.waitForIdle();
    await running.stop();
    expect(Closer.closed).toEqual(['got one', 'stopped']);
    expect(bot.delegateCount).toBe(0);
  });

  it('prints what the bot reports on its error event', async () => {
    const printed: string[] = [];
    const launched = await launch({
      ...quietEmulator,
      print: (l) => printed.push(l),
      botUsername: 'fail_bot',
    });
    const bot = new Bot(launched.token, launched.botOptions);
    const running = runPolling(bot, launched, {
      signals: false,
      handler: () => {
        throw new RangeError('handler broke');
      },
    });
    await launched.user!.sendMessage(launched.chat!, 'boom');
    await launched.emulator!.waitForIdle();
    await running.stop();
    expect(printed.some((l) => l.includes('RangeError: handler broke'))).toBe(true);
  });
});
