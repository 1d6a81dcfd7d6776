// delegram's counter bot with durable state: the delegram row's bot, its count in a ChatHandler's
// `state` field, saved after each message (effectively once) to the store BENCH_STORE names:
// memory (MemoryStore), sqlite (a fresh SqliteStore file in BENCH_SQLITE_DIR) or redis
// (RedisStore at BENCH_REDIS_URL); BENCH_INBOX=1 adds the loop's inbox (a FileInbox).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Api } from '@delegram/api';
import { RedisStore } from '@delegram/redis';
import { SqliteStore } from '@delegram/sqlite';
import { ChatHandler, DelegatorBot, MemoryStore, MessageLoop, delegate, perChatId } from 'delegram';
import { freshInbox } from '../../lib/freshInbox.mjs';
import { botProcess } from './botProcess.mjs';

class Counter extends ChatHandler {
  state = { count: 0 };
  async onChatMessage() {
    this.state.count += 1;
    await this.sender.sendMessage(String(this.state.count));
  }
}

function openStore() {
  switch (process.env.BENCH_STORE) {
    case 'memory':
      return new MemoryStore();
    case 'sqlite':
      return new SqliteStore({ path: join(process.env.BENCH_SQLITE_DIR, `${randomUUID()}.db`) });
    case 'redis':
      return new RedisStore({ url: process.env.BENCH_REDIS_URL });
    default:
      throw new Error(`BENCH_STORE must be memory, sqlite or redis`);
  }
}

await botProcess(async ({ apiRoot, token }) => {
  const store = openStore();
  const bot = new DelegatorBot(
    new Api(token, { apiRoot }),
    [delegate(perChatId(), Counter, { timeout: 10 })],
    { store },
  );
  bot.on('error', (error) => process.stderr.write(`[delegram bot] ${String(error)}\n`));
  // BENCH_INBOX=1: the -inbox rows (a FileInbox: confirmed at once, at-least-once)
  const journal = process.env.BENCH_INBOX === '1' ? freshInbox() : undefined;
  const loop = new MessageLoop(bot, undefined, {
    timeout: 30,
    ...(journal === undefined ? {} : { inbox: journal.inbox }),
  });
  const running = loop.run();
  return async () => {
    await loop.stop();
    await running;
    await bot.stop();
    await store.close();
    journal?.remove();
    const { polls, duplicates, dispatched, peakInProgress } = loop.stats;
    return { polls, duplicates, dispatched, peakInProgress, saves: bot.stateStats.saves };
  };
});
