import { TYPE_SPECS } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { findMissingField, pickAlternative } from '../../src/server/findMissingField.js';

const MARKUPS = [
  'InlineKeyboardMarkup',
  'ReplyKeyboardMarkup',
  'ReplyKeyboardRemove',
  'ForceReply',
];

describe('findMissingField', () => {
  it('finds a required field missing deep inside arrays of objects', () => {
    const markup = {
      inline_keyboard: [[{ text: 'a', callback_data: 'a' }, { callback_data: 'b' }]],
    };
    expect(findMissingField(markup, 'InlineKeyboardMarkup', TYPE_SPECS, 'reply_markup')).toBe(
      'reply_markup.inline_keyboard[0][1].text',
    );
  });

  it('accepts a complete value and ignores unknown fields and scalar types', () => {
    const entities = [{ type: 'bold', offset: '0', length: 3, extra: true }];
    expect(
      findMissingField(entities, 'Array of MessageEntity', TYPE_SPECS, 'entities'),
    ).toBeUndefined();
  });

  it('does not descend into union types', () => {
    expect(findMissingField({}, 'InlineQueryResult', TYPE_SPECS, 'r')).toBeUndefined();
  });
});

describe('pickAlternative', () => {
  it('picks the reply markup kind whose required fields are present', () => {
    expect(pickAlternative({ keyboard: [[{ text: 'x' }]] }, MARKUPS, TYPE_SPECS)).toBe(
      'ReplyKeyboardMarkup',
    );
    expect(pickAlternative({ force_reply: true }, MARKUPS, TYPE_SPECS)).toBe('ForceReply');
    expect(pickAlternative({}, MARKUPS, TYPE_SPECS)).toBeUndefined();
  });
});
