// grammY's counter bot on a webhook: webhookCallback(bot, 'http') on a node:http server on
// 127.0.0.1 (it answers once the handler finished, so Telegram's one-update-per-chat-at-a-time
// keeps the order), the counter in a Map; setWebhook points the stub at it.
import { createServer } from 'node:http';
import { Bot, webhookCallback } from 'grammy';
import { botProcess } from '../../e2e/bots/botProcess.mjs';

await botProcess(async ({ apiRoot, token }) => {
  const bot = new Bot(token, { client: { apiRoot } });
  bot.catch((err) => process.stderr.write(`[grammy bot] ${String(err.error ?? err)}\n`));
  const counts = new Map();
  bot.on('message:text', async (ctx) => {
    const n = (counts.get(ctx.chat.id) ?? 0) + 1;
    counts.set(ctx.chat.id, n);
    await ctx.reply(String(n));
  });
  await bot.init();
  const handle = webhookCallback(bot, 'http');
  const server = createServer((req, res) => void handle(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  await bot.api.setWebhook(`http://127.0.0.1:${server.address().port}/`);
  return async () => {
    await new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
});
