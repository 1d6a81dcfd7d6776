// grammY's flow bot, as grammY users build one: @grammyjs/transformer-throttler with the emulator's
// limits (BENCH_FLOW_SCALE, 10: 300/s bot-wide, 10/s per private chat, 200/min per group), then
// @grammyjs/auto-retry (installed second, so it wraps the throttler and retries a 429 through it),
// @grammyjs/runner, `bot.on('message:text')` replying `reply <n>` to a user's message `<n>`, and
// the newsletter sent by a loop of `bot.api.sendMessage` with at most BENCH_FLOW_IN_FLIGHT (100)
// calls in flight.
import { autoRetry } from '@grammyjs/auto-retry';
import { run } from '@grammyjs/runner';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot } from 'grammy';
import { botProcess } from '../../e2e/bots/botProcess.mjs';
import { onBroadcast } from './onBroadcast.mjs';

await botProcess(async ({ apiRoot, token }) => {
  const scale = Number(process.env.BENCH_FLOW_SCALE ?? 10);
  const inFlight = Number(process.env.BENCH_FLOW_IN_FLIGHT ?? 100);
  const bot = new Bot(token, { client: { apiRoot } });
  bot.catch((err) => process.stderr.write(`[grammy bot] ${String(err.error ?? err)}\n`));
  // the throttler's defaults (its README) with every rate × scale
  bot.api.config.use(
    apiThrottler({
      global: {
        reservoir: 30 * scale,
        reservoirRefreshAmount: 30 * scale,
        reservoirRefreshInterval: 1000,
      },
      group: {
        maxConcurrent: 1,
        minTime: 1000 / scale,
        reservoir: 20 * scale,
        reservoirRefreshAmount: 20 * scale,
        reservoirRefreshInterval: 60_000,
      },
      out: { maxConcurrent: 1, minTime: 1000 / scale },
    }),
  );
  let retries = 0;
  bot.api.config.use(async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (res.error_code === 429) retries += 1;
    return res;
  });
  bot.api.config.use(autoRetry());
  bot.on('message:text', (ctx) => ctx.reply(`reply ${ctx.message.text}`));
  await bot.init();
  const runner = run(bot);
  onBroadcast(async (chats, text) => {
    let next = 0;
    let sent = 0;
    let failed = 0;
    const worker = async () => {
      while (next < chats.length) {
        const chatId = chats[next++];
        try {
          await bot.api.sendMessage(chatId, text);
          sent += 1;
        } catch (error) {
          failed += 1;
          process.stderr.write(`[grammy bot] broadcast to ${chatId}: ${String(error)}\n`);
        }
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return { report: { sent, failed, inFlight } };
  });
  return async () => {
    if (runner.isRunning()) await runner.stop();
    return { rateLimited: retries };
  };
});
