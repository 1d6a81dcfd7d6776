import {
  ConflictError,
  HttpError,
  TelegramError,
  TooManyRequestsError,
  UnauthorizedError,
} from '@delegram/api';
import type { Update } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { Bot } from '../src/Bot.js';
import {
  ConflictingInstanceError,
  InvalidTokenError,
  MalformedUpdateError,
  StopTimeoutError,
  WebhookActiveError,
} from '../src/errors.js';
import { MessageLoop } from '../src/MessageLoop.js';
import { deferred, FakeTelegram, until } from './support/FakeTelegram.js';
import { textMessage } from './support/updates.js';
import { fakeLoopSetup, msg, textOf, turns } from './support/loopKit.js';
import { NodeTimerClock } from './support/NodeTimerClock.js';

describe('MessageLoop', () => {
  it('hands every update to the handler in order and confirms them when stopped', async () => {
    const { tg, bot } = fakeLoopSetup();
    const seen: string[] = [];
    const loop = new MessageLoop(bot, (_msg, incoming) => void seen.push(textOf(incoming)));
    tg.push(msg('a'), msg('b'));
    const running = loop.run();
    await until(() => seen.length === 2);
    tg.push(msg('c'));
    await until(() => seen.length === 3);
    await loop.stop();
    await running;
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(tg.confirmed).toBe(4);
    expect(loop.running).toBe(false);
  });

  it('lets a handler stop its own loop without awaiting it, and confirms that update', async () => {
    const { tg, bot, errors } = fakeLoopSetup();
    const seen: string[] = [];
    const loop = new MessageLoop(bot, async (_m, incoming) => {
      seen.push(textOf(incoming));
      if (textOf(incoming) !== '/shutdown') return;
      void loop.stop();
      await Promise.resolve();
    });
    tg.push(msg('a'), msg('/shutdown'));
    await loop.run();
    expect(seen).toEqual(['a', '/shutdown']);
    expect(tg.confirmed).toBe(3);
    expect(errors).toEqual([]);
  });

  it('keeps the kind of a chat update available to the handler', async () => {
    const { tg, bot } = fakeLoopSetup();
    const kinds: string[] = [];
    const loop = new MessageLoop(bot, (_m, incoming) => void kinds.push(incoming.kind));
    tg.push({ edited_message: textMessage() }, { channel_post: textMessage() });
    const running = loop.run();
    await until(() => kinds.length === 2);
    await loop.stop();
    await running;
    expect(kinds).toEqual(['edited_message', 'channel_post']);
  });

  it('confirms only up to the oldest unfinished update, so it comes back after a stop', async () => {
    const { tg, bot, errors } = fakeLoopSetup();
    const slow = deferred();
    const done: string[] = [];
    const loop = new MessageLoop(
      bot,
      async (_m, incoming) => {
        if (textOf(incoming) === 'slow') await slow.promise;
        done.push(textOf(incoming));
      },
      { concurrency: 10, stopTimeoutMs: 0 },
    );
    tg.push(msg('fast1'), msg('slow'), msg('fast2'));
    const running = loop.run();
    await until(() => done.length === 2);
    await loop.stop();
    await running;
    expect(done).toEqual(['fast1', 'fast2']);
    expect(tg.confirmed).toBe(2); // update 1 finished; 2 did not
    const timeout = errors.find(([e]) => e instanceof StopTimeoutError)?.[0] as StopTimeoutError;
    expect(timeout.unfinishedUpdateIds).toEqual([2]);

    // A new loop gets the unfinished update and what came after it; nothing earlier.
    const again: string[] = [];
    const next = new MessageLoop(bot, (_m, incoming) => void again.push(textOf(incoming)));
    const run2 = next.run();
    await until(() => again.length === 2);
    await next.stop();
    await run2;
    expect(again).toEqual(['slow', 'fast2']);
    slow.resolve();
  });

  it('waits for unfinished handlers when stopping, then confirms them', async () => {
    const { tg, bot } = fakeLoopSetup();
    const gate = deferred();
    let started = false;
    let finished = false;
    const loop = new MessageLoop(bot, async () => {
      started = true;
      await gate.promise;
      finished = true;
    });
    tg.push(msg('x'));
    const running = loop.run();
    await until(() => started);
    const stopped = loop.stop();
    expect(finished).toBe(false);
    gate.resolve();
    await stopped;
    await running;
    expect(finished).toBe(true);
    expect(tg.confirmed).toBe(2);
  });

  it('does not poll while limit updates past the oldest unfinished one are in hand', async () => {
    const { tg, bot, clock } = fakeLoopSetup();
    const gate = deferred();
    const done: string[] = [];
    const loop = new MessageLoop(
      bot,
      async (_m, incoming) => {
        if (textOf(incoming) === 'a') await gate.promise;
        done.push(textOf(incoming));
      },
      { limit: 2, concurrency: 10 },
    );
    tg.push(msg('a'), msg('b'), msg('c'));
    const running = loop.run();
    await until(() => done.includes('b'));
    await clock.advance(60_000);
    expect(tg.callsOf('getUpdates')).toHaveLength(1); // polling again could only bring a and b
    gate.resolve();
    await until(() => done.includes('c'));
    expect(tg.callsOf('getUpdates')[1]!.payload['offset']).toBe(3);
    await loop.stop();
    await running;
  });

  it('while updates are in progress, polls again once half a batch is free or after repollMs', async () => {
    const { tg, bot, clock } = fakeLoopSetup();
    const gates = new Map<string, () => void>();
    const done: string[] = [];
    const loop = new MessageLoop(
      bot,
      async (_m, incoming) => {
        const text = textOf(incoming);
        await new Promise<void>((resolve) => gates.set(text, resolve));
        done.push(text);
      },
      { limit: 4, concurrency: 10, repollMs: 1000 },
    );
    const finish = async (text: string): Promise<void> => {
      gates.get(text)!();
      await until(() => done.includes(text));
      await turns(50);
    };
    tg.push(msg('a'), msg('b'), msg('c'), msg('d'), msg('e'), msg('f'));
    const running = loop.run();
    await until(() => gates.size === 4);
    await finish('a');
    // a poll now would bring b, c, d again for one new update
    expect(tg.callsOf('getUpdates')).toHaveLength(1);
    await finish('b');
    await until(() => gates.size === 6);
    expect(tg.callsOf('getUpdates')[1]!.payload['offset']).toBe(3);
    expect(loop.stats.duplicates).toBe(2); // c and d came again, e and f are new
    await finish('c'); // d, e, f in progress: one slot free
    tg.push(msg('g'));
    await clock.advance(999);
    expect(tg.callsOf('getUpdates')).toHaveLength(2);
    await clock.advance(1);
    await until(() => gates.has('g'));
    expect(tg.callsOf('getUpdates')[2]!.payload['offset']).toBe(4);
    for (const text of ['d', 'e', 'f', 'g']) gates.get(text)!();
    await until(() => done.length === 7);
    await loop.stop();
    await running;
    expect(done).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(tg.confirmed).toBe(8);
  });

  it('reports a throwing handler with its update and keeps going', async () => {
    const { tg, bot, errors } = fakeLoopSetup();
    const seen: string[] = [];
    const loop = new MessageLoop(bot, (_m, incoming) => {
      if (textOf(incoming) === 'bad') throw new Error('boom');
      seen.push(textOf(incoming));
    });
    const [, bad] = tg.push(msg('ok'), msg('bad'), msg('after'));
    const running = loop.run();
    await until(() => seen.length === 2);
    await loop.stop();
    await running;
    expect(seen).toEqual(['ok', 'after']);
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]).toMatchObject({ source: 'handler', update: bad, outcome: 'continue' });
    expect(loop.stats.failed).toBe(1);
    expect(tg.confirmed).toBe(4);
  });

  it('never stalls on unknown or malformed updates', async () => {
    const { tg, bot, errors } = fakeLoopSetup();
    const flavors: string[] = [];
    const loop = new MessageLoop(bot, (_m, incoming) => void flavors.push(incoming.flavor));
    tg.push({ hologram: { id: 1 } }, {}, { message: null }, msg('fine'));
    tg.pushRaw({ no_id: true }, false);
    tg.pushRaw('garbage', false);
    tg.push(msg('last'));
    const running = loop.run();
    await until(() => flavors.length === 4);
    await loop.stop();
    await running;
    expect(flavors).toEqual(['unknown', 'unknown', 'chat', 'chat']);
    const malformed = errors.filter(([e]) => e instanceof MalformedUpdateError);
    expect(malformed).toHaveLength(3); // message: null, no id, a string
    expect(tg.confirmed).toBe(6);
  });

  it('retries network errors and 5xx with growing, capped back-off on the clock', async () => {
    const { tg, bot, clock, errors } = fakeLoopSetup();
    tg.failNext(
      new HttpError('getUpdates', 'network', 'ECONNRESET'),
      new TelegramError('getUpdates', 502, 'Bad Gateway'),
      new HttpError('getUpdates', 'timeout', 'timed out'),
    );
    const seen: string[] = [];
    const loop = new MessageLoop(bot, (_m, i) => void seen.push(textOf(i)), {
      backoff: { initialMs: 100, maxMs: 250, random: () => 1 },
    });
    tg.push(msg('a'));
    const running = loop.run();
    await until(() => errors.length === 1);
    expect(errors[0]![1]).toMatchObject({ source: 'loop', outcome: 'retry', retryInMs: 100 });
    await clock.advance(99);
    expect(tg.calls).toHaveLength(1);
    await clock.advance(1);
    await until(() => errors.length === 2);
    expect(errors[1]![1].retryInMs).toBe(200);
    await clock.advance(200);
    await until(() => errors.length === 3);
    expect(errors[2]![1].retryInMs).toBe(250); // capped
    await clock.advance(250);
    await until(() => seen.length === 1);
    await loop.stop();
    await running;
    expect(loop.stats.retries).toBe(3);
  });

  it('waits exactly retry_after on 429', async () => {
    const { tg, bot, clock, errors } = fakeLoopSetup();
    tg.failNext(
      new TooManyRequestsError('getUpdates', 429, 'Too Many Requests: retry after 7', {
        retryAfter: 7,
      }),
    );
    const loop = new MessageLoop(bot, () => undefined);
    const running = loop.run();
    await until(() => errors.length === 1);
    expect(errors[0]![1].retryInMs).toBe(7000);
    await clock.advance(6999);
    expect(tg.calls).toHaveLength(1);
    await clock.advance(1);
    await until(() => tg.calls.length === 2);
    await loop.stop();
    await running;
  });

  it('stops with InvalidTokenError on 401', async () => {
    const { tg, bot, errors } = fakeLoopSetup();
    tg.failNext(new UnauthorizedError('getUpdates', 401, 'Unauthorized'));
    const loop = new MessageLoop(bot, () => undefined);
    await expect(loop.run()).rejects.toBeInstanceOf(InvalidTokenError);
    expect(errors[0]![1]).toMatchObject({ source: 'loop', outcome: 'stop' });
    expect(loop.running).toBe(false);
  });

  it('stops with ConflictingInstanceError when another instance polls', async () => {
    const { tg, bot } = fakeLoopSetup();
    tg.failNext(
      new ConflictError(
        'getUpdates',
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      ),
    );
    const loop = new MessageLoop(bot, () => undefined);
    await expect(loop.run()).rejects.toThrow(ConflictingInstanceError);
  });

  it('says to delete the webhook when one is active, or deletes it when asked', async () => {
    const webhook409 = (): ConflictError =>
      new ConflictError(
        'getUpdates',
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const first = fakeLoopSetup();
    first.tg.failNext(webhook409());
    await expect(new MessageLoop(first.bot, () => undefined).run()).rejects.toThrow(
      /deleteWebhook/,
    );

    const { tg, bot } = fakeLoopSetup();
    tg.failNext(webhook409());
    const seen: string[] = [];
    const loop = new MessageLoop(bot, (_m, i) => void seen.push(textOf(i)), {
      deleteWebhook: true,
    });
    tg.push(msg('after delete'));
    const running = loop.run();
    await until(() => seen.length === 1);
    await loop.stop();
    await running;
    expect(tg.callsOf('deleteWebhook')).toEqual([
      { method: 'deleteWebhook', payload: { drop_pending_updates: false } },
    ]);
    expect(WebhookActiveError.name).toBe('WebhookActiveError');
  });

  it('drops pending updates at start when asked', async () => {
    const { tg, bot } = fakeLoopSetup();
    tg.push(msg('old1'), msg('old2'));
    const seen: string[] = [];
    const loop = new MessageLoop(bot, (_m, i) => void seen.push(textOf(i)), {
      dropPendingUpdates: true,
    });
    const running = loop.run();
    await until(() => tg.callsOf('getUpdates').length >= 2);
    tg.push(msg('new'));
    await until(() => seen.length === 1);
    await loop.stop();
    await running;
    expect(seen).toEqual(['new']);
  });

  it('keeps per-key order with sequentialize while other keys run concurrently', async () => {
    const { tg, bot } = fakeLoopSetup();
    const gates = new Map<string, { promise: Promise<void>; resolve: () => void }>();
    const log: string[] = [];
    const loop = new MessageLoop(
      bot,
      async (_m, incoming) => {
        const text = textOf(incoming);
        log.push(`start ${text}`);
        const gate = gates.get(text);
        if (gate) await gate.promise;
        log.push(`end ${text}`);
      },
      {
        sequentialize: (i) => (i.flavor === 'chat' ? i.msg.chat.id : undefined),
      },
    );
    gates.set('a1', deferred());
    tg.push(msg('a1', 1), msg('a2', 1), msg('b1', 2));
    const running = loop.run();
    await until(() => log.includes('end b1'));
    expect(log).toEqual(['start a1', 'start b1', 'end b1']);
    gates.get('a1')!.resolve();
    await until(() => log.includes('end a2'));
    expect(log.slice(3)).toEqual(['end a1', 'start a2', 'end a2']);
    await loop.stop();
    await running;
  });

  it('routes by flavor with a routing table and reports the rest as unhandled', async () => {
    const { tg, bot } = fakeLoopSetup();
    const chats: string[] = [];
    const unhandled: string[] = [];
    bot.on('unhandled', (incoming) => unhandled.push(incoming.flavor));
    const loop = new MessageLoop(bot, { chat: (m) => void chats.push(m.text ?? '') });
    tg.push(msg('hello'), { poll: { id: 'p' } });
    const running = loop.run();
    await until(() => unhandled.length === 1);
    await loop.stop();
    await running;
    expect(chats).toEqual(['hello']);
    expect(unhandled).toEqual(['poll']);
  });

  it('calls bot.handle without a handler and waits for its promise', async () => {
    const { tg, clock } = fakeLoopSetup();
    const gate = deferred();
    class SlowBot extends Bot {
      handled: number[] = [];
      entered = 0;
      override async handle(update: Update): Promise<void> {
        this.entered += 1;
        await gate.promise;
        this.handled.push(update.update_id);
      }
    }
    const bot = new SlowBot(tg.asApi(), { clock });
    const loop = new MessageLoop(bot);
    tg.push(msg('a'));
    const running = loop.run();
    await until(() => bot.entered === 1);
    expect(tg.confirmed).toBeLessThanOrEqual(1); // update 1 not confirmed while handle() runs
    gate.resolve();
    await until(() => bot.handled.length === 1);
    await loop.stop();
    await running;
    expect(tg.confirmed).toBe(2);
  });

  it('can run again after a stop, resuming where it left off', async () => {
    const { tg, bot } = fakeLoopSetup();
    const seen: string[] = [];
    const loop = new MessageLoop(bot, (_m, i) => void seen.push(textOf(i)));
    tg.push(msg('1'));
    let running = loop.run();
    await until(() => seen.length === 1);
    await loop.stop();
    await running;
    tg.push(msg('2'));
    running = loop.run();
    await until(() => seen.length === 2);
    await loop.stop();
    await running;
    expect(seen).toEqual(['1', '2']);
    await expect(Promise.all([loop.run(), loop.run()])).rejects.toThrow(/already running/);
    await loop.stop();
  });

  it('stops when its abort signal fires', async () => {
    const { tg, bot } = fakeLoopSetup();
    const controller = new AbortController();
    const seen: string[] = [];
    const loop = new MessageLoop(bot, (_m, i) => void seen.push(textOf(i)), {
      signal: controller.signal,
    });
    tg.push(msg('a'));
    const running = loop.run();
    await until(() => seen.length === 1);
    controller.abort();
    await running;
    expect(loop.running).toBe(false);
    expect(tg.confirmed).toBe(2);
    await loop.run(); // an aborted signal: returns at once
  });

  it('refuses bad options with a clear message', () => {
    const { bot } = fakeLoopSetup();
    expect(() => new MessageLoop(bot, undefined, { limit: 0 })).toThrow(
      /limit must be an integer from 1 to 100/,
    );
    expect(() => new MessageLoop(bot, undefined, { timeout: 51 })).toThrow(/timeout/);
    expect(() => new MessageLoop(bot, 'x' as never)).toThrow(/handler must be a function/);
  });

  it('waits for a slow handler on stop with a very long stopTimeoutMs without spinning its timer', async () => {
    const tg = new FakeTelegram();
    const clock = new NodeTimerClock();
    const bot = new Bot(tg.asApi(), { clock });
    const slow = deferred();
    let started = false;
    const loop = new MessageLoop(
      bot,
      async () => {
        started = true;
        await slow.promise;
      },
      { stopTimeoutMs: 30 * 24 * 3600 * 1000 },
    );
    tg.push(msg('slow'));
    const running = loop.run();
    await until(() => started);
    const stopping = loop.stop();
    await turns(2);
    const before = clock.timersSet;
    await clock.advance(1_000);
    expect(clock.timersSet - before).toBeLessThanOrEqual(1);
    slow.resolve();
    await stopping;
    await running;
    expect(tg.confirmed).toBe(2);
  });

  it('lets a second stop() shorten the wait of one already waiting for handlers', async () => {
    const { tg, bot, errors } = fakeLoopSetup();
    const slow = deferred();
    let started = false;
    const loop = new MessageLoop(bot, async () => {
      started = true;
      await slow.promise;
    });
    tg.push(msg('slow'));
    const running = loop.run();
    await until(() => started);
    let stopped = false;
    const first = loop.stop().then(() => (stopped = true)); // waits up to the default 10 s
    await turns(3);
    expect(stopped).toBe(false);
    await loop.stop({ timeoutMs: 0 }); // a second Ctrl+C: stop now
    await first;
    await running;
    expect(errors.some(([error]) => error instanceof StopTimeoutError)).toBe(true);
    expect(tg.confirmed).toBe(1); // the unfinished update 1 stays unconfirmed
    slow.resolve();
  });
});
