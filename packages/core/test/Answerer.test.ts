import { ManualClock, sleep } from '@delegram/api';
import type { InlineQuery, InlineQueryResult } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import type { SimUser } from '@delegram/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { Answerer } from '../src/Answerer.js';
import type { AnswererOptions, Compute } from '../src/Answerer.js';
import { AnswerAbortedError } from '../src/answerer/AnswerAbortedError.js';
import { Bot } from '../src/Bot.js';
import type { ErrorInfo } from '../src/BotEvents.js';

const article = (text: string): InlineQueryResult => ({
  type: 'article',
  id: `r-${text}`,
  title: text,
  input_message_content: { message_text: text },
});

interface Setup {
  clock: ManualClock;
  emu: Emulator;
  bot: Bot;
  account: ReturnType<Emulator['createBot']>;
  alice: SimUser;
  bob: SimUser;
  errors: [unknown, ErrorInfo][];
  /** Fetches the inline queries that reached the bot since the last call. */
  fetchQueries(): Promise<InlineQuery[]>;
  /** A user types a query; resolves with the result ids shown, or the emulator's error code. */
  type(user: SimUser, text: string): Promise<string[] | string>;
}

let current: Setup | undefined;
afterEach(async () => {
  await current?.emu.stop();
  current = undefined;
});

async function setup(emulatorTtlMs = 10_000): Promise<Setup> {
  const clock = new ManualClock();
  const emu = new Emulator({ clock, inlineQueryTtlMs: emulatorTtlMs, floodControl: false });
  await emu.start();
  const account = emu.createBot({ username: 'inline_bot', supportsInlineQueries: true });
  const bot = new Bot(account.token, { clock, api: { apiRoot: emu.apiRoot } });
  const errors: [unknown, ErrorInfo][] = [];
  bot.on('error', (error, info) => errors.push([error, info]));
  let offset = 0;
  current = {
    clock,
    emu,
    bot,
    account,
    alice: emu.createUser({ firstName: 'Alice' }),
    bob: emu.createUser({ firstName: 'Bob' }),
    errors,
    async fetchQueries() {
      const updates = await bot.api.getUpdates({ offset, timeout: 0 });
      for (const u of updates) offset = u.update_id + 1;
      return updates.flatMap((u) => (u.inline_query === undefined ? [] : [u.inline_query]));
    },
    type(user, text) {
      return user.inlineQuery(account, text).then(
        (answer) => answer.results.map((r) => r.id),
        (error: Error & { code?: string }) => error.code ?? error.message,
      );
    },
  };
  return current;
}

/** A compute that takes `ms` of clock time, honouring the signal, and records what it saw. */
function slowCompute(clock: ManualClock, ms: number, seen: AbortSignal[]): Compute {
  return async (query, signal) => {
    seen.push(signal);
    await sleep(clock, ms, signal);
    return [article(query.query)];
  };
}

async function typeBurst(
  s: Setup,
  answerer: Answerer,
  compute: Compute,
  count: number,
): Promise<{ asks: Promise<string[] | string>[]; outcomes: Promise<string>[] }> {
  const asks: Promise<string[] | string>[] = [];
  const outcomes: Promise<string>[] = [];
  for (let i = 0; i < count; i++) {
    asks.push(s.type(s.alice, `q${i}`));
    const [query] = await s.fetchQueries();
    outcomes.push(answerer.answer(query!, compute));
    await s.clock.advance(50);
  }
  return { asks, outcomes };
}

