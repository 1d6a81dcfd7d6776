import { describe, expect, it } from 'vitest';
import type { DelegateLogic } from '../../src/delegation/Delegate.js';
import { WaitTooLongError } from '../../src/delegation/errors.js';
import { perChatId } from '../../src/delegation/seeders.js';
import type { Incoming } from '../../src/Incoming.js';
import { chatMsg, makeRuntime } from './support.js';

const textOf = (incoming: Incoming): string => String((incoming.msg as { text?: string }).text);

describe('listener.wait(timeout)', () => {
  it("gives up with WaitTooLongError after the timeout on the bot's clock, and the delegate goes on", async () => {
    const got: string[] = [];
    const { runtime, clock, errors } = makeRuntime([
      [
        perChatId(),
        ({ delegate }): DelegateLogic => ({
          async onMessage(incoming) {
            got.push(textOf(incoming));
            if (textOf(incoming) !== 'quiz') return;
            try {
              got.push(`answer ${textOf(await delegate.listener.wait(30))}`);
            } catch (error) {
              if (!(error instanceof WaitTooLongError)) throw error;
              got.push(`too slow after ${error.seconds} s`);
            }
          },
        }),
      ],
    ]);
    await runtime.dispatch(chatMsg(1, 'quiz'));
    await clock.advance(29_999);
    expect(got).toEqual(['quiz']);
    await runtime.dispatch(chatMsg(1, '42')); // in time: the wait takes it
    await runtime.dispatch(chatMsg(1, 'quiz'));
    await clock.advance(30_000);
    expect(got).toEqual(['quiz', 'answer 42', 'quiz', 'too slow after 30 s']);
    await runtime.dispatch(chatMsg(1, 'late')); // after the timeout: an ordinary message
    expect(got.at(-1)).toBe('late');
    expect(errors).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('refuses a timeout that is not a number of seconds', async () => {
    let failure: unknown;
    const { runtime } = makeRuntime([
      [
        perChatId(),
        ({ delegate }): DelegateLogic => ({
          async onMessage() {
            failure = await delegate.listener.wait(-1).catch((e: unknown) => e);
          },
        }),
      ],
    ]);
    await runtime.dispatch(chatMsg(1));
    expect(failure).toBeInstanceOf(TypeError);
    expect(String(failure)).toMatch(/timeout must be a number of seconds/);
  });
});
