import { describe, expect, it } from 'vitest';

import { isRateLimitedMethod } from '../../src/flowControl/isRateLimitedMethod.js';

describe('isRateLimitedMethod', () => {
  it.each([
    'sendMessage',
    'sendPhoto',
    'sendMediaGroup',
    'sendPoll',
    'forwardMessage',
    'forwardMessages',
    'copyMessage',
    'copyMessages',
    'editMessageText',
    'editMessageReplyMarkup',
    'stopPoll',
    'SENDMESSAGE',
  ])('limits %s', (method) => {
    expect(isRateLimitedMethod(method)).toBe(true);
  });

  it.each([
    'sendChatAction',
    'answerCallbackQuery',
    'answerInlineQuery',
    'getMe',
    'getUpdates',
    'deleteMessage',
    'forwardMessagesX',
    'setMyCommands',
  ])('does not limit %s', (method) => {
    expect(isRateLimitedMethod(method)).toBe(false);
  });
});
