import { describe, expect, it } from 'vitest';
import type { Incoming } from '../../src/Incoming.js';
import { oneShot } from '../../src/delegation/Seed.js';
import {
  chain,
  perApplication,
  perCallbackQueryChatId,
  perCallbackQueryOrigin,
  perChatId,
  perChatIdExcept,
  perChatIdIn,
  perEventSourceId,
  perFromId,
  perFromIdExcept,
  perFromIdIn,
  perInlineFromId,
  perInlineFromIdExcept,
  perInlineFromIdIn,
  perInvoicePayload,
  perMessage,
  until,
} from '../../src/delegation/seeders.js';

const inc = (flavor: string, msg: unknown, kind = flavor): Incoming =>
  ({ flavor, kind, msg, update: undefined }) as unknown as Incoming;

const privateMsg = inc('chat', { chat: { id: 10, type: 'private' }, from: { id: 10 } }, 'message');
const groupMsg = inc('chat', { chat: { id: -5, type: 'group' }, from: { id: 11 } }, 'message');
const channelPost = inc('chat', { chat: { id: -7, type: 'channel' } }, 'channel_post');
const chatCallback = inc('callback_query', {
  id: 'q',
  from: { id: 12 },
  message: { message_id: 3, chat: { id: -5, type: 'group' } },
  data: 'x',
});
const inlineCallback = inc('callback_query', {
  id: 'q',
  from: { id: 12 },
  inline_message_id: 'im1',
});
const inlineQuery = inc('inline_query', { id: 'i', from: { id: 13 }, query: '' });
const chosen = inc('chosen_inline_result', { result_id: 'r', from: { id: 13 } });
const shipping = inc('shipping_query', { id: 's', from: { id: 14 }, invoice_payload: 'order-1' });
const checkout = inc('pre_checkout_query', {
  id: 'p',
  from: { id: 14 },
  invoice_payload: 'order-2',
});
const paid = inc('chat', {
  chat: { id: 14, type: 'private' },
  successful_payment: { invoice_payload: 'order-3' },
});
const event = inc('_alarm', { source: { space: 2, id: 10 } });
const tupleEvent = inc('_alarm', { source: { space: 2, id: [-5, 3] } });

describe('perChatId', () => {
  it('seeds chat messages by chat id, of the chosen types', () => {
    expect(perChatId()(privateMsg)).toBe(10);
    expect(perChatId()(channelPost)).toBe(-7);
    expect(perChatId(['group'])(privateMsg)).toBeUndefined();
    expect(perChatId(['group'])(groupMsg)).toBe(-5);
  });

  it('ignores callback queries, inline flavors and events', () => {
    for (const m of [chatCallback, inlineQuery, event]) expect(perChatId()(m)).toBeUndefined();
  });

  it('filters by chat id with In and Except', () => {
    expect(perChatIdIn([10])(privateMsg)).toBe(10);
    expect(perChatIdIn([10])(groupMsg)).toBeUndefined();
    expect(perChatIdExcept([10])(privateMsg)).toBeUndefined();
    expect(perChatIdExcept([10], ['group'])(groupMsg)).toBe(-5);
  });
});

describe('perFromId', () => {
  it('seeds chat and inline flavors by sender, not callback, shipping or pre-checkout queries', () => {
    expect(perFromId()(groupMsg)).toBe(11);
    expect(perFromId()(inlineQuery)).toBe(13);
    expect(perFromId()(chosen)).toBe(13);
    expect(perFromId()(chatCallback)).toBeUndefined();
    expect(perFromId()(shipping)).toBeUndefined();
    expect(perFromId()(checkout)).toBeUndefined();
  });

  it("accepts every flavor with 'all' and a chosen list otherwise", () => {
    expect(perFromId('all')(chatCallback)).toBe(12);
    expect(perFromId(['callback_query'])(chatCallback)).toBe(12);
    expect(perFromId(['callback_query'])(groupMsg)).toBeUndefined();
    expect(perFromId()(channelPost)).toBeUndefined();
  });

  it('filters by user id with In and Except', () => {
    expect(perFromIdIn([11])(groupMsg)).toBe(11);
    expect(perFromIdIn([99])(groupMsg)).toBeUndefined();
    expect(perFromIdExcept([11])(groupMsg)).toBeUndefined();
    expect(perFromIdExcept([99])(groupMsg)).toBe(11);
  });
});

