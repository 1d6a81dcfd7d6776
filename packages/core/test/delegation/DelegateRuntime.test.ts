import { sleep } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import type { CloseReason, DelegateLogic, SeedTuple } from '../../src/delegation/Delegate.js';
import { createRun } from '../../src/delegation/delegators.js';
import { DelegateClosedError, DelegatorStoppedError } from '../../src/delegation/errors.js';
import { perChatId, perMessage } from '../../src/delegation/seeders.js';
import type { Incoming } from '../../src/Incoming.js';
import { chatMsg, eventMsg, makeRuntime } from './support.js';

type Bag = Record<string, unknown>;
const textOf = (incoming: Incoming): string => String((incoming.msg as Bag)['text']);

describe('DelegateRuntime', () => {
  it('keeps every chat in order under concurrency (10,000 chats, random async delays)', async () => {
    const seen = new Map<number, number[]>();
    let overlaps = 0;
    const active = new Set<number>();
    let seedRandom = 7;
    const random = (): number => (seedRandom = (seedRandom * 48271) % 2147483647) / 2147483647;
    const { runtime, clock } = makeRuntime([
      [
        perChatId(),
        ({ seed }) => {
          const chat = seed as number;
          return {
            async onMessage(incoming) {
              if (active.has(chat)) overlaps += 1;
              active.add(chat);
              await sleep(clock, Math.floor(random() * 50));
              active.delete(chat);
              const list = seen.get(chat) ?? [];
              list.push(Number(textOf(incoming)));
              seen.set(chat, list);
            },
          };
        },
      ],
    ]);
    const sent = new Map<number, number>();
    const done: Promise<void>[] = [];
    for (let i = 0; i < 30_000; i++) {
      const chat = 1 + Math.floor(random() * 10_000);
      const n = (sent.get(chat) ?? 0) + 1;
      sent.set(chat, n);
      done.push(runtime.dispatch(chatMsg(chat, String(n))));
    }
    let finished = false;
    const all = Promise.all(done).then(() => (finished = true));
    while (!finished) await clock.advance(10);
    await all;
    expect(overlaps).toBe(0);
    expect(seen.size).toBe(sent.size);
    for (const [chat, count] of sent) {
      expect(seen.get(chat)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    }
  });

  it('closes an untouched delegate when its idle timeout expires, and prunes it', async () => {
    const closed: CloseReason[] = [];
    const { runtime, clock } = makeRuntime([
      [
        perChatId(),
        () => ({
          idleTimeout: 10,
          onMessage() {},
          onClose: (r: CloseReason) => void closed.push(r),
        }),
      ],
    ]);
    await runtime.dispatch(chatMsg(1));
    expect(runtime.size).toBe(1);
    await clock.advance(9_999);
    expect(closed).toEqual([]);
    await clock.advance(1);
    expect(closed).toEqual([{ reason: 'idle', seconds: 10 }]);
    expect(runtime.size).toBe(0);
    expect(runtime.armedIdleTimers).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('resets the idle timeout when a message starts processing, but not for events', async () => {
    const closedAt: number[] = [];
    const { runtime, clock } = makeRuntime([
      [
        (incoming) => (incoming.flavor === '_tick' ? 1 : perChatId()(incoming)),
        () => ({ idleTimeout: 10, onMessage() {}, onClose: () => void closedAt.push(clock.now()) }),
      ],
    ]);
    await runtime.dispatch(chatMsg(1));
    await clock.advance(6_000);
    await runtime.dispatch(chatMsg(1)); // reset: now expires at 16 s
    await clock.advance(6_000);
    await runtime.dispatch(eventMsg('_tick')); // an event does not reset
    await clock.advance(3_999);
    expect(closedAt).toEqual([]);
    await clock.advance(1);
    expect(closedAt).toEqual([16_000]);
  });

  it('ignores a stale timeout that expired while a newer message waited in the mailbox', async () => {
    const closedAt: number[] = [];
    const handled: string[] = [];
    const { runtime, clock } = makeRuntime([
      [
        perChatId(),
        () => ({
          idleTimeout: 10,
          async onMessage(incoming: Incoming) {
            handled.push(textOf(incoming));
            if (textOf(incoming) === 'slow') await sleep(clock, 12_000);
          },
          onClose: () => void closedAt.push(clock.now()),
        }),
      ],
    ]);
    void runtime.dispatch(chatMsg(1, 'slow')); // t=0, runs until t=12
    await clock.advance(9_000);
    void runtime.dispatch(chatMsg(1, 'second')); // queued at t=9; the timer expires at t=10
    await clock.advance(3_000); // t=12: 'second' starts and resets the timer to t=22
    expect(handled).toEqual(['slow', 'second']);
    expect(closedAt).toEqual([]);
    await clock.advance(9_999);
    expect(closedAt).toEqual([]);
    await clock.advance(1);
    expect(closedAt).toEqual([22_000]);
  });

  it('lets onIdle keep the delegate alive, with no timer until its next message', async () => {
    const idles: number[] = [];
    const closed: CloseReason[] = [];
    const { runtime, clock } = makeRuntime([
      [
        perChatId(),
        () => ({
          idleTimeout: 5,
          onMessage() {},
          onIdle: () => void idles.push(clock.now()),
          onClose: (r: CloseReason) => void closed.push(r),
        }),
      ],
    ]);
    await runtime.dispatch(chatMsg(1));
    await clock.advance(60_000);
    expect(idles).toEqual([5_000]);
    expect(runtime.size).toBe(1);
    expect(clock.pending).toBe(0);
    await runtime.dispatch(chatMsg(1));
    await clock.advance(5_000);
    expect(idles).toEqual([5_000, 65_000]);
    expect(closed).toEqual([]);
  });

  it('hands messages that arrive while a delegate is closing to its successor, in order', async () => {
    const log: string[] = [];
    let instances = 0;
    const { runtime, clock } = makeRuntime([
      [
        perChatId(),
        ({ delegate }) => {
          const n = ++instances;
          return {
            open: (first: Incoming) => void log.push(`open#${n}:${textOf(first)}`),
            onMessage(incoming: Incoming) {
              log.push(`#${n}:${textOf(incoming)}`);
              if (textOf(incoming) === 'bye') delegate.close();
            },
            async onClose(reason: CloseReason) {
              log.push(`close#${n}:${reason.reason}`);
              await sleep(clock, 1_000);
              log.push(`closed#${n}`);
            },
          };
        },
      ],
    ]);
    const done = [
      runtime.dispatch(chatMsg(1, 'a')),
      runtime.dispatch(chatMsg(1, 'bye')),
      runtime.dispatch(chatMsg(1, 'b')), // queued behind 'bye'
    ];
    await clock.advance(500); // onClose still running
    done.push(runtime.dispatch(chatMsg(1, 'c')));
    await clock.advance(1_000);
    done.push(runtime.dispatch(chatMsg(1, 'd')));
    await Promise.all(done);
    expect(log).toEqual([
      'open#1:a',
      '#1:a',
      '#1:bye',
      'close#1:closed',
      'closed#1',
      'open#2:b',
      '#2:b',
      '#2:c',
      '#2:d',
    ]);
    expect(runtime.size).toBe(1);
  });

  it('runs onClose exactly once, even when close is requested several ways', async () => {
    const closed: CloseReason[] = [];
    const { runtime, clock } = makeRuntime([
      [
        perChatId(),
        ({ delegate }) => ({
          idleTimeout: 1,
          onMessage() {
            delegate.close();
            delegate.close();
            throw new Error('boom');
          },
          onClose: (r: CloseReason) => void closed.push(r),
        }),
      ],
    ]);
    await runtime.dispatch(chatMsg(1));
    await clock.advance(5_000);
    await runtime.stop();
    expect(closed).toEqual([{ reason: 'closed' }]);
  });

  it('isolates a handler error: reports it with seed and message, closes only that delegate', async () => {
    const closed: [number, CloseReason][] = [];
    const handled: number[] = [];
    const { runtime, errors } = makeRuntime([
      [
        perChatId(),
        ({ seed }) => ({
          onMessage(incoming: Incoming) {
            if (textOf(incoming) === 'bad') throw new Error('handler failed');
            handled.push(seed as number);
          },
          onClose: (r: CloseReason) => void closed.push([seed as number, r]),
        }),
      ],
    ]);
    const bad = chatMsg(1, 'bad');
    await Promise.all([runtime.dispatch(bad), runtime.dispatch(chatMsg(2, 'ok'))]);
    await runtime.dispatch(chatMsg(2, 'ok'));
    expect(handled).toEqual([2, 2]);
    expect(errors).toHaveLength(1);
    expect((errors[0]![0] as Error).message).toBe('handler failed');
    expect(errors[0]![1]).toMatchObject({
      source: 'delegate',
      seed: 1,
      incoming: bad,
      update: bad.update,
      outcome: 'continue',
    });
    expect(closed).toHaveLength(1);
    expect(closed[0]![0]).toBe(1);
    expect(closed[0]![1]).toMatchObject({ reason: 'error' });
    expect((closed[0]![1] as { error: Error }).error.message).toBe('handler failed');
    expect(runtime.size).toBe(1);
  });

  it("keeps a delegate after a handler error when its onError is 'keep'", async () => {
    let count = 0;
    const { runtime, errors } = makeRuntime([
      [
        perChatId(),
        () => ({
          onError: 'keep' as const,
          onMessage() {
            count += 1;
            if (count === 1) throw new Error('first fails');
          },
        }),
      ],
    ]);
    await runtime.dispatch(chatMsg(1));
    await runtime.dispatch(chatMsg(1));
    expect(count).toBe(2);
    expect(errors).toHaveLength(1);
    expect(runtime.size).toBe(1);
  });

  it('suppresses handling of the first message when open returns true', async () => {
    const handled: string[] = [];
    const { runtime } = makeRuntime([
      [
        perChatId(),
        () => ({ open: () => true, onMessage: (i: Incoming) => void handled.push(textOf(i)) }),
      ],
    ]);
    await runtime.dispatch(chatMsg(1, 'first'));
    await runtime.dispatch(chatMsg(1, 'second'));
    expect(handled).toEqual(['second']);
  });

  it('drops messages the delegate does not capture, without resetting its timer', async () => {
    const handled: string[] = [];
    const closedAt: number[] = [];
    const { runtime, clock } = makeRuntime([
      [
        () => 1,
        () => ({
          idleTimeout: 10,
          accepts: (i: Incoming) => textOf(i) !== 'ignored',
          onMessage: (i: Incoming) => void handled.push(textOf(i)),
          onClose: () => void closedAt.push(clock.now()),
        }),
      ],
    ]);
    await runtime.dispatch(chatMsg(1, 'first'));
    await clock.advance(5_000);
    await runtime.dispatch(chatMsg(2, 'ignored'));
    await runtime.dispatch(chatMsg(3, 'kept'));
    await clock.advance(5_000);
    expect(handled).toEqual(['first', 'kept']);
    expect(closedAt).toEqual([]);
    await clock.advance(5_000);
    expect(closedAt).toEqual([15_000]);
  });

  it('gives each one-shot seed a fresh delegate and forgets it when done', async () => {
    const made: number[] = [];
    const { runtime } = makeRuntime([
      [
        perMessage(),
        ({ delegate }) => {
          made.push(made.length + 1);
          return { onMessage: () => delegate.close() };
        },
      ],
    ]);
    await runtime.dispatch(chatMsg(1));
    await runtime.dispatch(chatMsg(1));
    expect(made).toEqual([1, 2]);
    expect(runtime.size).toBe(0);
  });

  it('reaches delegates of several patterns with one message and resolves when all are done', async () => {
    const order: string[] = [];
    const { runtime, clock } = makeRuntime([
      [
        perChatId(),
        () => ({
          onMessage: async () => {
            await sleep(clock, 10);
            order.push('chat');
          },
        }),
      ],
      [
        () => 'all',
        () => ({
          onMessage: async () => {
            await sleep(clock, 20);
            order.push('app');
          },
        }),
      ],
    ]);
    let resolved = false;
    const done = runtime.dispatch(chatMsg(1)).then(() => (resolved = true));
    await clock.advance(10);
    expect(resolved).toBe(false);
    await clock.advance(10);
    await done;
    expect(order).toEqual(['chat', 'app']);
    expect(runtime.size).toBe(2);
  });

  it('reports messages no pattern takes as unhandled', async () => {
    const { runtime, unhandled } = makeRuntime([[() => undefined, () => ({ onMessage() {} })]]);
    const msg = chatMsg(1);
    await runtime.dispatch(msg);
    expect(unhandled).toEqual([msg]);
  });

  it('stops every delegate after its in-flight messages, with reason stopped', async () => {
    const log: string[] = [];
    const { runtime, clock } = makeRuntime([
      [
        perChatId(),
        ({ seed }) => ({
          idleTimeout: 100,
          async onMessage(i: Incoming) {
            await sleep(clock, 50);
            log.push(`${String(seed)}:${textOf(i)}`);
          },
          onClose: (r: CloseReason) => void log.push(`${String(seed)}:${r.reason}`),
        }),
      ],
    ]);
    void runtime.dispatch(chatMsg(1, 'a'));
    void runtime.dispatch(chatMsg(1, 'b'));
    void runtime.dispatch(chatMsg(2, 'c'));
    let stopped = false;
    const stopping = runtime.stop().then(() => (stopped = true));
    await clock.advance(50);
    expect(stopped).toBe(false);
    await clock.advance(50);
    await stopping;
    expect(log).toEqual(['1:a', '2:c', '2:stopped', '1:b', '1:stopped']);
    expect(runtime.size).toBe(0);
    expect(clock.pending).toBe(0);
    await expect(runtime.dispatch(chatMsg(1))).rejects.toBeInstanceOf(DelegatorStoppedError);
  });

  it('feeds listener.wait() from the mailbox in a createRun delegate', async () => {
    const got: string[] = [];
    class Conversation {
      constructor(private readonly tuple: SeedTuple) {}
      async run(): Promise<void> {
        got.push(textOf(this.tuple.incoming));
        for (;;) {
          const next = await this.tuple.delegate.listener.wait();
          got.push(textOf(next));
          if (textOf(next) === 'end') return;
        }
      }
    }
    const { runtime } = makeRuntime([[perChatId(), createRun(Conversation)]]);
    await runtime.dispatch(chatMsg(1, 'start'));
    await runtime.dispatch(chatMsg(1, 'x'));
    await runtime.dispatch(chatMsg(1, 'end'));
    await runtime.dispatch(chatMsg(1, 'again'));
    expect(got).toEqual(['start', 'x', 'end', 'again']);
  });

  it('settles a message at listener.wait() in onMessage, whether the delegate was idle or busy', async () => {
    const got: string[] = [];
    const { runtime, clock } = makeRuntime([
      [
        perChatId(),
        ({ delegate }): DelegateLogic => ({
          async onMessage(incoming) {
            got.push(textOf(incoming));
            if (!textOf(incoming).startsWith('ask')) return;
            // 'ask later' first awaits something (say, sending the question), 'ask' waits at once.
            if (textOf(incoming) === 'ask later') await sleep(clock, 10);
            // A conversation inside one message: the reply is the next message of the chat.
            got.push(`answer ${textOf(await delegate.listener.wait())}`);
          },
        }),
      ],
    ]);
    await runtime.dispatch(chatMsg(1, 'hello'));
    // The delegate is idle now; this message's handler suspends at wait(). Its promise must settle
    // there (as for a first or queued message), or a loop confirming finished updates would hold
    // it until the reply, which it may never fetch.
    let asked = false;
    void runtime.dispatch(chatMsg(1, 'ask')).then(() => (asked = true));
    for (let i = 0; i < 20 && !asked; i++) await new Promise((r) => setImmediate(r));
    expect(asked).toBe(true);
    await runtime.dispatch(chatMsg(1, 'yes'));
    asked = false;
    void runtime.dispatch(chatMsg(1, 'ask later')).then(() => (asked = true));
    await clock.advance(10);
    for (let i = 0; i < 20 && !asked; i++) await new Promise((r) => setImmediate(r));
    expect(asked).toBe(true);
    await runtime.dispatch(chatMsg(1, 'no'));
    await runtime.dispatch(chatMsg(1, 'later'));
    expect(got).toEqual(['hello', 'ask', 'answer yes', 'ask later', 'answer no', 'later']);
  });

  it('rejects a pending listener.wait() when the idle timeout closes the delegate', async () => {
    let failure: unknown;
    const closed: CloseReason[] = [];
    const { runtime, clock, errors } = makeRuntime([
      [
        perChatId(),
        ({ delegate }): DelegateLogic => ({
          idleTimeout: 3,
          async open() {
            try {
              await delegate.listener.wait();
            } catch (error) {
              failure = error;
              throw error;
            }
            return true;
          },
          onMessage() {},
          onClose: (r: CloseReason) => void closed.push(r),
        }),
      ],
    ]);
    void runtime.dispatch(chatMsg(1));
    await clock.advance(3_000);
    expect(failure).toBeInstanceOf(DelegateClosedError);
    expect(closed).toEqual([{ reason: 'idle', seconds: 3 }]);
    expect(errors).toEqual([]);
    expect(runtime.size).toBe(0);
  });

  it('reports a delegator that throws and skips that pattern', async () => {
    const { runtime, errors } = makeRuntime([
      [
        perChatId(),
        () => {
          throw new Error('cannot build');
        },
      ],
    ]);
    await runtime.dispatch(chatMsg(5));
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]).toMatchObject({ source: 'delegate', seed: 5, outcome: 'continue' });
    expect(runtime.size).toBe(0);
  });

  it('rejects an idle timeout that is not a positive number of seconds', async () => {
    const { runtime, errors } = makeRuntime([
      [perChatId(), () => ({ idleTimeout: -1, onMessage() {} })],
    ]);
    await runtime.dispatch(chatMsg(5));
    expect(String((errors[0]![0] as Error).message)).toMatch(/positive number of seconds/);
  });

  describe('a capture that throws (accepts() or a capture template)', () => {
    const picky = (closed: CloseReason[], handled: string[], onError?: 'keep') =>
      makeRuntime([
        [
          perChatId(),
          () => ({
            onError,
            accepts: (incoming: Incoming) => {
              if (textOf(incoming) === 'bad') throw new TypeError('no from');
              return true;
            },
            async onMessage(incoming: Incoming) {
              await Promise.resolve();
              handled.push(textOf(incoming));
            },
            onClose: (reason: CloseReason) => void closed.push(reason),
          }),
        ],
      ]);

    it('is reported, closes the delegate with reason error, and the chat goes on (idle delegate)', async () => {
      const closed: CloseReason[] = [];
      const handled: string[] = [];
      const { runtime, errors } = picky(closed, handled);
      await runtime.dispatch(chatMsg(5, 'a'));
      await runtime.dispatch(chatMsg(5, 'bad'));
      await runtime.dispatch(chatMsg(5, 'c'));
      expect(handled).toEqual(['a', 'c']);
      expect(errors.map(([e, info]) => [(e as Error).message, info.source, info.seed])).toEqual([
        ['no from', 'delegate', 5],
      ]);
      expect(closed.map((r) => r.reason)).toEqual(['error']);
    });

    it('does not stall the mailbox behind it (busy delegate)', async () => {
      const closed: CloseReason[] = [];
      const handled: string[] = [];
      const { runtime, errors } = picky(closed, handled, 'keep');
      await Promise.all([
        runtime.dispatch(chatMsg(6, 'a')),
        runtime.dispatch(chatMsg(6, 'bad')),
        runtime.dispatch(chatMsg(6, 'c')),
      ]);
      expect(handled).toEqual(['a', 'c']);
      expect(errors).toHaveLength(1);
      expect(closed).toEqual([]);
      expect(runtime.size).toBe(1);
    });

    it('ends a listener.wait() with the delegate closing', async () => {
      const taken: string[] = [];
      const closed: CloseReason[] = [];
      const { runtime, errors } = makeRuntime([
        [
          perChatId(),
          ({ delegate }) => ({
            async open() {
              delegate.listener.capture([
                (msg: unknown) => (msg as { text: string }).text.length > 0,
              ]);
              for (;;) taken.push(textOf(await delegate.listener.wait()));
            },
            onMessage: () => {},
            onClose: (reason: CloseReason) => void closed.push(reason),
          }),
        ],
      ]);
      await runtime.dispatch(chatMsg(8, 'first'));
      await runtime.dispatch(chatMsg(8, 'x'));
      const noText = { ...chatMsg(8, 'y'), msg: { chat: { id: 8 } } } as unknown as Incoming;
      await runtime.dispatch(noText);
      await new Promise((resolve) => setImmediate(resolve));
      expect(taken).toEqual(['x']);
      expect(errors.map(([, info]) => info.source)).toEqual(['delegate']);
      expect(closed.map((r) => r.reason)).toEqual(['error']);
      expect(runtime.size).toBe(0);
    });
  });

  it('a delegate that calls close() while it is being built handles its first message, then closes', async () => {
    const handled: string[] = [];
    const closed: CloseReason[] = [];
    const { runtime, errors } = makeRuntime([
      [
        perChatId(),
        ({ delegate }) => {
          delegate.close();
          return {
            onMessage: (incoming: Incoming) => void handled.push(textOf(incoming)),
            onClose: (reason: CloseReason) => void closed.push(reason),
          };
        },
      ],
    ]);
    await runtime.dispatch(chatMsg(9, 'one'));
    await runtime.dispatch(chatMsg(9, 'two'));
    expect(handled).toEqual(['one', 'two']);
    expect(closed).toEqual([{ reason: 'closed' }, { reason: 'closed' }]);
    expect(errors).toEqual([]);
    expect(runtime.size).toBe(0);
  });
});
