import type { Message, Update } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../src/BotEvents.js';
import { DelegatorBot } from '../src/DelegatorBot.js';
import type { CloseReason, DelegationPattern } from '../src/delegation/Delegate.js';
import { DelegatorStoppedError, DelegationSetupError } from '../src/delegation/errors.js';
import { createOpen } from '../src/delegation/delegators.js';
import { delegate, interceptCallbackQueryOrigin, paveEventSpace } from '../src/delegation/pairs.js';
import { perChatId } from '../src/delegation/seeders.js';
import type { EventData } from '../src/flavor.js';
import { ChatHandler } from '../src/handlers/ChatHandler.js';
import { stubApi } from './support/stubApi.js';
import { textMessage } from './support/updates.js';

let updateId = 1;
const update = (text: string, chatId = 42): Update => ({
  update_id: updateId++,
  message: textMessage(text, updateId, chatId),
});

function setup(patterns: (bot: { closes: [number, CloseReason][] }) => DelegationPattern[]): {
  bot: DelegatorBot;
  calls: ReturnType<typeof stubApi>['calls'];
  clock: ReturnType<typeof stubApi>['clock'];
  errors: [unknown, ErrorInfo][];
  closes: [number, CloseReason][];
} {
  const { api, calls, clock } = stubApi();
  const closes: [number, CloseReason][] = [];
  const bot = new DelegatorBot(api, patterns({ closes }), { clock });
  const errors: [unknown, ErrorInfo][] = [];
  bot.on('error', (error, info) => errors.push([error, info]));
  return { bot, calls, clock, errors, closes };
}

