// grammY's counter bot: @grammyjs/runner run(bot) (long polling, concurrent sink, confirms on
// fetch) + sequentialize(chat.id), the counter in a Map (as src/e2e/bots/grammy.mjs).
import { run, sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';
import { botProcess } from '../../e2e/bots/botProcess.mjs';

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
  const runner = run(bot);
  return async () => {
    if (runner.isRunning()) await runner.stop();
  };
});
