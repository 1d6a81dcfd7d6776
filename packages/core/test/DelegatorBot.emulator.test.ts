import { Api, ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { DelegatorBot } from '../src/DelegatorBot.js';
import type { CloseReason } from '../src/delegation/Delegate.js';
import { delegate } from '../src/delegation/pairs.js';
import { perChatId } from '../src/delegation/seeders.js';
import { ChatHandler } from '../src/handlers/ChatHandler.js';
import { MessageLoop } from '../src/MessageLoop.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('DelegatorBot on the emulator', () => {
  it("runs telepot's per-chat message counter end to end", async () => {
    const emu = new Emulator();
    await emu.start();
    cleanup.push(() => emu.stop());
    const account = emu.createBot({ username: 'counter_bot' });
    const alice = emu.createUser({ firstName: 'Alice' });
    const bob = emu.createUser({ firstName: 'Bob' });
    const aliceChat = emu.privateChat(alice, account);
    const bobChat = emu.privateChat(bob, account);

    const closes: CloseReason[] = [];
    class MessageCounter extends ChatHandler {
      private count = 0;
      override async onChatMessage(): Promise<void> {
        this.count += 1;
        await this.sender.sendMessage(String(this.count));
      }
      override onClose(reason: CloseReason): void {
        closes.push(reason);
      }
    }

    const clock = new ManualClock(Date.now());
    const api = new Api(account.token, { apiRoot: emu.apiRoot, clock });
    const bot = new DelegatorBot(api, [delegate(perChatId(), MessageCounter, { timeout: 10 })], {
      clock,
    });
    const loop = new MessageLoop(bot, undefined, { timeout: 1 });
    const running = loop.run();
    cleanup.push(async () => {
      await loop.stop();
      await running;
      await bot.stop();
    });

    const replies = async (chat: typeof aliceChat, n: number): Promise<string[]> => {
      const texts: string[] = [];
      for (let i = 0; i < n; i++)
        texts.push((await chat.nextBotMessage({ timeoutMs: 5_000 })).text ?? '');
      return texts;
    };

    await alice.sendMessage(aliceChat, 'a');
    await alice.sendMessage(aliceChat, 'b');
    await bob.sendMessage(bobChat, 'x');
    await alice.sendMessage(aliceChat, 'c');
    expect(await replies(aliceChat, 3)).toEqual(['1', '2', '3']);
    expect(await replies(bobChat, 1)).toEqual(['1']);
    expect(bot.delegateCount).toBe(2);

    await clock.advance(10_000); // both counters time out
    expect(closes).toEqual([
      { reason: 'idle', seconds: 10 },
      { reason: 'idle', seconds: 10 },
    ]);
    expect(bot.delegateCount).toBe(0);

    await alice.sendMessage(aliceChat, 'd');
    expect(await replies(aliceChat, 1)).toEqual(['1']);
  });
});
