// delegram's counter bot on the stub, default options: MessageLoop (long polling, confirms an
// update once it and every older one finished: at-least-once) + DelegatorBot, ChatHandler counter.
import { MessageLoop } from 'delegram';
import { botProcess } from '../../e2e/bots/botProcess.mjs';
import { counterBot } from './delegramBot.mjs';

await botProcess(async (env) => {
  const bot = counterBot(env);
  const loop = new MessageLoop(bot);
  const running = loop.run();
  return async () => {
    await loop.stop();
    await running;
    await bot.stop();
    const { polls, duplicates, peakInProgress } = loop.stats;
    return { polls, duplicates, peakInProgress };
  };
});
