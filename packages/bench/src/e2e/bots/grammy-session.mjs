// grammY's counter bot with sessions: the grammy row's bot (@grammyjs/runner, sequentialize by
// chat), its count in grammY's session middleware, on the storage BENCH_STORE names: memory (the
// built-in MemorySessionStorage) or redis (@grammyjs/storage-redis on ioredis at BENCH_REDIS_URL).
import { run, sequentialize } from '@grammyjs/runner';
import { RedisAdapter } from '@grammyjs/storage-redis';
import { Bot, MemorySessionStorage, session } from 'grammy';
import { Redis } from 'ioredis';
import { botProcess } from './botProcess.mjs';

await botProcess(async ({ apiRoot, token }) => {
  const bot = new Bot(token, { client: { apiRoot } });
  bot.catch((err) => process.stderr.write(`[grammy bot] ${String(err.error ?? err)}\n`));
  let redis;
  let storage;
  if (process.env.BENCH_STORE === 'redis') {
    redis = new Redis(process.env.BENCH_REDIS_URL);
    storage = new RedisAdapter({ instance: redis });
  } else if (process.env.BENCH_STORE === 'memory') {
    storage = new MemorySessionStorage();
  } else {
    throw new Error('BENCH_STORE must be memory or redis');
  }
  bot.use(sequentialize((ctx) => String(ctx.chat?.id)));
  bot.use(session({ initial: () => ({ count: 0 }), storage }));
  bot.on('message:text', async (ctx) => {
    ctx.session.count += 1;
    await ctx.reply(String(ctx.session.count));
  });
  await bot.init();
  const runner = run(bot);
  return async () => {
    if (runner.isRunning()) await runner.stop();
    await redis?.quit();
  };
});
