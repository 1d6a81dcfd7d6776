import type { Message } from '@delegram/api';
import type {
  CallbackAnswer,
  InlineQueryResults,
  MethodImpl,
  OutgoingMessage,
  SimChat,
  SimUser,
} from '@delegram/emulator';
import { METHODS, UNSUPPORTED_METHODS } from '@delegram/emulator';
import { describe, expectTypeOf, it } from 'vitest';

describe('control API types', () => {
  it('resolves the Bot API types a test expects', () => {
    expectTypeOf<SimChat['nextBotMessage']>().returns.toEqualTypeOf<Promise<Message>>();
    expectTypeOf<SimChat['history']>().returns.toEqualTypeOf<Message[]>();
    expectTypeOf<SimUser['sendMessage']>().returns.toEqualTypeOf<Promise<Message>>();
    expectTypeOf<SimUser['pressButton']>().returns.toEqualTypeOf<
      Promise<CallbackAnswer | undefined>
    >();
    expectTypeOf<SimUser['inlineQuery']>().returns.toEqualTypeOf<Promise<InlineQueryResults>>();
    expectTypeOf<InlineQueryResults['choose']>().returns.toEqualTypeOf<Promise<Message>>();
  });

  it('takes text or a message object, and only a SimChat as the target', () => {
    expectTypeOf<SimUser['sendMessage']>().parameter(1).toEqualTypeOf<string | OutgoingMessage>();
    expectTypeOf<SimUser['sendMessage']>().parameter(0).toEqualTypeOf<SimChat>();
  });

  it('keys the registry by name and lists unsupported methods as strings', () => {
    expectTypeOf(METHODS).toEqualTypeOf<Readonly<Record<string, MethodImpl>>>();
    expectTypeOf(UNSUPPORTED_METHODS).toEqualTypeOf<readonly string[]>();
  });
});
