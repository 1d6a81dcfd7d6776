// Telegraf: bot.handleUpdate() per update plus a per-chat promise chain middleware (Telegraf does
// not order updates of one chat by itself), counter in a Map. Telegraf builds a new Telegram client
// per update, so the stub is installed on Telegram.prototype.callApi (one adapter per process).
import { Telegraf, Telegram } from 'telegraf';
import { message } from 'telegraf/filters';
import { keyedChain, tracker } from '../../lib/track.mjs';

let currentEnv = null;
Telegram.prototype.callApi = function callApi(method, payload, opts) {
  return currentEnv.callApi(method, payload, opts?.signal);
};

export const adapter = {
  name: 'telegraf',
  describe: 'Telegraf bot.handleUpdate() per update + per-chat promise chain middleware, Map state',
  packages: ['telegraf'],
  ordered: true,
  async setup(handler, env) {
    currentEnv = env;
    const bot = new Telegraf(env.token);
    bot.botInfo = env.botInfo;
    bot.catch((err) => env.error(err));
    const chain = keyedChain();
    bot.use((ctx, next) => chain.run(ctx.chat.id, () => next()));
    const states = new Map();
    bot.on(message('text'), async (ctx) => {
      const id = ctx.chat.id;
      let s = states.get(id);
      if (s === undefined) states.set(id, (s = handler.initial()));
      await ctx.telegram.sendMessage(id, handler.onText(s, ctx.message.text));
    });
    const t = tracker((e) => env.error(e));
    return {
      feed: (u) => t.track(bot.handleUpdate(u)),
      drain: () => t.drained(),
      count: (id) => states.get(id)?.count,
    };
  },
};
