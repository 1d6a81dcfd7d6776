import { describe, expect, it } from 'vitest';
import { UnsupportedFlavorError } from '../src/errors.js';
import { flance, glance, isGlanceFlavor } from '../src/glance.js';
import { toIncoming } from '../src/Incoming.js';
import { callbackQuery, gameQuery, textMessage, update } from './support/updates.js';

const from = { id: 7, is_bot: false, first_name: 'Bob' };

describe('glance', () => {
  it('gives [contentType, chatType, chatId] for a chat message, and date and id in long form', () => {
    const msg = textMessage('hi', 5, 42);
    expect(glance(msg)).toEqual(['text', 'private', 42]);
    expect(glance(msg, { flavor: 'chat', long: true })).toEqual([
      'text',
      'private',
      42,
      1_700_000_000,
      5,
    ]);
  });

  it('gives [queryId, fromId, data] for a callback query, data undefined for a game', () => {
    expect(glance(callbackQuery('yes'), { flavor: 'callback_query' })).toEqual(['cq1', 42, 'yes']);
    expect(glance(gameQuery(), { flavor: 'callback_query' })).toEqual(['cq1', 42, undefined]);
  });

  it('gives the inline query headline, with the offset in long form', () => {
    const q = { id: 'iq', from, query: 'cats', offset: '20' };
    expect(glance(q, { flavor: 'inline_query' })).toEqual(['iq', 7, 'cats']);
    expect(glance(q, { flavor: 'inline_query', long: true })).toEqual(['iq', 7, 'cats', '20']);
  });

  it('gives the chosen inline result and shipping query headlines', () => {
    const r = { result_id: 'r1', from, query: 'cats' };
    expect(glance(r, { flavor: 'chosen_inline_result' })).toEqual(['r1', 7, 'cats']);
    const s = {
      id: 'sq',
      from,
      invoice_payload: 'order-1',
      shipping_address: {
        country_code: 'DE',
        state: '',
        city: 'Berlin',
        street_line1: 'x',
        street_line2: '',
        post_code: '10115',
      },
    };
    expect(glance(s, { flavor: 'shipping_query' })).toEqual(['sq', 7, 'order-1']);
  });

  it('gives the pre-checkout headline, with currency and amount in long form', () => {
    const p = { id: 'pq', from, currency: 'EUR', total_amount: 1250, invoice_payload: 'order-1' };
    expect(glance(p, { flavor: 'pre_checkout_query' })).toEqual(['pq', 7, 'order-1']);
    expect(glance(p, { flavor: 'pre_checkout_query', long: true })).toEqual([
      'pq',
      7,
      'order-1',
      'EUR',
      1250,
    ]);
  });

  it('treats business messages like chat messages', () => {
    expect(glance(textMessage(), { flavor: 'business_message' })).toEqual(['text', 'private', 42]);
  });

  it('refuses a flavor it has no headline for', () => {
    expect(() => glance({} as never, { flavor: 'poll' as never })).toThrow(UnsupportedFlavorError);
    expect(isGlanceFlavor('poll')).toBe(false);
    expect(isGlanceFlavor('chat')).toBe(true);
  });
});

describe('flance', () => {
  it('returns the flavor with the headline, from an update or an incoming', () => {
    const u = update('callback_query', callbackQuery('no'));
    expect(flance(u)).toEqual(['callback_query', ['cq1', 42, 'no']]);
    expect(
      flance(toIncoming(update('edited_message', textMessage('x', 3))), { long: true }),
    ).toEqual(['chat', ['text', 'private', 42, 1_700_000_000, 3]]);
  });

  it('refuses an update without a headline', () => {
    expect(() => flance(update('poll', { id: 'p' }))).toThrow(/no headline for flavor 'poll'/);
  });
});
