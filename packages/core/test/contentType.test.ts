import { describe, expect, it } from 'vitest';
import { CONTENT_TYPES, contentType } from '../src/contentType.js';
import { textMessage } from './support/updates.js';

const base = (): Record<string, unknown> => {
  const { text: _text, ...rest } = textMessage();
  return rest;
};
const msgWith = (fields: Record<string, unknown>): never => ({ ...base(), ...fields }) as never;

describe('contentType', () => {
  it('gives text for a text message', () => {
    expect(contentType(textMessage())).toBe('text');
  });

  it('prefers the newer, more specific key where Telegram sends both', () => {
    expect(contentType(msgWith({ document: {}, animation: {} }))).toBe('animation');
    expect(contentType(msgWith({ photo: [], live_photo: {} }))).toBe('live_photo');
    expect(contentType(msgWith({ location: {}, venue: {} }))).toBe('venue');
  });

  it("keeps telepot's order for its own keys", () => {
    expect(contentType(msgWith({ sticker: {}, video: {} }))).toBe('sticker');
    expect(contentType(msgWith({ invoice: {}, successful_payment: {} }))).toBe('invoice');
  });

  it('knows content types added after telepot', () => {
    expect(contentType(msgWith({ dice: { emoji: '🎲', value: 3 } }))).toBe('dice');
    expect(contentType(msgWith({ poll: { id: 'p' } }))).toBe('poll');
    expect(contentType(msgWith({ forum_topic_created: {} }))).toBe('forum_topic_created');
  });

  it('gives unknown instead of throwing for a message with no known content key', () => {
    expect(contentType(msgWith({ hologram: {} }))).toBe('unknown');
    expect(contentType(msgWith({}))).toBe('unknown');
  });

  it('lists each content type once', () => {
    expect(new Set(CONTENT_TYPES).size).toBe(CONTENT_TYPES.length);
  });
});
