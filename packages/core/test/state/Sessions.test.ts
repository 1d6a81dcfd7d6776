import type { Message } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/Bot.js';
import { MessageLoop } from '../../src/MessageLoop.js';
import { StateSaveError } from '../../src/state/errors.js';
import { MemoryStore } from '../../src/state/MemoryStore.js';
import { Sessions } from '../../src/state/Sessions.js';
import { FakeTelegram, until } from '../support/FakeTelegram.js';
import { msg } from '../support/loopKit.js';
import { ManualClock, OptionsError } from '@delegram/api';
import { FlakyStore } from '../support/FlakyStore.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileInbox } from '../../src/inbox/FileInbox.js';
import { inRealTime } from '../support/inboxKit.js';

function world(store: MemoryStore | FlakyStore, clock: ManualClock, inbox?: FileInbox) {
  const tg = new FakeTelegram();
  const bot = new Bot(tg.asApi(), { clock, store });
  const errors: unknown[] = [];
  bot.on('error', (e) => errors.push(e));
  const sessions = new Sessions(bot, {
    name: 'tally',
    initial: () => ({ n: 0, seen: [] as string[] }),
  });
  const replies: string[] = [];
  const loop = new MessageLoop(
    bot,
    {
      chat: sessions.handler(async (m: Message, _incoming, session) => {
        await Promise.resolve();
        session!.state.n += 1;
        session!.state.seen.push(m.text ?? '');
        replies.push(`${m.chat.id}:${session!.state.n}`);
      }),
    },
    inbox === undefined ? {} : { inbox },
  );
  return { tg, bot, errors, sessions, loop, replies };
}

describe('Sessions', () => {
  it('keeps per-chat state in order across concurrent updates, and applies a redelivery once', async () => {
    const clock = new ManualClock();
    const store = new MemoryStore({ clock });
    const one = world(store, clock);
    const updates = one.tg.push(msg('a', 1), msg('b', 1), msg('c', 2), msg('d', 1));
    const running = one.loop.run();
    await until(() => one.replies.length === 4);
    await one.loop.stop();
    await running;
    expect(one.replies.filter((r) => r.startsWith('1:'))).toEqual(['1:1', '1:2', '1:3']);
    expect(one.replies).toContain('2:1');
    const stored = JSON.parse((await store.get('session:tally:1'))!.value) as {
      u: number;
      data: { seen: string[] };
    };
    expect(stored.data.seen).toEqual(['a', 'b', 'd']);
    expect(stored.u).toBe(updates[3]!.update_id);

    const two = world(store, clock); // a restart that gets the last update again
    two.tg.pushRaw(updates[3]);
    two.tg.pushRaw({ update_id: updates[3]!.update_id + 1, ...msg('e', 1) });
    const again = two.loop.run();
    await until(() => two.replies.length === 1);
    await two.loop.stop();
    await again;
    expect(two.replies).toEqual(['1:4']);
    expect(two.bot.stateStats.skipped).toBe(1);
  });

  it('leaves an update unconfirmed when its session could not be saved before the stop', async () => {
    const clock = new ManualClock();
    const flaky = new FlakyStore(new MemoryStore({ clock }));
    const { tg, bot, loop, replies } = world(flaky, clock);
    flaky.down = true;
    const [first] = tg.push(msg('a', 1));
    const running = loop.run();
    await until(() => bot.stateStats.retries > 0);
    await clock.advance(1_000);
    const stopping = loop.stop();
    await bot.stop();
    await clock.advance(60_000);
    await stopping;
    await running;
    expect(replies).toEqual([]);
    expect(loop.stats.held).toBe(1);
    expect(tg.confirmed).toBeLessThanOrEqual(first!.update_id);
  });

  it('with an inbox, keeps an update whose session could not be saved for the next run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delegram-held-'));
    try {
      const clock = new ManualClock();
      const flaky = new FlakyStore(new MemoryStore({ clock }));
      const path = join(dir, 'bot.inbox');
      const one = world(flaky, clock, new FileInbox(path));
      flaky.down = true;
      const [first] = one.tg.push(msg('a', 1));
      const running = one.loop.run();
      await inRealTime(() => one.bot.stateStats.retries > 0, 'a failed save');
      const stopping = one.loop.stop();
      await one.bot.stop();
      await clock.advance(60_000);
      await stopping;
      await running;
      expect(one.replies).toEqual([]);
      expect(one.loop.stats.held).toBe(1);
      flaky.down = false;
      // Confirmed to Telegram (the journal has it), so only the journal can bring it back.
      const two = world(flaky, clock, new FileInbox(path));
      two.tg.pushRaw({ update_id: first!.update_id + 1, ...msg('b', 1) });
      const again = two.loop.run();
      await inRealTime(() => two.replies.length === 2, 'both updates handled');
      await two.loop.stop();
      await again;
      expect(two.replies).toEqual(['1:1', '1:2']);
      expect(two.loop.stats.replayed).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks its options', () => {
    const bot = new Bot(new FakeTelegram().asApi(), { clock: new ManualClock() });
    expect(() => new Sessions(bot, {} as never)).toThrow(OptionsError);
    expect(() => new Sessions(bot, {} as never)).toThrow(/initial/);
    let misspelt: unknown;
    try {
      new Sessions(bot, { initial: () => 1, shcema: 2 } as never);
    } catch (error) {
      misspelt = error;
    }
    expect(misspelt).toMatchObject({ key: 'shcema', suggestion: 'schema' });
    expect(StateSaveError).toBeDefined();
  });
});
