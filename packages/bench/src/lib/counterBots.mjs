// The counter bot of the end-to-end scenarios (e2e, state, stub) as each framework writes it:
// every chat counts its text messages and replies with the count.
import { Api, nodeHttpFetch } from '@delegram/api';
import { ChatHandler, DelegatorBot, delegate, perChatId } from 'delegram';
import { Bot } from 'grammy';

class Counter extends ChatHandler {
  count = 0;
  async onChatMessage() {
    this.count += 1;
    await this.sender.sendMessage(String(this.count));
  }
}

/**
 * delegram: a DelegatorBot with a ChatHandler counter per chat (idle timeout 10 s).
 * BENCH_TRANSPORT=node-http puts it on the opt-in transport (`nodeHttpFetch`).
 */
export function delegramCounterBot({ apiRoot, token }) {
  const bot = new DelegatorBot(
    new Api(token, {
      apiRoot,
      ...(process.env.BENCH_TRANSPORT === 'node-http' ? { fetch: nodeHttpFetch } : {}),
    }),
    [delegate(perChatId(), Counter, { timeout: 10 })],
  );
  bot.on('error', (error) => process.stderr.write(`[delegram bot] ${String(error)}\n`));
  return bot;
}

/**
 * grammY: a Bot whose `message:text` handler counts per chat in a Map, after the middleware
 * given (e.g. the runner's `sequentialize`).
 */
export function grammyCounterBot({ apiRoot, token }, ...middleware) {
  const bot = new Bot(token, { client: { apiRoot } });
  bot.catch((err) => process.stderr.write(`[grammy bot] ${String(err.error ?? err)}\n`));
  for (const m of middleware) bot.use(m);
  const counts = new Map();
  bot.on('message:text', async (ctx) => {
    const n = (counts.get(ctx.chat.id) ?? 0) + 1;
    counts.set(ctx.chat.id, n);
    await ctx.reply(String(n));
  });
  return bot;
}
