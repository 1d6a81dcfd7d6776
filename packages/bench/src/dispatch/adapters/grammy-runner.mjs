// grammY's production path: run(bot) from @grammyjs/runner over the stubbed getUpdates (its
// concurrent sink, 500 updates in flight) + sequentialize(chat.id), counter in a Map.
import { run } from '@grammyjs/runner';
import { nextTurn } from '../../lib/stats.mjs';
import { buildGrammyBot } from './grammyBot.mjs';

export const adapter = {
  name: 'grammy-runner',
  describe: 'grammY + @grammyjs/runner run() over stubbed getUpdates + sequentialize(chat.id)',
  packages: ['grammy', '@grammyjs/runner'],
  ordered: true,
  async setup(handler, env) {
    const { bot, count } = buildGrammyBot(handler, env);
    const runner = run(bot);
    return {
      feed: (u) => env.queue.push(u),
      async drain() {
        await env.idle();
        await nextTurn();
      },
      async close() {
        if (runner.isRunning()) await runner.stop();
      },
      count,
    };
  },
};
