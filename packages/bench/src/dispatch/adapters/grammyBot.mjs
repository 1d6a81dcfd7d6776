// Shared grammY construction: botInfo up front (no getMe), every outgoing call routed to the stub
// through an API transformer (handleUpdate copies it onto each update's Api), sequentialize by
// chat id from @grammyjs/runner, counter in a Map.
import { sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';

export function buildGrammyBot(handler, env) {
  const bot = new Bot(env.token, { botInfo: env.botInfo });
  bot.api.config.use((_prev, method, payload, signal) =>
    env.callApi(method, payload, signal).then((result) => ({ ok: true, result })),
  );
  bot.catch((err) => env.error(err.error ?? err));
  bot.use(sequentialize((ctx) => String(ctx.chat.id)));
  const states = new Map();
  bot.on('message:text', async (ctx) => {
    const id = ctx.chat.id;
    let s = states.get(id);
    if (s === undefined) states.set(id, (s = handler.initial()));
    await ctx.api.sendMessage(id, handler.onText(s, ctx.message.text));
  });
  return { bot, count: (id) => states.get(id)?.count };
}
