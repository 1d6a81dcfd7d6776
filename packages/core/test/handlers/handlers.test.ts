import { describe, expect, it } from 'vitest';
import type { CloseReason, DelegationPattern } from '../../src/delegation/Delegate.js';
import { createOpen } from '../../src/delegation/delegators.js';
import {
  includeCallbackQueryChatId,
  interceptCallbackQueryOrigin,
  pair,
  paveEventSpace,
} from '../../src/delegation/pairs.js';
import {
  perApplication,
  perCallbackQueryOrigin,
  perChatId,
  perFromId,
  perInlineFromId,
  perInvoicePayload,
} from '../../src/delegation/seeders.js';
import { CallbackQueryOriginHandler } from '../../src/handlers/CallbackQueryOriginHandler.js';
import { ChatHandler } from '../../src/handlers/ChatHandler.js';
import { InlineUserHandler } from '../../src/handlers/InlineUserHandler.js';
import { InvoiceHandler } from '../../src/handlers/InvoiceHandler.js';
import { Monitor } from '../../src/handlers/Monitor.js';
import { UserHandler } from '../../src/handlers/UserHandler.js';
import type { Incoming } from '../../src/Incoming.js';
import { makeRuntime } from '../delegation/support.js';

type Bag = Record<string, unknown>;
const inc = (flavor: string, msg: Bag, kind = flavor): Incoming =>
  ({ flavor, kind, msg, update: { update_id: 1, [kind]: msg } }) as unknown as Incoming;
const chat = (chatId: number, text: string, fromId = chatId, kind = 'message'): Incoming =>
  inc(
    'chat',
    {
      message_id: 1,
      chat: { id: chatId, type: chatId > 0 ? 'private' : 'group' },
      from: { id: fromId },
      text,
    },
    kind,
  );
const callback = (chatId: number, messageId: number, fromId = chatId): Incoming =>
  inc('callback_query', {
    id: 'q',
    from: { id: fromId },
    data: 'd',
    message: { message_id: messageId, chat: { id: chatId, type: 'private' } },
  });

