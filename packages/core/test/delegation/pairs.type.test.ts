import { OptionsError } from '@delegram/api';
import type { CallbackQuery, Message } from '@delegram/api';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CloseReason, DelegationPattern, Delegator } from '../../src/delegation/Delegate.js';
import { call, createOpen, createRun } from '../../src/delegation/delegators.js';
import { delegate, pair, paveEventSpace } from '../../src/delegation/pairs.js';
import type { oneShot, Seed, Seeder } from '../../src/delegation/Seed.js';
import { perChatId } from '../../src/delegation/seeders.js';
import { ChatHandler } from '../../src/handlers/ChatHandler.js';
import type { IncomingOf } from '../../src/Incoming.js';

class Counter extends ChatHandler {}

describe('delegation types', () => {
  it('types seeders and seeds', () => {
    expectTypeOf(perChatId()).toEqualTypeOf<Seeder>();
    expectTypeOf<Seed>().toEqualTypeOf<
      undefined | string | number | readonly (string | number)[] | typeof oneShot
    >();
  });

  it('checks the arguments of delegator factories against the handler constructor', () => {
    expectTypeOf(createOpen(Counter, { timeout: 10 })).toEqualTypeOf<Delegator>();
    expectTypeOf(
      delegate(perChatId(), Counter, { timeout: 10 }),
    ).toEqualTypeOf<DelegationPattern>();
    expectTypeOf(
      paveEventSpace()(perChatId(), createOpen, Counter, { timeout: 10 }),
    ).toEqualTypeOf<DelegationPattern>();
    expectTypeOf(pair(perChatId(), call, async () => {})).toEqualTypeOf<DelegationPattern>();
    // refused by the types, and at runtime for JavaScript callers
    // @ts-expect-error timeout is a number of seconds
    expect(() => createOpen(Counter, { timeout: '10' })).toThrow(OptionsError);
    // @ts-expect-error options of the handler only
    expect(() => delegate(perChatId(), Counter, { timout: 10 })).toThrow(/did you mean 'timeout'/);
    // @ts-expect-error createRun needs a class with run()
    createRun(Counter);
  });

  it('types the hooks of handler classes by flavor', () => {
    expectTypeOf<Parameters<NonNullable<Counter['onChatMessage']>>>().toEqualTypeOf<
      [Message, IncomingOf<'chat'>]
    >();
    expectTypeOf<
      Parameters<NonNullable<Counter['onCallbackQuery']>>[0]
    >().toEqualTypeOf<CallbackQuery>();
    expectTypeOf<Parameters<Counter['onClose']>[0]>().toEqualTypeOf<CloseReason>();
  });

  it('makes close reasons a discriminated union', () => {
    const describeReason = (r: CloseReason): string =>
      r.reason === 'error' ? String(r.error) : r.reason === 'idle' ? `${r.seconds}s` : r.reason;
    expectTypeOf(describeReason).returns.toEqualTypeOf<string>();
  });
});
