// grammY's counter bot over HTTP: @grammyjs/runner run(bot) (long polling, concurrent sink) +
// sequentialize(chat.id), the counter in a Map. Also the stub scenario's grammy-runner row.
import { run, sequentialize } from '@grammyjs/runner';
import { grammyCounterBot } from '../../lib/counterBots.mjs';
import { botProcess } from './botProcess.mjs';

await botProcess(async (env) => {
  const bot = grammyCounterBot(
    env,
    sequentialize((ctx) => String(ctx.chat?.id)),
  );
  await bot.init();
  // BENCH_SINK_CONCURRENCY: the grammy-100 row (at most that many updates in progress)
  const concurrency = Number(process.env.BENCH_SINK_CONCURRENCY);
  const runner = run(bot, concurrency > 0 ? { sink: { concurrency } } : undefined);
  return async () => {
    if (runner.isRunning()) await runner.stop();
  };
});
