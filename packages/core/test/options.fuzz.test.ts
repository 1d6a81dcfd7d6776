import { autoRetry, ManualClock, OptionsError } from '@delegram/api';
import { Api } from '@delegram/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Answerer } from '../src/Answerer.js';
import { Bot } from '../src/Bot.js';
import { MessageLoop } from '../src/MessageLoop.js';
import { stopOnSignals } from '../src/signals.js';
import { fetchWebhookHandler } from '../src/webhook/fetchWebhookHandler.js';
import { nodeWebhookHandler } from '../src/webhook/nodeWebhookHandler.js';
import { OrderedWebhook } from '../src/webhook/OrderedWebhook.js';
import { WebhookServer } from '../src/webhook/WebhookServer.js';
import { anyJson, fuzzParams } from '../../api/test/support/fuzz.js';
import { FakeTelegram } from './support/FakeTelegram.js';

const TOKEN = '123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const bot = new Bot(new FakeTelegram().asApi(), { clock: new ManualClock() });

/** Every public constructor or factory taking an options object, and its valid keys. */
const owners: [string, (options: unknown) => unknown, readonly string[]][] = [
  [
    'Api',
    (o) => new Api(TOKEN, o as never),
    ['apiRoot', 'testEnvironment', 'timeoutMs', 'uploadTimeoutMs', 'fetch', 'agent', 'clock'],
  ],
  [
    'autoRetry',
    (o) => autoRetry(o as never),
    ['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'retryTransient', 'random'],
  ],
  ['Bot', (o) => new Bot(new FakeTelegram().asApi(), o as never), ['clock', 'api']],
  [
    'MessageLoop',
    (o) => new MessageLoop(bot, undefined, o as never),
    [
      'timeout',
      'limit',
      'allowedUpdates',
      'concurrency',
      'confirm',
      'maxInFlight',
      'sequentialize',
      'dropPendingUpdates',
      'deleteWebhook',
      'stopTimeoutMs',
      'repollMs',
      'backoff',
      'signal',
    ],
  ],
  [
    'MessageLoop table',
    (o) => new MessageLoop(bot, o as never),
    ['chat', 'callback_query', 'inline_query', 'poll', 'unknown', '_tick'],
  ],
  [
    'nodeWebhookHandler',
    (o) => nodeWebhookHandler(bot, o as never),
    ['handler', 'secretToken', 'maxBodyBytes', 'wait', 'waitTimeoutMs'],
  ],
  [
    'fetchWebhookHandler',
    (o) => fetchWebhookHandler(bot, o as never),
    ['handler', 'secretToken', 'maxBodyBytes', 'wait', 'waitTimeoutMs'],
  ],
  [
    'WebhookServer',
    (o) => new WebhookServer(bot, o as never),
    ['handler', 'secretToken', 'maxBodyBytes', 'wait', 'waitTimeoutMs', 'path', 'port', 'host'],
  ],
  ['OrderedWebhook', (o) => new OrderedWebhook(bot, undefined, o as never), ['maxholdMs']],
  [
    'Answerer',
    (o) => new Answerer(bot, o as never),
    ['debounceMs', 'timeoutMs', 'defaults', 'onError', 'clock'],
  ],
  [
    'stopOnSignals',
    (o) =>
      stopOnSignals(
        { stop: () => Promise.resolve() },
        { ...(o as object), source: { on: () => 1, off: () => 1 } },
      )(),
    ['signals', 'source', 'onError'],
  ],
];

describe('options of every public constructor (property)', () => {
  it.each(owners)(
    '%s: an unknown key is an OptionsError naming it; anything else is accepted or a typed refusal',
    (_name, make, valid) => {
      const key = fc.oneof(fc.constantFrom(...valid), fc.string({ minLength: 1, maxLength: 14 }));
      const value = fc.oneof(anyJson(), fc.constant(undefined), fc.func(fc.anything()));
      fc.assert(
        fc.property(fc.dictionary(key, value, { maxKeys: 4 }), (options) => {
          const unknown = Object.keys(options).filter(
            (k) => !valid.includes(k) && !(_name === 'MessageLoop table' && /^_./.test(k)),
          );
          let outcome: unknown;
          try {
            make(options);
          } catch (error) {
            outcome = error;
          }
          if (unknown.length > 0) {
            expect(outcome).toBeInstanceOf(OptionsError);
            // refused, naming the first wrong key (unknown, or of the wrong type before it)
            const keys = Object.keys(options);
            const named = keys.indexOf((outcome as OptionsError).key);
            expect(named).toBeGreaterThanOrEqual(0);
            expect(named).toBeLessThanOrEqual(keys.indexOf(unknown[0]!));
          } else if (outcome !== undefined) {
            // a wrong type or a value out of range: a typed error that says which option
            expect(outcome).toBeInstanceOf(Error);
            expect(['OptionsError', 'RangeError', 'TypeError']).toContain((outcome as Error).name);
          }
        }),
        fuzzParams(60),
      );
    },
  );
});