describe('Answerer', () => {
  it('answers only the last of 20 queries typed 50 ms apart, aborting every earlier compute', async () => {
    const s = await setup();
    const answerer = new Answerer(s.bot);
    const seen: AbortSignal[] = [];
    const { asks, outcomes } = await typeBurst(s, answerer, slowCompute(s.clock, 200, seen), 20);
    await s.clock.advance(200);
    const settled = await Promise.all(outcomes);
    expect(settled.slice(0, 19)).toEqual(Array(19).fill('superseded'));
    expect(settled[19]).toBe('answered');
    expect(seen).toHaveLength(20);
    expect(seen.slice(0, 19).every((signal) => signal.aborted)).toBe(true);
    expect(seen[0]?.reason).toBeInstanceOf(AnswerAbortedError);
    expect(seen[19]?.aborted).toBe(false);
    await s.clock.advance(10_000); // the unanswered queries expire in the emulator
    const shown = await Promise.all(asks);
    expect(shown.slice(0, 19)).toEqual(Array(19).fill('no_answer'));
    expect(shown[19]).toEqual(['r-q19']);
    expect(answerer.counters).toMatchObject({
      started: 20,
      aborted: 19,
      answered: 1,
      staleDropped: 0,
    });
    expect(answerer.active).toBe(0);
    expect(s.errors).toEqual([]);
  });

  it('with debounce runs one computation for a burst', async () => {
    const s = await setup();
    const answerer = new Answerer(s.bot, { debounceMs: 300 });
    const seen: AbortSignal[] = [];
    const { asks, outcomes } = await typeBurst(s, answerer, slowCompute(s.clock, 100, seen), 20);
    await s.clock.advance(400);
    const settled = await Promise.all(outcomes);
    expect(seen).toHaveLength(1);
    expect(settled.filter((o) => o === 'answered')).toHaveLength(1);
    expect(settled[19]).toBe('answered');
    expect(answerer.counters).toMatchObject({ started: 1, debounced: 19, answered: 1, aborted: 0 });
    await s.clock.advance(10_000);
    expect((await Promise.all(asks))[19]).toEqual(['r-q19']);
  });

  it('never lets two users typing at once cancel each other', async () => {
    const s = await setup();
    const answerer = new Answerer(s.bot);
    const compute = slowCompute(s.clock, 120, []);
    const asks: Promise<string[] | string>[] = [];
    const outcomes: Promise<string>[] = [];
    for (let i = 0; i < 3; i++) {
      for (const user of [s.alice, s.bob]) {
        asks.push(s.type(user, `${user.firstName}${i}`));
        const [query] = await s.fetchQueries();
        outcomes.push(answerer.answer(query!, compute));
      }
      await s.clock.advance(50);
    }
    await s.clock.advance(200);
    const settled = await Promise.all(outcomes);
    expect(settled).toEqual([
      'superseded',
      'superseded',
      'superseded',
      'superseded',
      'answered',
      'answered',
    ]);
    await s.clock.advance(10_000);
    const shown = await Promise.all(asks);
    expect(shown.slice(4)).toEqual([['r-Alice2'], ['r-Bob2']]);
  });

  it('drops the late result of a compute that ignores its signal', async () => {
    const s = await setup();
    const answerer = new Answerer(s.bot);
    let finishedLate = false;
    const stubborn: Compute = async (query) => {
      await sleep(s.clock, 200); // ignores the signal
      if (query.query === 'q0') finishedLate = true;
      return [article(query.query)];
    };
    const { asks, outcomes } = await typeBurst(s, answerer, stubborn, 2);
    await s.clock.advance(300);
    expect(await Promise.all(outcomes)).toEqual(['superseded', 'answered']);
    expect(finishedLate).toBe(true);
    expect(answerer.counters).toMatchObject({ staleDropped: 1, answered: 1 });
    await s.clock.advance(10_000);
    expect(await Promise.all(asks)).toEqual(['no_answer', ['r-q1']]);
  });

  it('aborts a compute that exceeds the timeout and sends nothing', async () => {
    const s = await setup();
    const answerer = new Answerer(s.bot, { timeoutMs: 1_000 });
    const seen: AbortSignal[] = [];
    const ask = s.type(s.alice, 'slow');
    const [query] = await s.fetchQueries();
    const outcome = answerer.answer(query!, slowCompute(s.clock, 5_000, seen));
    await s.clock.advance(1_000);
    expect(await outcome).toBe('timeout');
    expect(seen[0]?.aborted).toBe(true);
    expect((seen[0]?.reason as AnswerAbortedError).reason).toBe('timeout');
    expect(answerer.counters).toMatchObject({ aborted: 1, timedOut: 1, answered: 0 });
    await s.clock.advance(10_000);
    expect(await ask).toBe('no_answer');
  });

  it('reports answers that come too late on the bot error event and the hook', async () => {
    const s = await setup(500);
    const hooked: unknown[] = [];
    const answerer = new Answerer(s.bot, { onError: (error) => hooked.push(error) });
    const ask = s.type(s.alice, 'late');
    const [query] = await s.fetchQueries();
    const outcome = answerer.answer(query!, slowCompute(s.clock, 800, []));
    await s.clock.advance(800);
    expect(await outcome).toBe('failed');
    expect(await ask).toBe('no_answer');
    expect(s.errors).toHaveLength(1);
    const [error, info] = s.errors[0]!;
    expect(String((error as Error).message)).toMatch(/query is too old/);
    expect(info.source).toBe('answerer');
    expect(info.outcome).toBe('continue');
    expect(info.incoming?.msg).toBe(query);
    expect(hooked).toEqual([error]);
    expect(answerer.counters.failed).toBe(1);
  });

  it('reports compute errors and never rejects', async () => {
    const s = await setup();
    const answerer = new Answerer(s.bot);
    void s.type(s.alice, 'boom');
    const [query] = await s.fetchQueries();
    const outcome = await answerer.answer(query!, () => {
      throw new Error('compute broke');
    });
    expect(outcome).toBe('failed');
    expect((s.errors[0]?.[0] as Error).message).toBe('compute broke');
    expect(answerer.active).toBe(0);
  });

  it('sends default options, overridden by the compute result, and gives compute the offset', async () => {
    const s = await setup();
    const answerer = new Answerer(s.bot, { defaults: { cache_time: 0, is_personal: true } });
    const all = Array.from({ length: 7 }, (_, i) => article(`item${i}`));
    const offsets: string[] = [];
    const compute: Compute = (_query, _signal, offset) => {
      offsets.push(offset);
      const start = offset === '' ? 0 : Number(offset);
      const end = start + 5;
      return { results: all.slice(start, end), next_offset: end < all.length ? String(end) : '' };
    };
    const first = s.alice.inlineQuery(s.account, 'items');
    const [q1] = await s.fetchQueries();
    expect(await answerer.answer(q1!, compute)).toBe('answered');
    const page1 = await first;
    expect(page1.results).toHaveLength(5);
    expect(page1.nextOffset).toBe('5');
    const second = s.alice.inlineQuery(s.account, 'items', { offset: page1.nextOffset });
    const [q2] = await s.fetchQueries();
    expect(await answerer.answer(q2!, compute)).toBe('answered');
    const page2 = await second;
    expect(page2.results.map((r) => r.id)).toEqual(['r-item5', 'r-item6']);
    expect(page2.nextOffset).toBe('');
    expect(offsets).toEqual(['', '5']);
  });

  it('aborts everything on close', async () => {
    const s = await setup();
    const answerer = new Answerer(s.bot);
    void s.type(s.alice, 'x');
    const [query] = await s.fetchQueries();
    const seen: AbortSignal[] = [];
    const outcome = answerer.answer(query!, slowCompute(s.clock, 1_000, seen));
    await s.clock.advance(10);
    answerer.close();
    expect(await outcome).toBe('closed');
    expect(answerer.active).toBe(0);
  });

  it('rejects bad options and bad calls with advice', () => {
    const bot = new Bot('123:abc', { clock: new ManualClock() });
    const bad: AnswererOptions[] = [
      { timeoutMs: 20_000 },
      { debounceMs: -1 },
      { debounceMs: 9_000, timeoutMs: 5_000 },
    ];
    for (const options of bad) expect(() => new Answerer(bot, options)).toThrow(RangeError);
    expect(() => new Answerer(bot).answer({} as InlineQuery, () => [])).toThrow(
      /must be an InlineQuery/,
    );
  });
});

