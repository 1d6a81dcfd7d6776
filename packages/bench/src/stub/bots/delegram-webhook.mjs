// delegram's counter bot on a webhook: WebhookServer on 127.0.0.1 (a free port; default options,
// so it answers 200 once an update is accepted) + DelegatorBot, ChatHandler counter per chat;
// setWebhook points the stub at it.
import { WebhookServer, setWebhook } from 'delegram';
import { botProcess } from '../../e2e/bots/botProcess.mjs';
import { delegramCounterBot } from '../../lib/counterBots.mjs';

await botProcess(async (env) => {
  const bot = delegramCounterBot(env);
  const server = new WebhookServer(bot);
  const { url } = await server.start();
  await setWebhook(bot, url);
  return async () => {
    await server.stop();
    await bot.stop();
  };
});
