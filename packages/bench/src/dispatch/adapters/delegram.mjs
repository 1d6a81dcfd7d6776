// delegram: DelegatorBot.handle() called for each update (its entry point, as a MessageLoop or a
// webhook calls it), one ChatHandler delegate per chat (idle timeout 10 s) holding the counter,
// replies through this.sender.sendMessage, i.e. the bot's Api with a transformer answering from
// the stub. Per-chat order comes from each delegate's mailbox.
import { Api } from '@delegram/api';
import { ChatHandler, DelegatorBot, delegate, perChatId } from 'delegram';
import { tracker } from '../../lib/track.mjs';

/**
 * Builds a DelegatorBot whose Api answers from the stub. `count(chatId)` reads the counter from
 * the chat's live delegate, or the value it had when it closed: on a loaded machine a long burst
 * run outlasts the 10 s idle timeout, and a delegate whose chat went quiet closes mid-run, as it
 * should (a later message would start a new count, which the stub would flag).
 */
export function buildDelegramBot(handler, env, { timeout = 10 } = {}) {
  const api = new Api(env.token);
  api.use((_prev, method, payload, signal) => env.callApi(method, payload, signal));
  const live = new Map();
  const closedCounts = new Map();
  class Counter extends ChatHandler {
    state = handler.initial();
    constructor(seedTuple, options) {
      super(seedTuple, options);
      live.set(this.chatId, this);
    }
    async onChatMessage(msg) {
      await this.sender.sendMessage(handler.onText(this.state, msg.text));
    }
    onClose() {
      if (live.get(this.chatId) === this) live.delete(this.chatId);
      closedCounts.set(this.chatId, this.state.count);
    }
  }
  const bot = new DelegatorBot(api, [delegate(perChatId(), Counter, { timeout })]);
  bot.on('error', (error) => env.error(error));
  const count = (id) => live.get(id)?.state.count ?? closedCounts.get(id);
  return { bot, count };
}

export const adapter = {
  name: 'delegram',
  describe:
    'DelegatorBot.handle() per update, ChatHandler delegate per chat (idle 10 s) holding the counter, Api transformer to the stub',
  packages: ['delegram'],
  ordered: true,
  async setup(handler, env) {
    const { bot, count } = buildDelegramBot(handler, env);
    const t = tracker((e) => env.error(e));
    return {
      feed: (u) => t.track(bot.handle(u)),
      drain: () => t.drained(),
      close: () => bot.stop(),
      count,
    };
  },
};
