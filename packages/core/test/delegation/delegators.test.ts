import { sleep } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import type { CloseReason, SeedTuple } from '../../src/delegation/Delegate.js';
import { call, createOpen, createRun } from '../../src/delegation/delegators.js';
import { DelegationSetupError } from '../../src/delegation/errors.js';
import { perChatId } from '../../src/delegation/seeders.js';
import type { Incoming } from '../../src/Incoming.js';
import { chatMsg, makeRuntime } from './support.js';

const textOf = (incoming: Incoming): string => String((incoming.msg as { text?: unknown }).text);

describe('call', () => {
  it('runs a job per seed with the seed tuple and arguments, and closes when it settles', async () => {
    const jobs: string[] = [];
    const { runtime, clock } = makeRuntime([
      [
        perChatId(),
        call(async ({ seed, incoming }: SeedTuple, prefix: string) => {
          await sleep(clock, 100);
          jobs.push(`${prefix}${String(seed)}:${textOf(incoming)}`);
        }, 'job-'),
      ],
    ]);
    const first = runtime.dispatch(chatMsg(1, 'a'));
    const second = runtime.dispatch(chatMsg(1, 'b')); // arrives while the first job runs
    await clock.advance(100);
    await first;
    expect(jobs).toEqual(['job-1:a']);
    await clock.advance(100);
    await second;
    expect(jobs).toEqual(['job-1:a', 'job-1:b']);
    expect(runtime.size).toBe(0);
  });
});

describe('createRun', () => {
  it("closes the delegate when run() returns and passes run()'s errors to onClose", async () => {
    const closed: CloseReason[] = [];
    class Failing {
      run(): void {
        throw new Error('run failed');
      }
      onClose(reason: CloseReason): void {
        closed.push(reason);
      }
    }
    const { runtime, errors } = makeRuntime([[perChatId(), createRun(Failing)]]);
    await runtime.dispatch(chatMsg(1));
    expect(errors).toHaveLength(1);
    expect(closed).toMatchObject([{ reason: 'error' }]);
    expect(runtime.size).toBe(0);
  });
});

describe('createRun with onError: keep', () => {
  it('reports a failing run() and still closes the delegate, so the next message gets a new run()', async () => {
    const closed: CloseReason[] = [];
    const runs: string[] = [];
    class Fragile {
      readonly onError = 'keep' as const;
      constructor(private readonly tuple: SeedTuple) {}
      run(): void {
        const text = textOf(this.tuple.incoming);
        runs.push(text);
        if (text === 'bad') throw new Error('run failed');
      }
      onClose(reason: CloseReason): void {
        closed.push(reason);
      }
    }
    const { runtime, errors } = makeRuntime([[perChatId(), createRun(Fragile)]]);
    await runtime.dispatch(chatMsg(1, 'bad'));
    expect(errors.map(([error]) => (error as Error).message)).toEqual(['run failed']);
    expect(runtime.size).toBe(0);
    await runtime.dispatch(chatMsg(1, 'next'));
    expect(runs).toEqual(['bad', 'next']);
    expect(closed).toEqual([{ reason: 'closed' }, { reason: 'closed' }]);
  });
});

describe('createOpen', () => {
  it('passes the seed tuple and arguments to the constructor', async () => {
    const made: [number, string][] = [];
    class Greeter {
      constructor(tuple: SeedTuple, greeting: string) {
        made.push([tuple.seed as number, greeting]);
      }
      onMessage(): void {}
    }
    const { runtime } = makeRuntime([[perChatId(), createOpen(Greeter, 'hello')]]);
    await runtime.dispatch(chatMsg(3));
    await runtime.dispatch(chatMsg(3));
    expect(made).toEqual([[3, 'hello']]);
  });

  it('fails early when given something that is not a class', () => {
    expect(() => createOpen('Greeter' as never)).toThrow(DelegationSetupError);
    expect(() => call(undefined as never)).toThrow(/call\(fn\)/);
  });
});

describe('listener.wait', () => {
  it('rejects when the delegate is closed from outside while waiting', async () => {
    const log: string[] = [];
    let control: SeedTuple['delegate'] | undefined;
    class Waiter {
      constructor(private readonly tuple: SeedTuple) {
        control = tuple.delegate;
      }
      async run(): Promise<void> {
        await this.tuple.delegate.listener.wait();
        log.push('got a message');
      }
      onClose(reason: CloseReason): void {
        log.push(`closed:${reason.reason}`);
      }
    }
    const { runtime } = makeRuntime([[perChatId(), createRun(Waiter)]]);
    await runtime.dispatch(chatMsg(1));
    control?.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['closed:closed']);
    expect(runtime.size).toBe(0);
  });
});
