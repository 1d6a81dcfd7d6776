// grammY: bot.handleUpdate() per update (its entry point), sequentialize(chat.id), Map state.
import { tracker } from '../../lib/track.mjs';
import { buildGrammyBot } from './grammyBot.mjs';

export const adapter = {
  name: 'grammy',
  describe: 'grammY bot.handleUpdate() per update + sequentialize(chat.id), counter in a Map',
  packages: ['grammy', '@grammyjs/runner'],
  ordered: true,
  async setup(handler, env) {
    const { bot, count } = buildGrammyBot(handler, env);
    const t = tracker((e) => env.error(e));
    return { feed: (u) => t.track(bot.handleUpdate(u)), drain: () => t.drained(), count };
  },
};
