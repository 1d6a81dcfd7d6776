import { autoRetry, InputFile, ManualClock, OptionsError } from '@delegram/api';
import { Api } from '@delegram/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Emulator, FloodControl } from '@delegram/emulator';
import { createMachine } from 'xstate';
import { Answerer } from '../src/Answerer.js';
import { createOpen } from '../src/delegation/delegators.js';
import { ChatHandler } from '../src/handlers/ChatHandler.js';
import { fromMachine } from '../src/handlers/fromMachine.js';
import { UserHandler } from '../src/handlers/UserHandler.js';
import { command, regexp } from '../src/routing/filters.js';
import { byChatCommand } from '../src/routing/keyFunctions.js';
import { Bot } from '../src/Bot.js';
import { MessageLoop } from '../src/MessageLoop.js';
import { stopOnSignals } from '../src/signals.js';
import { fetchWebhookHandler } from '../src/webhook/fetchWebhookHandler.js';
import { nodeWebhookHandler } from '../src/webhook/nodeWebhookHandler.js';
import { OrderedWebhook } from '../src/webhook/OrderedWebhook.js';
import { WebhookServer } from '../src/webhook/WebhookServer.js';
import { anyJson, fuzzParams } from '../../api/test/support/fuzz.js';
import { FakeTelegram } from './support/FakeTelegram.js';

class Counter extends ChatHandler {}
const machine = createMachine({ id: 'm', initial: 'a', states: { a: {} } });
const HANDLER_KEYS = [
  'timeout',
  'eventSpace',
  'onError',
  'includeCallbackQuery',
  'interceptCallbackQuery',
  'state',
];

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
  ['handler (createOpen)', (o) => createOpen(Counter, o as never), HANDLER_KEYS],
  ['UserHandler', (o) => createOpen(UserHandler, o as never), [...HANDLER_KEYS, 'flavors']],
  [
    'fromMachine',
    (o) => fromMachine(machine, o as never),
    ['timeout', 'onError', 'input', 'state', 'restore', 'persist'],
  ],
  [
    'command',
    (o) => command('start', o as never),
    ['botUsername', 'prefix', 'ignoreCase', 'deepLink'],
  ],
  ['regexp', (o) => regexp('x', o as never), ['field']],
  [
    'byCommand',
    (o) => byChatCommand(o as never),
    ['prefix', 'separator', 'passArgs', 'botUsername'],
  ],
  ['InputFile', (o) => new InputFile(Buffer.from('x'), o as never), ['filename', 'contentType']],
  [
    'Emulator',
    (o) => new Emulator(o as never),
    [
      'clock',
      'floodControl',
      'inlineQueryTtlMs',
      'callbackQueryTtlMs',
      'paymentQueryTtlMs',
      'faultSeed',
      'firstUpdateId',
      'extraRoutes',
      'controlRoutes',
    ],
  ],
  [
    'FloodControl',
    (o) => new FloodControl(o as never),
    ['enabled', 'perChatPerSecond', 'perChatBurst', 'perGroupPerMinute', 'perBotPerSecond'],
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
