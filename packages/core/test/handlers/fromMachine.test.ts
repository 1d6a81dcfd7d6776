import { describe, expect, it } from 'vitest';
import { assign, fromPromise, setup } from 'xstate';
import type { Snapshot } from 'xstate';
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
});
