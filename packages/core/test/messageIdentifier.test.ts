import { describe, expect, it } from 'vitest';
import { NoIdentifierError } from '../src/errors.js';
import { messageIdentifier, originIdentifier } from '../src/messageIdentifier.js';
import { callbackQuery, textMessage } from './support/updates.js';

const from = { id: 7, is_bot: false, first_name: 'Bob' };

describe('messageIdentifier', () => {
  it('gives [chatId, messageId] for a chat message', () => {
    expect(messageIdentifier(textMessage('x', 11, -100))).toEqual([-100, 11]);
  });

  it('gives [inlineMessageId] for a chosen inline result', () => {
    expect(
      messageIdentifier({ result_id: 'r', from, query: 'q', inline_message_id: 'im1' }),
    ).toEqual(['im1']);
  });

  it('refuses a chosen inline result without an inline message', () => {
    expect(() => messageIdentifier({ result_id: 'r', from, query: 'q' })).toThrow(
      NoIdentifierError,
    );
  });
});

describe('originIdentifier', () => {
  it("gives the origin message's [chatId, messageId]", () => {
    expect(originIdentifier(callbackQuery('x', textMessage('m', 8, 42)))).toEqual([42, 8]);
  });

  it('gives [inlineMessageId] for a query from an inline message', () => {
    const { message: _m, ...rest } = callbackQuery('x');
    expect(originIdentifier({ ...rest, inline_message_id: 'im2' })).toEqual(['im2']);
  });

  it('refuses a query with neither', () => {
    const { message: _m, ...rest } = callbackQuery('x');
    expect(() => originIdentifier(rest)).toThrow(
      /chat\.id and message_id, or with inline_message_id/,
    );
  });
});
