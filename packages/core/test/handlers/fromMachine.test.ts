import { afterEach, describe, expect, it } from 'vitest';
import { assign, fromPromise, setup } from 'xstate';
import type { Snapshot } from 'xstate';
import type { ErrorInfo } from '../../src/BotEvents.js';
import type { CloseReason } from '../../src/delegation/Delegate.js';
import { perChatId } from '../../src/delegation/seeders.js';
import { fromMachine } from '../../src/handlers/fromMachine.js';
import type { MachineDelegateInput, UpdateEvent } from '../../src/handlers/fromMachine.js';
import type { Sender } from '../../src/proxies/Sender.js';
import { chatMsg, makeRuntime } from '../delegation/support.js';
import { stubApi } from '../support/stubApi.js';

const replies: string[] = [];

const counter = setup({
  types: {
    input: {} as MachineDelegateInput,
    context: {} as { count: number; chatId: number },
    events: {} as UpdateEvent,
  },
  actors: {
    slowReply: fromPromise(async ({ input }: { input: { text: string } }) => {
      await Promise.resolve();
      replies.push(input.text);
    }),
  },
}).createMachine({
  context: ({ input }) => ({ count: 0, chatId: input.seed as number }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        chat: [
          {
            guard: ({ event }) => (event.msg as { text?: string }).text === 'stop',
            target: 'done',
          },
          { target: 'replying', actions: assign({ count: ({ context }) => context.count + 1 }) },
        ],
      },
    },
    replying: {
      tags: ['busy'],
      invoke: {
        src: 'slowReply',
        input: ({ context }) => ({ text: `${context.chatId}:${context.count}` }),
        onDone: 'idle',
      },
    },
    done: { type: 'final' },
  },
});

describe('fromMachine', () => {
  it('runs one actor per chat, waits for busy states, closes on a final state and persists', async () => {
    replies.length = 0;
    const saved = new Map<unknown, [Snapshot<unknown>, CloseReason]>();
    const { runtime } = makeRuntime([
      [
        perChatId(),
        fromMachine(counter, {
          persist: (seed, snapshot, reason) => void saved.set(seed, [snapshot, reason]),
          restore: (seed) => saved.get(seed)?.[0],
        }),
      ],
    ]);
    await Promise.all([
      runtime.dispatch(chatMsg(1)),
      runtime.dispatch(chatMsg(2)),
      runtime.dispatch(chatMsg(1)),
    ]);
    expect(replies).toEqual(['1:1', '2:1', '1:2']);
    await runtime.dispatch(chatMsg(1, 'stop'));
    expect(runtime.size).toBe(1);
    const [snapshot, reason] = saved.get(1)!;
    expect(reason).toEqual({ reason: 'closed' });
    expect((snapshot as unknown as { context: { count: number } }).context.count).toBe(2);
  });

  it('restores an actor from a persisted snapshot', async () => {
    replies.length = 0;
    const persisted = counter.resolveState({ value: 'idle', context: { count: 41, chatId: 7 } });
    const { runtime } = makeRuntime([
      [
        perChatId(),
        fromMachine(counter, { restore: () => persisted as unknown as Snapshot<unknown> }),
      ],
    ]);
    await runtime.dispatch(chatMsg(7));
    expect(replies).toEqual(['7:42']);
  });

  it('gives the machine a sender bound to the chat in its input', async () => {
    const { api, calls } = stubApi();
    const echo = setup({
      types: {
        input: {} as MachineDelegateInput,
        context: {} as { sender: Sender },
        events: {} as UpdateEvent,
      },
      actions: {
        reply: ({ context, event }) =>
          void context.sender.sendMessage(`echo ${String((event.msg as { text?: string }).text)}`),
      },
    }).createMachine({
      context: ({ input }) => ({ sender: input.sender! }),
      on: { chat: { actions: 'reply' } },
    });
    const { runtime } = makeRuntime([[perChatId(), fromMachine(echo)]], { api });
    await runtime.dispatch(chatMsg(12, 'hey'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.map((c) => c.payload)).toEqual([{ chat_id: 12, text: 'echo hey' }]);
  });

  describe('actor errors', () => {
    // xstate throws an unobserved actor's error from a timer: in a bot, an uncaught exception.
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => void uncaught.push(error);
    const settleTimers = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));
    afterEach(() => {
      process.off('uncaughtException', onUncaught);
      uncaught.length = 0;
    });

    it('an action that throws on a message is reported and closes the delegate, nothing is thrown globally', async () => {
      process.on('uncaughtException', onUncaught);
      const failing = setup({ types: { events: {} as UpdateEvent } }).createMachine({
        on: {
          chat: {
            actions: () => {
              throw new Error('boom');
            },
          },
        },
      });
      const closed: CloseReason[] = [];
      const { runtime, errors } = makeRuntime([
        [
          perChatId(),
          fromMachine(failing, { persist: (_seed, _snap, reason) => closed.push(reason) }),
        ],
      ]);
      await runtime.dispatch(chatMsg(1));
      await settleTimers();
      expect(uncaught).toEqual([]);
      expect(errors.map(([error, info]) => [(error as Error).message, info.source])).toEqual([
        ['boom', 'delegate'],
      ]);
      expect(closed.map((reason) => reason.reason)).toEqual(['error']);
      expect(runtime.size).toBe(0);
    });

    it('an error after a delayed transition, while idle, is reported and closes the delegate', async () => {
      process.on('uncaughtException', onUncaught);
      const reported: [unknown, ErrorInfo][] = [];
      const failingLater = setup({ types: { events: {} as UpdateEvent } }).createMachine({
        initial: 'waiting',
        states: {
          waiting: {
            after: {
              1000: {
                actions: () => {
                  throw new Error('late boom');
                },
              },
            },
          },
        },
      });
      const { runtime, clock } = makeRuntime([[perChatId(), fromMachine(failingLater)]], {
        reportError: (error: unknown, info: ErrorInfo) => reported.push([error, info]),
      });
      await runtime.dispatch(chatMsg(3));
      expect(runtime.size).toBe(1);
      await clock.advance(1000);
      await settleTimers();
      expect(uncaught).toEqual([]);
      expect(
        reported.map(([error, info]) => [(error as Error).message, info.source, info.seed]),
      ).toEqual([['late boom', 'delegate', 3]]);
      expect(runtime.size).toBe(0);
    });

    it('a machine that fails as it starts creates no delegate', async () => {
      process.on('uncaughtException', onUncaught);
      const failingAtStart = setup({ types: { events: {} as UpdateEvent } }).createMachine({
        entry: () => {
          throw new Error('start boom');
        },
      });
      const { runtime, errors } = makeRuntime([[perChatId(), fromMachine(failingAtStart)]]);
      await runtime.dispatch(chatMsg(4));
      await settleTimers();
      expect(uncaught).toEqual([]);
      expect(
        errors.map(([error, info]) => [(error as Error).message, info.source, info.seed]),
      ).toEqual([['start boom', 'delegate', 4]]);
      expect(runtime.size).toBe(0);
    });
  });
});
