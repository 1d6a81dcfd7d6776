// grammY's counter bot on a webhook: webhookCallback(bot, 'http') on a node:http server on
// 127.0.0.1 (it answers once the handler finished, so Telegram's one-update-per-chat-at-a-time
// keeps the order), the counter in a Map; setWebhook points the stub at it.
import { createServer } from 'node:http';
import { webhookCallback } from 'grammy';
import { botProcess } from '../../e2e/bots/botProcess.mjs';
import { grammyCounterBot } from '../../lib/counterBots.mjs';

await botProcess(async (env) => {
  const bot = grammyCounterBot(env);
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
