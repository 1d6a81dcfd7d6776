// The inline-query variants of scenario 4. Each gets the simulated clock, the stub's callApi, the
// shared compute(query, signal) and builds a bot whose entry point receives each update.
import { Api } from '@delegram/api';
import * as delegram from 'delegram';
import { Bot as GrammyBot } from 'grammy';

// Answerer is being added to delegram's index; until it is exported, use the built file.
const answererSource =
  typeof delegram.Answerer === 'function' ? 'delegram' : 'core/dist/Answerer.js';
const Answerer =
  delegram.Answerer ?? (await import('../../../core/dist/Answerer.js').catch(() => ({}))).Answerer;

function delegramVariant(debounceMs, describe) {
  return {
    describe,
    packages: ['delegram'],
    async setup({ clock, callApi, compute, onError }) {
      const { Bot, toIncoming } = delegram;
      if (typeof Answerer !== 'function') throw new Error('delegram has no Answerer (yet)');
      const api = new Api('123456789:AAbenchmarkbenchmarkbenchmarkbenchmark', { clock });
      api.use((_prev, method, payload) => callApi(method, payload));
      const bot = new Bot(api, { clock });
      bot.on('error', (e) => onError(e));
      const answerer = new Answerer(bot, { debounceMs, timeoutMs: 8_000 });
      const pending = new Set();
      // what a MessageLoop handler function does for each update
      const handler = (msg, incoming) => {
        if (incoming.flavor !== 'inline_query') return;
        const p = answerer.answer(msg, (q, signal) => compute(q, signal));
        pending.add(p);
        void p.finally(() => pending.delete(p));
      };
      return {
        feed(update) {
          const incoming = toIncoming(update);
          handler(incoming.msg, incoming);
        },
        async drain() {
          while (pending.size > 0) await Promise.all([...pending]);
        },
        close: () => answerer.close(),
        counters: () => ({ ...answerer.counters, importedFrom: answererSource }),
      };
    },
  };
}

export const VARIANTS = {
  delegram: delegramVariant(
    0,
    'delegram Answerer (no debounce): a newer query aborts the older computation',
  ),
  'delegram-debounce': delegramVariant(100, 'delegram Answerer with debounceMs 100'),
  grammy: {
    describe:
      "grammY bot.on('inline_query') handler via handleUpdate: compute, then ctx.answerInlineQuery",
    packages: ['grammy'],
    async setup({ callApi, compute, onError }) {
      const bot = new GrammyBot('123456789:AAbenchmarkbenchmarkbenchmarkbenchmark', {
        botInfo: {
          id: 123456789,
          is_bot: true,
          first_name: 'Bench',
          username: 'bench_bot',
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: true,
          can_connect_to_business: false,
          has_main_web_app: false,
        },
      });
      bot.api.config.use((_prev, method, payload) =>
        callApi(method, payload).then((result) => ({ ok: true, result })),
      );
      bot.on('inline_query', async (ctx) => {
        const results = await compute(ctx.inlineQuery, undefined);
        await ctx.answerInlineQuery(results);
      });
      const pending = new Set();
      return {
        feed(update) {
          const p = bot.handleUpdate(update).catch(onError);
          pending.add(p);
          void p.finally(() => pending.delete(p));
        },
        async drain() {
          while (pending.size > 0) await Promise.all([...pending]);
        },
      };
    },
  },
};
