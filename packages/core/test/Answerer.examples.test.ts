import { Api, ManualClock } from '@delegram/api';
import type { ChosenInlineResult, InlineQuery, InlineQueryResult } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { Answerer } from '../src/Answerer.js';
import { Bot } from '../src/Bot.js';
import { DelegatorBot } from '../src/DelegatorBot.js';
import type { CloseReason } from '../src/delegation/Delegate.js';
import { delegate } from '../src/delegation/pairs.js';
import { perInlineFromId } from '../src/delegation/seeders.js';
import { InlineUserHandler } from '../src/handlers/InlineUserHandler.js';
import { MessageLoop } from '../src/MessageLoop.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const article = (id: string, text: string): InlineQueryResult => ({
  type: 'article',
  id,
  title: text,
  input_message_content: { message_text: text },
});

async function startEmulator(): Promise<Emulator> {
  const emu = new Emulator();
  await emu.start();
  cleanup.push(() => emu.stop());
  return emu;
}

function runLoop(loop: MessageLoop, after?: () => Promise<void>): void {
  const running = loop.run();
  cleanup.push(async () => {
    await loop.stop();
    await running;
    await after?.();
  });
}

describe('Answerer in the telepot inline examples', () => {
  it('answers inline queries from a MessageLoop handler and sees the chosen result (inline.py)', async () => {
    const emu = await startEmulator();
    const account = emu.createBot({
      username: 'inline_bot',
      supportsInlineQueries: true,
      inlineFeedback: true,
    });
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, account);
    const clock = new ManualClock(Date.now());
    const bot = new Bot(new Api(account.token, { apiRoot: emu.apiRoot, clock }), { clock });
    const answerer = new Answerer(bot, { defaults: { cache_time: 0 } });
    const chosen: ChosenInlineResult[] = [];
    const loop = new MessageLoop(
      bot,
      (msg, incoming) => {
        if (incoming.flavor === 'inline_query') {
          const query = msg as InlineQuery;
          // Not awaited: a newer query of the same user must be able to supersede this one.
          void answerer.answer(query, (q) => [
            article('upper', q.query.toUpperCase()),
            article('lower', q.query.toLowerCase()),
          ]);
        } else if (incoming.flavor === 'chosen_inline_result') {
          chosen.push(msg as ChosenInlineResult);
        }
      },
      { timeout: 1 },
    );
    runLoop(loop);

    const answer = await alice.inlineQuery(account, 'Hello', { chat });
    expect(answer.results.map((r) => r.id)).toEqual(['upper', 'lower']);
    const sent = await answer.choose('upper');
    expect(sent.text).toBe('HELLO');
    await emu.waitForIdle();
    expect(chosen.map((c) => [c.result_id, c.query])).toEqual([['upper', 'Hello']]);
    expect(answerer.counters).toMatchObject({ started: 1, answered: 1 });
  });

  it('runs the per-user QueryCounter: a delegate per inline user with its own this.answerer (inlinea.py)', async () => {
    const emu = await startEmulator();
    const account = emu.createBot({ username: 'counter_bot', supportsInlineQueries: true });
    const alice = emu.createUser({ firstName: 'Alice' });
    const bob = emu.createUser({ firstName: 'Bob' });
    const closes: CloseReason[] = [];

    const answerers: Answerer[] = [];

    class QueryCounter extends InlineUserHandler {
      private count = 0;

      override onInlineQuery(query: InlineQuery): void {
        if (!answerers.includes(this.answerer)) answerers.push(this.answerer);
        void this.answerer.answer(query, (q) => {
          this.count += 1;
          const text = `${this.count}. ${q.query}`;
          return [article('abc', text)];
        });
      }

      override onClose(reason: CloseReason): unknown {
        closes.push(reason);
        return super.onClose(reason);
      }
    }

    const clock = new ManualClock(Date.now());
    const api = new Api(account.token, { apiRoot: emu.apiRoot, clock });
    const bot = new DelegatorBot(
      api,
      [
        delegate(perInlineFromId(), QueryCounter, {
          timeout: 10,
          answerer: { defaults: { is_personal: true } },
        }),
      ],
      {
        clock,
      },
    );
    const loop = new MessageLoop(bot, undefined, { timeout: 1 });
    runLoop(loop, () => bot.stop());

    const titles = async (user: typeof alice, text: string): Promise<string | undefined> =>
      ((await user.inlineQuery(account, text)).results[0] as { title?: string } | undefined)?.title;
    expect(await titles(alice, 'a')).toBe('1. a');
    expect(await titles(alice, 'ab')).toBe('2. ab');
    expect(await titles(bob, 'x')).toBe('1. x');
    expect(await titles(alice, 'abc')).toBe('3. abc');
    expect(bot.delegateCount).toBe(2);

    await clock.advance(10_000); // both delegates go idle and close their answerers
    expect(closes.map((c) => c.reason)).toEqual(['idle', 'idle']);
    expect(await titles(alice, 'again')).toBe('1. again');
    // one answerer per delegate: Alice's, Bob's, and Alice's new delegate's after the restart
    expect(answerers).toHaveLength(3);
  });
});
