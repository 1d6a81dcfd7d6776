import { ManualClock, OptionsError } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { Answerer } from '../src/Answerer.js';
import { Bot } from '../src/Bot.js';
import { DelegatorBot } from '../src/DelegatorBot.js';
import { MessageLoop } from '../src/MessageLoop.js';
import { stopOnSignals } from '../src/signals.js';
import { fetchWebhookHandler } from '../src/webhook/fetchWebhookHandler.js';
import { nodeWebhookHandler } from '../src/webhook/nodeWebhookHandler.js';
import { OrderedWebhook } from '../src/webhook/OrderedWebhook.js';
import { Orderer } from '../src/webhook/Orderer.js';
import { setWebhook } from '../src/webhook/setWebhook.js';
import { WebhookServer } from '../src/webhook/WebhookServer.js';
import { FakeTelegram } from './support/FakeTelegram.js';
import { thrown } from './support/thrownOptionsError.js';

const bot = new Bot(new FakeTelegram().asApi(), { clock: new ManualClock() });

describe('MessageLoop routing table and options', () => {
  it('refuses an empty routing table instead of leaving every update unhandled', () => {
    const error = thrown(() => new MessageLoop(bot, {}));
    expect(error.message).toMatch(/routing table/);
    expect(error.message).toContain('new MessageLoop(bot, undefined, options)');
  });

  it('refuses a misspelt flavor, suggesting the right one', () => {
    const error = thrown(() => new MessageLoop(bot, { chatt: () => undefined } as never));
    expect(error).toMatchObject({ key: 'chatt', suggestion: 'chat' });
    expect(thrown(() => new MessageLoop(bot, { callback_querry: () => 1 } as never))).toMatchObject(
      { suggestion: 'callback_query' },
    );
  });

  it('says so when options were given in place of the handler', () => {
    const error = thrown(() => new MessageLoop(bot, { timeout: 5 } as never));
    expect(error.key).toBe('timeout');
    expect(error.message).toContain('is an option, not a flavor');
  });

  it('accepts flavors, event flavors and unknown, and refuses an entry that is not a function', () => {
    expect(
      () =>
        new MessageLoop(bot, { chat: () => 1, _tick: () => 1, unknown: () => 1, poll: () => 1 }),
    ).not.toThrow();
    expect(thrown(() => new MessageLoop(bot, { chat: 'reply' } as never)).key).toBe('chat');
  });

  it('refuses misspelt or mistyped options, also inside backoff', () => {
    expect(thrown(() => new MessageLoop(bot, undefined, { timout: 5 } as never)).suggestion).toBe(
      'timeout',
    );
    expect(thrown(() => new MessageLoop(bot, undefined, { limit: '5' } as never)).key).toBe(
      'limit',
    );
    expect(
      thrown(() => new MessageLoop(bot, undefined, { backoff: { initalMs: 5 } } as never))
        .suggestion,
    ).toBe('initialMs');
    expect(thrown(() => new MessageLoop(bot, undefined, null as never)).key).toBe('');
  });
});

describe('every public constructor and factory', () => {
  const cases: [string, () => unknown, string, string | undefined][] = [
    [
      'new Bot',
      () => new Bot(new FakeTelegram().asApi(), { clok: new ManualClock() } as never),
      'clok',
      'clock',
    ],
    [
      'new DelegatorBot',
      () => new DelegatorBot(new FakeTelegram().asApi(), [], { Api: {} } as never),
      'Api',
      'api',
    ],
    [
      'nodeWebhookHandler',
      () => nodeWebhookHandler(bot, { secret: 'x' } as never),
      'secret',
      'secretToken',
    ],
    [
      'fetchWebhookHandler',
      () => fetchWebhookHandler(bot, { maxBodyByte: 5 } as never),
      'maxBodyByte',
      'maxBodyBytes',
    ],
    [
      'fetchWebhookHandler handler',
      () => fetchWebhookHandler(bot, { handler: { chats: () => 1 } } as never),
      'chats',
      'chat',
    ],
    ['new WebhookServer', () => new WebhookServer(bot, { pth: '/x' } as never), 'pth', 'path'],
    [
      'new OrderedWebhook',
      () => new OrderedWebhook(bot, undefined, { maxHoldMs: 5 } as never),
      'maxHoldMs',
      'maxholdMs',
    ],
    [
      'new Orderer',
      () => new Orderer(() => undefined, { clock: new ManualClock(), maxhold: 1 } as never),
      'maxhold',
      'maxholdMs',
    ],
    [
      'stopOnSignals',
      () => stopOnSignals({ stop: () => Promise.resolve() }, { signal: ['SIGINT'] } as never),
      'signal',
      'signals',
    ],
    ['new Answerer', () => new Answerer(bot, { debounce: 5 } as never), 'debounce', 'debounceMs'],
  ];
  it.each(cases)(
    '%s names the unknown key and suggests the right one',
    (_name, run, key, suggestion) => {
      expect(thrown(run)).toMatchObject({ key, suggestion });
    },
  );

  it('setWebhook refuses a misspelt option before calling Telegram', async () => {
    await expect(
      setWebhook(bot, 'https://example.com/tg', { secret_token: 'x' } as never),
    ).rejects.toBeInstanceOf(OptionsError);
  });
});