describe('perInlineFromId', () => {
  it('seeds only inline queries and chosen inline results', () => {
    expect(perInlineFromId()(inlineQuery)).toBe(13);
    expect(perInlineFromId()(chosen)).toBe(13);
    expect(perInlineFromId()(groupMsg)).toBeUndefined();
    expect(perInlineFromIdIn([13])(inlineQuery)).toBe(13);
    expect(perInlineFromIdIn([1])(inlineQuery)).toBeUndefined();
    expect(perInlineFromIdExcept([13])(inlineQuery)).toBeUndefined();
  });
});

describe('perApplication', () => {
  it('gives the same seed to everything, events included', () => {
    for (const m of [privateMsg, inlineQuery, event]) expect(perApplication()(m)).toBe(1);
  });
});

describe('perMessage', () => {
  it('asks for a fresh delegate for every matching message', () => {
    expect(perMessage()(privateMsg)).toBe(oneShot);
    expect(perMessage(['inline_query'])(inlineQuery)).toBe(oneShot);
    expect(perMessage(['inline_query'])(privateMsg)).toBeUndefined();
  });
});

describe('perEventSourceId', () => {
  it('seeds events of its own space by their source id, tuples included', () => {
    expect(perEventSourceId(2)(event)).toBe(10);
    expect(perEventSourceId(2)(tupleEvent)).toEqual([-5, 3]);
    expect(perEventSourceId(3)(event)).toBeUndefined();
    expect(perEventSourceId(2)(privateMsg)).toBeUndefined();
    expect(perEventSourceId(2)(inc('_x', {}))).toBeUndefined();
  });
});

describe('perCallbackQueryChatId', () => {
  it('seeds callback queries on chat messages by chat id', () => {
    expect(perCallbackQueryChatId()(chatCallback)).toBe(-5);
    expect(perCallbackQueryChatId(['private'])(chatCallback)).toBeUndefined();
    expect(perCallbackQueryChatId()(inlineCallback)).toBeUndefined();
    expect(perCallbackQueryChatId()(groupMsg)).toBeUndefined();
  });
});

describe('perCallbackQueryOrigin', () => {
  it('seeds callback queries by origin tuple', () => {
    expect(perCallbackQueryOrigin()(chatCallback)).toEqual([-5, 3]);
    expect(perCallbackQueryOrigin()(inlineCallback)).toEqual(['im1']);
    expect(perCallbackQueryOrigin(['inline'])(chatCallback)).toBeUndefined();
    expect(perCallbackQueryOrigin(['chat'])(inlineCallback)).toBeUndefined();
    expect(perCallbackQueryOrigin()(privateMsg)).toBeUndefined();
  });
});

describe('perInvoicePayload', () => {
  it('seeds shipping, pre-checkout queries and successful payments by payload', () => {
    expect(perInvoicePayload()(shipping)).toBe('order-1');
    expect(perInvoicePayload()(checkout)).toBe('order-2');
    expect(perInvoicePayload()(paid)).toBe('order-3');
    expect(perInvoicePayload()(privateMsg)).toBeUndefined();
    expect(perInvoicePayload()(event)).toBeUndefined();
  });
});

describe('chain', () => {
  it('returns the first seed that is not undefined', () => {
    const seeder = chain(perChatId(), perCallbackQueryChatId(), perEventSourceId(2));
    expect(seeder(privateMsg)).toBe(10);
    expect(seeder(chatCallback)).toBe(-5);
    expect(seeder(event)).toBe(10);
    expect(seeder(inlineQuery)).toBeUndefined();
  });
});

describe('until', () => {
  it('returns the first seed that satisfies the condition', () => {
    const seeder = until((s) => typeof s === 'number' && s > 10, [perChatId(), perFromId()]);
    expect(seeder(groupMsg)).toBe(11);
    expect(seeder(privateMsg)).toBeUndefined();
  });
});
