import { UPDATE_KINDS } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { BadFlavorError } from '../src/errors.js';
import { CHAT_KINDS, flavor, isEventFlavor, isKnownKind, updateKind } from '../src/flavor.js';
import { callbackQuery, textMessage, update } from './support/updates.js';

describe('flavor', () => {
  it('gives chat for the four kinds that carry a chat message', () => {
    for (const kind of CHAT_KINDS) expect(flavor(update(kind, textMessage()))).toBe('chat');
  });

  it("gives telepot's flavors for its other update kinds", () => {
    expect(flavor(update('callback_query', callbackQuery()))).toBe('callback_query');
    for (const kind of [
      'inline_query',
      'chosen_inline_result',
      'shipping_query',
      'pre_checkout_query',
    ]) {
      expect(flavor(update(kind, { id: 'x' }))).toBe(kind);
    }
  });

  it('gives every other update kind of the Bot API its own name', () => {
    const others = UPDATE_KINDS.filter((k) => !(CHAT_KINDS as readonly string[]).includes(k));
    expect(others).toEqual(
      expect.arrayContaining([
        'poll',
        'poll_answer',
        'my_chat_member',
        'chat_member',
        'chat_join_request',
        'message_reaction',
        'message_reaction_count',
        'chat_boost',
        'removed_chat_boost',
        'business_connection',
        'business_message',
        'edited_business_message',
        'deleted_business_messages',
        'purchased_paid_media',
      ]),
    );
    for (const kind of others) expect(flavor(update(kind, {}))).toBe(kind);
  });

  it('classifies by the top-level key, not by the payload (a message with a poll stays chat)', () => {
    const withPoll = { ...textMessage(), poll: { id: 'p' } } as never;
    expect(flavor(update('message', withPoll))).toBe('chat');
    expect(flavor(update('poll', { id: 'p', message_id: 3 }))).toBe('poll');
  });

  it('gives unknown for a kind it has never heard of, and for an empty update', () => {
    expect(flavor({ update_id: 5, hologram: { id: 1 } })).toBe('unknown');
    expect(flavor({ update_id: 5 })).toBe('unknown');
    expect(flavor({})).toBe('unknown');
  });

  it("gives an event's key as its flavor", () => {
    expect(flavor({ _idle: { seconds: 10 } })).toBe('_idle');
    expect(isEventFlavor(flavor({ _alarm: {} }))).toBe(true);
    expect(isEventFlavor('chat')).toBe(false);
  });

  it('refuses a bare payload with a message that says what to do instead', () => {
    expect(() => flavor(textMessage())).toThrow(BadFlavorError);
    expect(() => flavor(textMessage())).toThrow(/incoming\.flavor/);
    expect(() => flavor(null as never)).toThrow(BadFlavorError);
    expect(() => flavor([] as never)).toThrow(BadFlavorError);
  });
});

describe('updateKind', () => {
  it('returns the kind key, known or not', () => {
    expect(updateKind(update('edited_channel_post', textMessage()))).toBe('edited_channel_post');
    expect(updateKind({ update_id: 1, hologram: {} })).toBe('hologram');
    expect(updateKind({ update_id: 1 })).toBeUndefined();
  });

  it('knows exactly the generated update kinds', () => {
    expect(UPDATE_KINDS.every(isKnownKind)).toBe(true);
    expect(isKnownKind('hologram')).toBe(false);
    expect(isKnownKind('update_id')).toBe(false);
  });
});
