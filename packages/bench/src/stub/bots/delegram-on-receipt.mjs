// The delegram row with MessageLoop confirm: 'on-receipt' (the next poll confirms what was
// received: at-most-once for what is in progress, like grammY's runner; up to 500 in progress).
import { MessageLoop } from 'delegram';
import { botProcess } from '../../e2e/bots/botProcess.mjs';
import { counterBot } from './delegramBot.mjs';

await botProcess(async (env) => {
  const bot = counterBot(env);
  const loop = new MessageLoop(bot, undefined, { confirm: 'on-receipt' });
  const running = loop.run();
  return async () => {
    await loop.stop();
    await running;
    await bot.stop();
    const { polls, duplicates, peakInProgress } = loop.stats;
    return { polls, duplicates, peakInProgress };
  };
});
