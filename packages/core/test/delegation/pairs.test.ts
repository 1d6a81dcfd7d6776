import { describe, expect, it } from 'vitest';
import type { DelegateLogic, SeedTuple } from '../../src/delegation/Delegate.js';
import { createOpen } from '../../src/delegation/delegators.js';
import { DelegationSetupError } from '../../src/delegation/errors.js';
import {
  delegate,
  includeCallbackQueryChatId,
  interceptCallbackQueryOrigin,
  pair,
  paveEventSpace,
} from '../../src/delegation/pairs.js';
import { perChatId } from '../../src/delegation/seeders.js';
import type { Incoming } from '../../src/Incoming.js';

const inc = (flavor: string, msg: unknown): Incoming =>
  ({ flavor, kind: flavor, msg, update: undefined }) as unknown as Incoming;
const chat = inc('chat', { chat: { id: 10, type: 'private' } });
const callback = inc('callback_query', {
  id: 'q',
  message: { message_id: 4, chat: { id: 10, type: 'private' } },
});

class Probe implements DelegateLogic {
  constructor(
    readonly tuple: SeedTuple,
    readonly options: Record<string, unknown> = {},
  ) {}
  onMessage(): void {}
}

const tuple = {} as SeedTuple;
const build = (delegator: (t: SeedTuple) => DelegateLogic): Probe => delegator(tuple) as Probe;

describe('pair', () => {
  it('chains a list of seeders and builds the delegator from the factory and arguments', () => {
    const [seeder, delegator] = pair([() => undefined, perChatId()], createOpen, Probe, {
      timeout: 3,
    });
    expect(seeder(chat)).toBe(10);
    expect(build(delegator).options).toEqual({ timeout: 3 });
  });

  it('fails early on a missing seeder', () => {
    expect(() => pair([], createOpen, Probe)).toThrow(DelegationSetupError);
  });
});

describe('paveEventSpace', () => {
  it('allocates a new space per call, adds its event seeder and passes eventSpace', () => {
    const [seederA, delegatorA] = paveEventSpace()(perChatId(), createOpen, Probe, { timeout: 10 });
    const [, delegatorB] = paveEventSpace()(perChatId(), createOpen, Probe);
    const a = build(delegatorA).options;
    const b = build(delegatorB).options;
    expect(a['timeout']).toBe(10);
    expect(typeof a['eventSpace']).toBe('number');
    expect(b['eventSpace']).toBe((a['eventSpace'] as number) + 1);
    expect(seederA(inc('_alarm', { source: { space: a['eventSpace'], id: 42 } }))).toBe(42);
    expect(seederA(inc('_alarm', { source: { space: b['eventSpace'], id: 42 } }))).toBeUndefined();
  });
});

describe('includeCallbackQueryChatId', () => {
  it('routes callback queries on a chat to the chat seed and sets includeCallbackQuery', () => {
    const [seeder, delegator] = includeCallbackQueryChatId(paveEventSpace())(
      perChatId(),
      createOpen,
      Probe,
      {
        timeout: 5,
      },
    );
    expect(seeder(callback)).toBe(10);
    const options = build(delegator).options;
    expect(options['includeCallbackQuery']).toBe(true);
    expect(options['timeout']).toBe(5);
    expect(typeof options['eventSpace']).toBe('number');
  });
});

describe('interceptCallbackQueryOrigin', () => {
  it('routes callback queries on recorded origins to their owner', () => {
    const [seeder, delegator] = interceptCallbackQueryOrigin()(perChatId(), createOpen, Probe);
    const map = build(delegator).options['interceptCallbackQuery'] as {
      capture(origin: readonly [number, number], owner: number): void;
    };
    expect(seeder(callback)).toBeUndefined();
    map.capture([10, 4], 77);
    expect(seeder(callback)).toBe(77);
  });
});

describe('delegate', () => {
  it('is paveEventSpace()(seeder, createOpen, cls, options)', () => {
    const [seeder, delegator] = delegate(perChatId(), Probe, { timeout: 10 });
    expect(seeder(chat)).toBe(10);
    const options = build(delegator).options;
    expect(options['timeout']).toBe(10);
    expect(typeof options['eventSpace']).toBe('number');
  });
});
