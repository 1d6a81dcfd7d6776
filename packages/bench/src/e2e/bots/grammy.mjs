// grammY's counter bot over HTTP: @grammyjs/runner run(bot) (long polling, concurrent sink) +
// sequentialize(chat.id), the counter in a Map.
import { run, sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';
import { botProcess } from './botProcess.mjs';

await botProcess(async ({ apiRoot, token }) => {
  const bot = new Bot(token, { client: { apiRoot } });
  bot.catch((err) => process.stderr.write(`[grammy bot] ${String(err.error ?? err)}\n`));
  bot.use(sequentialize((ctx) => String(ctx.chat?.id)));
  const counts = new Map();
  bot.on('message:text', async (ctx) => {
    const n = (counts.get(ctx.chat.id) ?? 0) + 1;
    counts.set(ctx.chat.id, n);
    await ctx.reply(String(n));
  });
  await bot.init();
  // BENCH_SINK_CONCURRENCY: the grammy-100 row (at most that many updates in progress)
  const concurrency = Number(process.env.BENCH_SINK_CONCURRENCY);
  const runner = run(bot, concurrency > 0 ? { sink: { concurrency } } : undefined);
  return async () => {
    if (runner.isRunning()) await runner.stop();
  };
});
