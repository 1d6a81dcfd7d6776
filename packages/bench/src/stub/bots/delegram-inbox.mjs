// The delegram row with a durable local journal: MessageLoop's inbox option with a FileInbox on a
// fresh file (each update appended and synced, then confirmed at once, handled, marked done:
// at-least-once without Telegram sending updates in progress again).
import { MessageLoop } from 'delegram';
import { botProcess } from '../../e2e/bots/botProcess.mjs';
import { counterBot, freshInbox } from './delegramBot.mjs';

await botProcess(async (env) => {
  const bot = counterBot(env);
  const { inbox, remove } = freshInbox();
  const loop = new MessageLoop(bot, undefined, { inbox });
  const running = loop.run();
  return async () => {
    try {
      await loop.stop();
      await running;
      await bot.stop();
    } finally {
      remove();
    }
    const { polls, duplicates, peakInProgress } = loop.stats;
    return { polls, duplicates, peakInProgress, inbox: { ...inbox.stats } };
  };
});