describe('ChatHandler', () => {
  it('routes new and edited messages to their hooks and knows its chat', async () => {
    const log: string[] = [];
    class Echo extends ChatHandler {
      override onChatMessage(msg: { text?: string | undefined }): void {
        log.push(`${this.chatId}:new:${msg.text ?? ''}`);
      }
      override onEditedChatMessage(msg: { text?: string | undefined }): void {
        log.push(`${this.chatId}:edit:${msg.text ?? ''}`);
      }
    }
    const { runtime } = makeRuntime([pair(perChatId(), createOpen, Echo, { timeout: 10 })]);
    await runtime.dispatch(chat(5, 'a'));
    await runtime.dispatch(chat(5, 'b', 5, 'edited_message'));
    expect(log).toEqual(['5:new:a', '5:edit:b']);
  });

  it('gets callback queries on its chat with includeCallbackQueryChatId, even re-created', async () => {
    const log: string[] = [];
    class Quiz extends ChatHandler {
      override onChatMessage(): void {
        log.push('msg');
      }
      override onCallbackQuery(query: { data?: string | undefined }): void {
        log.push(`cb:${query.data ?? ''}`);
      }
    }
    const { runtime, clock } = makeRuntime([
      includeCallbackQueryChatId(paveEventSpace())(perChatId(), createOpen, Quiz, { timeout: 5 }),
    ]);
    await runtime.dispatch(chat(5, 'start'));
    await runtime.dispatch(callback(5, 1));
    await clock.advance(5_000);
    expect(runtime.size).toBe(0);
    await runtime.dispatch(callback(5, 1));
    expect(log).toEqual(['msg', 'cb:d', 'cb:d']);
  });

  it('drops messages of other chats that reach it through a broader seeder', async () => {
    const log: number[] = [];
    class Only5 extends ChatHandler {
      override onChatMessage(msg: { chat: { id: number } }): void {
        log.push(msg.chat.id);
      }
    }
    const { runtime } = makeRuntime([[() => 5, createOpen(Only5)]]);
    await runtime.dispatch(chat(5, 'first'));
    await runtime.dispatch(chat(6, 'other'));
    await runtime.dispatch(chat(5, 'again'));
    expect(log).toEqual([5, 5]);
  });

  it('captures callback queries on messages it sent with buttons (interceptCallbackQueryOrigin)', async () => {
    const log: string[] = [];
    let sentId = 100;
    const fakeApi = {
      sendMessage: (chatId: number, _text: string, _other?: unknown) =>
        Promise.resolve({ message_id: ++sentId, chat: { id: chatId, type: 'private' } }),
      deleteMessage: (_chatId: number, _messageId: number) => Promise.resolve(true),
    };
    class Picker extends ChatHandler {
      override async onChatMessage(msg: { text?: string | undefined }): Promise<void> {
        const api = this.captured(fakeApi);
        if (msg.text === 'ask') {
          await api.sendMessage(this.chatId, 'pick', {
            reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
          });
        } else if (msg.text === 'plain') {
          await api.sendMessage(this.chatId, 'no buttons');
        } else if (msg.text === 'delete') {
          await api.deleteMessage(this.chatId, 101);
        }
      }
      override onCallbackQuery(query: { message?: { message_id: number } | undefined }): void {
        log.push(`cb:${query.message?.message_id ?? 0}`);
      }
    }
    const { runtime, clock } = makeRuntime([
      interceptCallbackQueryOrigin(paveEventSpace())(perChatId(), createOpen, Picker, {
        timeout: 5,
      }),
    ]);
    await runtime.dispatch(chat(5, 'ask')); // sends message 101 with buttons
    await runtime.dispatch(chat(5, 'plain')); // sends message 102 without
    await runtime.dispatch(callback(5, 101, 9));
    await runtime.dispatch(callback(5, 102, 9)); // not captured: no delegate for it
    await clock.advance(5_000);
    await runtime.dispatch(callback(5, 101, 9)); // owner re-created
    await runtime.dispatch(chat(5, 'delete'));
    await runtime.dispatch(callback(5, 101, 9)); // uncaptured after delete
    expect(log).toEqual(['cb:101', 'cb:101']);
  });
});

describe('UserHandler', () => {
  it("captures the user's messages in every chat, not callback queries by default", async () => {
    const log: string[] = [];
    class PerUser extends UserHandler {
      override onChatMessage(msg: { chat: { id: number } }): void {
        log.push(`${this.userId}@${msg.chat.id}`);
      }
      override onCallbackQuery(): void {
        log.push('cb');
      }
    }
    const { runtime } = makeRuntime([pair(perFromId('all'), createOpen, PerUser, {})]);
    await runtime.dispatch(chat(-1, 'a', 7));
    await runtime.dispatch(chat(-2, 'b', 7));
    await runtime.dispatch(callback(-1, 1, 7));
    expect(log).toEqual(['7@-1', '7@-2']);
  });
});

describe('InlineUserHandler', () => {
  it('handles inline queries and chosen results of its user', async () => {
    const log: string[] = [];
    class Search extends InlineUserHandler {
      override onInlineQuery(q: { query: string }): void {
        log.push(`q:${q.query}`);
      }
      override onChosenInlineResult(r: { result_id: string }): void {
        log.push(`r:${r.result_id}`);
      }
    }
    const { runtime } = makeRuntime([pair(perInlineFromId(), createOpen, Search, { timeout: 10 })]);
    await runtime.dispatch(inc('inline_query', { id: '1', from: { id: 3 }, query: 'cats' }));
    await runtime.dispatch(
      inc('chosen_inline_result', { result_id: 'r1', from: { id: 3 }, query: 'cats' }),
    );
    expect(log).toEqual(['q:cats', 'r:r1']);
  });
});