describe('Answerer abort reasons', () => {
  const query = (id: string, userId: number): InlineQuery => ({
    id,
    from: { id: userId, is_bot: false, first_name: 'U' },
    query: id,
    offset: '',
    chat_type: 'sender',
  });
  const stubBot = (clock: ManualClock): ConstructorParameters<typeof Answerer>[0] =>
    ({ api: {}, clock, reportError: () => {} }) as unknown as ConstructorParameters<
      typeof Answerer
    >[0];
  const waiting: Compute = (_q, signal) =>
    new Promise((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason as Error)),
    );

  it('names the superseded query, not the one that superseded it', async () => {
    const answerer = new Answerer(stubBot(new ManualClock()));
    const signals: AbortSignal[] = [];
    const compute: Compute = (q, signal, offset) => {
      signals.push(signal);
      return waiting(q, signal, offset);
    };
    const first = answerer.answer(query('q-old', 7), compute);
    await new Promise((resolve) => setImmediate(resolve));
    const second = answerer.answer(query('q-new', 7), compute);
    expect(await first).toBe('superseded');
    const reason = signals[0]?.reason as AnswerAbortedError;
    expect(reason.reason).toBe('superseded');
    expect(reason.queryId).toBe('q-old');
    expect(reason.message).toContain('q-old');
    answerer.close();
    expect(await second).toBe('closed');
    expect((signals[1]?.reason as AnswerAbortedError).queryId).toBe('q-new');
  });
});
