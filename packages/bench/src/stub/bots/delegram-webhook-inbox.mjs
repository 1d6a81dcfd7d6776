// The delegram-webhook row with the webhook's inbox option: a FileInbox on a fresh file (each
// update journalled and synced before its 200, handled, marked done).
import { WebhookServer, setWebhook } from 'delegram';
import { botProcess } from '../../e2e/bots/botProcess.mjs';
import { delegramCounterBot } from '../../lib/counterBots.mjs';
import { freshInbox } from '../../lib/freshInbox.mjs';

await botProcess(async (env) => {
  const bot = delegramCounterBot(env);
  const { inbox, remove } = freshInbox();
  const server = new WebhookServer(bot, { inbox });
  const { url } = await server.start();
  await setWebhook(bot, url);
  return async () => {
    try {
      await server.stop();
      await bot.stop();
      await inbox.close();
    } finally {
      remove();
    }
    return { inbox: { ...inbox.stats } };
  };
});