describe('DelegatorBot', () => {
  it("runs telepot's per-chat message counter: one counter per chat, reset after the idle timeout", async () => {
    const closes: [number, CloseReason][] = [];
    class MessageCounter extends ChatHandler {
      private count = 0;
      override async onChatMessage(): Promise<void> {
        this.count += 1;
        await this.bot.api.sendMessage(this.chatId, String(this.count));
      }
      override onClose(reason: CloseReason): void {
        closes.push([this.chatId, reason]);
      }
    }
    const { bot, calls, clock } = setup(() => [
      delegate(perChatId(), MessageCounter, { timeout: 10 }),
    ]);
    await Promise.all([
      bot.handle(update('a', 1)),
      bot.handle(update('b', 2)),
      bot.handle(update('c', 1)),
    ]);
    expect(
      calls.map((c) => `${String(c.payload['chat_id'])}:${String(c.payload['text'])}`),
    ).toEqual(['1:1', '2:1', '1:2']);
    expect(bot.delegateCount).toBe(2);
    expect((bot.delegateOf(0, 1)?.logic as unknown as { count: number }).count).toBe(2);
    expect(bot.delegateOf(0, 3)).toBeUndefined();
    await clock.advance(10_000);
    // same deadline: expired in the order they were last reset (chat 1 was reset by 'c')
    expect(closes).toEqual([
      [2, { reason: 'idle', seconds: 10 }],
      [1, { reason: 'idle', seconds: 10 }],
    ]);
    expect(bot.delegateCount).toBe(0);
    expect(bot.idleTimerCount).toBe(0);
    await bot.handle(update('d', 1));
    expect(calls.at(-1)?.payload['text']).toBe('1');
  });

  it('delivers scheduled events through the mailbox and revives a closed delegate', async () => {
    const log: string[] = [];
    class Reminder extends ChatHandler {
      override open(initial: { flavor: string }): boolean {
        log.push(`open:${initial.flavor}`);
        return false;
      }
      override onChatMessage(msg: Message): void {
        log.push(`msg:${msg.text ?? ''}`);
        this.scheduler.eventLater(30, '_remind', { text: msg.text });
      }
      override onEvent(flavor: string, data: EventData): void {
        log.push(`${flavor}:${String(data['text'])}`);
      }
      override onClose(reason: CloseReason): void {
        log.push(`close:${reason.reason}`);
      }
    }
    const { bot, clock } = setup(() => [delegate(perChatId(), Reminder, { timeout: 10 })]);
    await bot.handle(update('milk', 7));
    await clock.advance(10_000);
    expect(log).toEqual(['open:chat', 'msg:milk', 'close:idle']);
    expect(bot.delegateCount).toBe(0);
    await clock.advance(20_000);
    expect(log.slice(3)).toEqual(['open:_remind', '_remind:milk']);
    expect(bot.delegateCount).toBe(1);
    await clock.advance(10_000);
    expect(log.at(-1)).toBe('close:idle');
  });

  it("routes a delegate's events only to itself", async () => {
    const got: [number, string][] = [];
    class Alarm extends ChatHandler {
      override onChatMessage(): void {
        this.scheduler.eventNow('_ring');
      }
      override onEvent(flavor: string): void {
        got.push([this.chatId, flavor]);
      }
    }
    const { bot, clock } = setup(() => [delegate(perChatId(), Alarm, { timeout: 60 })]);
    await bot.handle(update('x', 1));
    await bot.handle(update('y', 2));
    await clock.advance(0);
    expect(got.sort()).toEqual([
      [1, '_ring'],
      [2, '_ring'],
    ]);
  });

  it('reports a handler error on the error event with seed and message, and closes that delegate', async () => {
    class Fragile extends ChatHandler {
      override onChatMessage(msg: Message): void {
        if (msg.text === 'bad') throw new Error('cannot handle');
      }
    }
    const { bot, errors } = setup(() => [delegate(perChatId(), Fragile, { timeout: 10 })]);
    const bad = update('bad', 3);
    await bot.handle(bad);
    await bot.handle(update('fine', 4));
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]).toMatchObject({
      source: 'delegate',
      seed: 3,
      update: bad,
      outcome: 'continue',
    });
    expect(bot.delegateCount).toBe(1);
  });

  it('stops: closes every delegate with reason stopped, then refuses updates and events', async () => {
    const reasons: string[] = [];
    class Counter extends ChatHandler {
      override onChatMessage(): void {}
      override onClose(reason: CloseReason): void {
        reasons.push(reason.reason);
      }
    }
    const { bot, clock } = setup(() => [delegate(perChatId(), Counter, { timeout: 10 })]);
    await bot.handle(update('a', 1));
    await bot.handle(update('b', 2));
    await bot.stop();
    expect(reasons).toEqual(['stopped', 'stopped']);
    expect(bot.delegateCount).toBe(0);
    expect(clock.pending).toBe(0);
    await expect(bot.handle(update('c', 1))).rejects.toBeInstanceOf(DelegatorStoppedError);
    // A handler outliving the stop cannot leave a timer behind.
    expect(() => bot.scheduler.eventLater(60, { _late: {} })).toThrow(DelegatorStoppedError);
    expect(clock.pending).toBe(0);
  });

  it('emits unhandled for messages no pattern takes', async () => {
    const { bot } = setup(() => [delegate(perChatId(['group']), class extends ChatHandler {}, {})]);
    const seen: string[] = [];
    bot.on('unhandled', (incoming) => seen.push(incoming.kind));
    await bot.handle(update('x', 1));
    expect(seen).toEqual(['message']);
  });

  it('fails early on patterns that are not [seeder, delegator] pairs', () => {
    const { api } = stubApi();
    expect(() => new DelegatorBot(api, [[() => 1] as never])).toThrow(DelegationSetupError);
  });

  it('reports a field that hides a lifecycle hook by name, and spawns no delegate for it', async () => {
    class Shadowed extends ChatHandler {
      // A JavaScript user's field; TypeScript itself rejects this shape.
      declare open: never;
      constructor(...args: ConstructorParameters<typeof ChatHandler>) {
        super(...args);
        Object.defineProperty(this, 'open', { value: true });
      }
      override onChatMessage(): void {
        throw new Error('must not be reached');
      }
    }
    const { bot, errors } = setup(() => [delegate(perChatId(), Shadowed, { timeout: 10 })]);
    await bot.handle(update('hi', 5));
    expect(errors).toHaveLength(1);
    const [error, info] = errors[0]!;
    expect(error).toBeInstanceOf(DelegationSetupError);
    expect((error as Error).message).toMatch(/'open' is a boolean, not a method.*rename the field/);
    expect(info.source).toBe('delegate');
    expect(bot.delegateCount).toBe(0);
  });

  it('refuses a handler built outside its delegator', () => {
    class Lonely extends ChatHandler {}
    expect(() => new Lonely(undefined as never, {})).toThrow(/createOpen/);
  });

  it('routes callback queries on messages its sender sent with buttons back to the delegate', async () => {
    const log: string[] = [];
    class Menu extends ChatHandler {
      override async onChatMessage(msg: Message): Promise<void> {
        if (msg.text === 'menu') {
          const sent = await this.sender.sendMessage('pick one', {
            reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
          });
          log.push(`sent:${sent.message_id}`);
        } else if (msg.text === 'done') {
          const id = Number(log[0]?.split(':')[1]);
          await this.editorFor([this.chatId, id]).deleteMessage();
        }
      }
      override onCallbackQuery(query: { data?: string | undefined }): void {
        log.push(`cb:${query.data ?? ''}`);
      }
    }
    const { bot, clock } = setup(() => [
      interceptCallbackQueryOrigin(paveEventSpace())(perChatId(), createOpen, Menu, { timeout: 5 }),
    ]);
    await bot.handle(update('menu', 8));
    const messageId = Number(log[0]?.split(':')[1]);
    const press = (): Update => ({
      update_id: updateId++,
      callback_query: {
        id: 'q',
        from: { id: 9, is_bot: false, first_name: 'Bob' },
        chat_instance: 'c',
        data: 'a',
        message: { ...textMessage('pick one', messageId, 8) },
      },
    });
    await bot.handle(press());
    await clock.advance(5_000); // the menu's delegate closes; its origin stays recorded
    expect(bot.delegateCount).toBe(0);
    await bot.handle(press()); // re-creates the owner
    await bot.handle(update('done', 8)); // deleting the message releases the origin
    const seen: string[] = [];
    bot.on('unhandled', (incoming) => seen.push(incoming.kind));
    await bot.handle(press());
    expect(log).toEqual([`sent:${messageId}`, 'cb:a', 'cb:a']);
    expect(seen).toEqual(['callback_query']);
  });
});
