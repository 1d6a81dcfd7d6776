// Telegraf's counter bot: bot.launch() long polling (Telegraf handles one getUpdates batch at a
// time, its updates concurrently) with a per-chat promise-chain middleware for order (Telegraf does
// not order a chat's updates by itself), the counter in a Map, ctx.reply(String(n)).
import { Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import { botProcess } from '../../e2e/bots/botProcess.mjs';
import { keyedChain } from '../../lib/track.mjs';

await botProcess(async ({ apiRoot, token }) => {
  const bot = new Telegraf(token, { telegram: { apiRoot } });
  bot.catch((err) => process.stderr.write(`[telegraf bot] ${String(err)}\n`));
  const chain = keyedChain();
  bot.use((ctx, next) => (ctx.chat ? chain.run(ctx.chat.id, () => next()) : next()));
  const counts = new Map();
  bot.on(message('text'), async (ctx) => {
    const n = (counts.get(ctx.chat.id) ?? 0) + 1;
    counts.set(ctx.chat.id, n);
    await ctx.reply(String(n));
  });
  // launch() resolves when polling stops; its callback runs once getMe answered
  let launched;
  const started = new Promise((resolve) => (launched = resolve));
  const polling = bot.launch(() => launched());
  await started;
  return async () => {
    bot.stop('bench');
    await polling;
  };
});
