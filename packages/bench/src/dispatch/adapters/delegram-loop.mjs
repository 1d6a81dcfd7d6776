// delegram's production path: MessageLoop polling the stubbed getUpdates (batches of <= 100,
// offsets confirmed as updates finish) and calling DelegatorBot.handle(); the counterpart of
// grammy-runner.
import { MessageLoop } from 'delegram';
import { nextTurn } from '../../lib/stats.mjs';
import { buildDelegramBot } from './delegram.mjs';

export const adapter = {
  name: 'delegram-loop',
  describe: 'MessageLoop over stubbed getUpdates + DelegatorBot (ChatHandler per chat, idle 10 s)',
  packages: ['delegram'],
  ordered: true,
  async setup(handler, env) {
    const { bot, count } = buildDelegramBot(handler, env);
    const loop = new MessageLoop(bot, undefined, { timeout: 30 });
    const running = loop.run();
    return {
      feed: (u) => env.queue.push(u),
      async drain() {
        await env.idle();
        await nextTurn();
      },
      async close() {
        await loop.stop();
        await running;
        await bot.stop();
      },
      count,
    };
  },
};