describe('CallbackQueryOriginHandler', () => {
  it('gets the callback queries of its origin', async () => {
    const log: string[] = [];
    class Buttons extends CallbackQueryOriginHandler {
      override onCallbackQuery(): void {
        log.push(JSON.stringify(this.origin));
      }
    }
    const { runtime } = makeRuntime([
      pair(perCallbackQueryOrigin(), createOpen, Buttons, { timeout: 10 }),
    ]);
    await runtime.dispatch(callback(5, 9));
    await runtime.dispatch(
      inc('callback_query', { id: 'q', from: { id: 1 }, inline_message_id: 'abc' }),
    );
    expect(log).toEqual(['[5,9]', '["abc"]']);
    expect(runtime.size).toBe(2);
  });
});

describe('InvoiceHandler', () => {
  it('follows one invoice through shipping, pre-checkout and payment', async () => {
    const log: string[] = [];
    class Order extends InvoiceHandler {
      override onShippingQuery(): void {
        log.push(`ship:${this.payload}`);
      }
      override onPreCheckoutQuery(): void {
        log.push(`check:${this.payload}`);
      }
      override onChatMessage(): void {
        log.push(`paid:${this.payload}`);
      }
    }
    const { runtime } = makeRuntime([
      pair(perInvoicePayload(), createOpen, Order, { timeout: 60 }),
    ]);
    await runtime.dispatch(
      inc('shipping_query', { id: 's', from: { id: 1 }, invoice_payload: 'o-1' }),
    );
    await runtime.dispatch(
      inc('pre_checkout_query', { id: 'p', from: { id: 1 }, invoice_payload: 'o-1' }),
    );
    await runtime.dispatch(
      inc('chat', { chat: { id: 1 }, successful_payment: { invoice_payload: 'o-1' } }, 'message'),
    );
    expect(log).toEqual(['ship:o-1', 'check:o-1', 'paid:o-1']);
    expect(runtime.size).toBe(1);
  });
});

describe('Monitor', () => {
  it('sees every update kind through its hooks and never times out', async () => {
    const log: string[] = [];
    const closed: CloseReason[] = [];
    class Audit extends Monitor {
      override onChatMessage(): void {
        log.push('chat');
      }
      override onPoll(poll: { id: string }): void {
        log.push(`poll:${poll.id}`);
      }
      override onMyChatMember(): void {
        log.push('member');
      }
      override onClose(reason: CloseReason): void {
        closed.push(reason);
      }
    }
    const patterns: DelegationPattern[] = [pair(perApplication(), createOpen, Audit, {})];
    const { runtime, clock } = makeRuntime(patterns);
    await runtime.dispatch(chat(1, 'x'));
    await runtime.dispatch(inc('poll', { id: 'p1' }));
    await runtime.dispatch(inc('my_chat_member', { chat: { id: 1 } }));
    await runtime.dispatch(inc('brand_new_kind', {}, 'brand_new_kind'));
    await clock.advance(3_600_000);
    expect(log).toEqual(['chat', 'poll:p1', 'member']);
    expect(closed).toEqual([]);
    expect(runtime.size).toBe(1);
  });

  it('watches only what its capture patterns match', async () => {
    const log: number[] = [];
    class Groups extends Monitor {
      override onChatMessage(msg: { chat: { id: number } }): void {
        log.push(msg.chat.id);
      }
    }
    const { runtime } = makeRuntime([
      pair(perApplication(), createOpen, Groups, { capture: [[{ chat: { type: 'group' } }]] }),
    ]);
    await runtime.dispatch(chat(4, 'p')); // the first message is filtered too
    await runtime.dispatch(chat(-3, 'g'));
    await runtime.dispatch(chat(6, 'p'));
    await runtime.dispatch(chat(-5, 'g'));
    expect(log).toEqual([-3, -5]);
  });
});
