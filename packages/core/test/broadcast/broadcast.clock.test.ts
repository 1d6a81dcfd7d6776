import { ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from '../../src/Bot.js';
import { broadcast } from '../../src/broadcast/broadcast.js';
import { MemoryStore } from '../../src/state/MemoryStore.js';
import { driveClock } from '../flowControl/driveClock.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('broadcast on the simulated clock, at Telegram’s own limits', () => {
  it('takes the theoretical time at 30 per second, trips nothing, and resumes without duplicates', async () => {
    const clock = new ManualClock(Date.now());
    const emu = new Emulator({ clock });
    await emu.start();
    stops.push(() => emu.stop());
    const account = emu.createBot({ username: 'news_bot' });
    const chats = Array.from({ length: 300 }, (_, i) =>
      emu.privateChat(emu.createUser({ firstName: `R${i}` }), account),
    );
    const ids = chats.map((c) => c.id);
    const store = new MemoryStore();
    // paced from the start, as on the system clock: the second bot is a restart
    const makeBot = () =>
      new Bot(account.token, {
        clock,
        api: { apiRoot: emu.apiRoot },
        store,
        flowControl: { startPaced: true },
      });

    const first = makeBot();
    const run = broadcast(first, { id: 'sim', chats: ids, message: 'News' });
    run.on('progress', (p) => {
      if (p.done >= 120) void run.stop();
    });
    const stopped = await driveClock(clock, first.flow!, run.done);
    expect(stopped).toMatchObject({ stopped: true, finished: false });

    const second = makeBot();
    const started = clock.now();
    const resumed = await driveClock(
      clock,
      second.flow!,
      broadcast(second, { id: 'sim', chats: ids, message: 'News' }).done,
    );
    const tookMs = clock.now() - started;
    expect(resumed).toMatchObject({ finished: true, sent: 300, uncertain: 0 });
    for (const chat of chats) {
      expect(chat.history().filter((m) => m.from?.is_bot === true)).toHaveLength(1);
    }
    expect(emu.flood.refused).toBe(0);
    // the rest went at the bot-wide rate: within 5% of (300 - done) / 30 per second
    const rest = 300 - stopped.done;
    expect(tookMs).toBeGreaterThanOrEqual(((rest - 30) / 30) * 1000);
    expect(tookMs).toBeLessThanOrEqual((rest / 30) * 1000 * 1.05);
  });
});
