import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/Bot.js';
import { deleteWebhook, generateSecretToken, setWebhook } from '../../src/webhook/setWebhook.js';

describe('setWebhook', () => {
  it('sends snake_case parameters', async () => {
    const calls: unknown[] = [];
    const bot = new Bot({
      call: (m: string, p: unknown) => (calls.push([m, p]), Promise.resolve(true)),
    } as never);
    await setWebhook(bot, 'https://example.com/tg', {
      secretToken: 'abc_DEF-1',
      allowedUpdates: ['message', 'callback_query'],
      dropPendingUpdates: true,
      maxConnections: 10,
    });
    await deleteWebhook(bot, { dropPendingUpdates: true });
    expect(calls).toEqual([
      [
        'setWebhook',
        {
          url: 'https://example.com/tg',
          secret_token: 'abc_DEF-1',
          allowed_updates: ['message', 'callback_query'],
          drop_pending_updates: true,
          max_connections: 10,
        },
      ],
      ['deleteWebhook', { drop_pending_updates: true }],
    ]);
  });

  it('refuses a secret Telegram would refuse, before calling', async () => {
    const bot = new Bot({ call: () => Promise.resolve(true) } as never);
    await expect(setWebhook(bot, 'https://x', { secretToken: 'has space' })).rejects.toThrow(
      /generateSecretToken/,
    );
  });
});

describe('generateSecretToken', () => {
  it('makes distinct secrets of allowed characters', () => {
    const a = generateSecretToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateSecretToken()).not.toBe(a);
  });
});
