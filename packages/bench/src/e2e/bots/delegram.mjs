// delegram's counter bot over HTTP: MessageLoop (long polling) + DelegatorBot with a ChatHandler
// per chat (idle timeout 10 s) that counts and replies. BENCH_CONFIRM=on-receipt (with
// BENCH_MAX_IN_FLIGHT) is the delegram-on-receipt row, BENCH_INBOX=1 the delegram-inbox row,
// BENCH_TRANSPORT=node-http the opt-in transport; the stub scenario runs the same rows.
import { MessageLoop } from 'delegram';
import { delegramCounterBot } from '../../lib/counterBots.mjs';
import { freshInbox } from '../../lib/freshInbox.mjs';
import { botProcess } from './botProcess.mjs';

await botProcess(async (env) => {
  const bot = delegramCounterBot(env);
  const onReceipt = process.env.BENCH_CONFIRM === 'on-receipt';
  // BENCH_INBOX=1: the delegram-inbox row (a FileInbox: confirmed at once, at-least-once)
  const journal = process.env.BENCH_INBOX === '1' ? freshInbox() : undefined;
  const loop = new MessageLoop(bot, undefined, {
    timeout: 30,
    ...(journal === undefined ? {} : { inbox: journal.inbox }),
    ...(onReceipt
      ? { confirm: 'on-receipt', maxInFlight: Number(process.env.BENCH_MAX_IN_FLIGHT ?? 500) }
      : {}),
  });
  const running = loop.run();
  return async () => {
    await loop.stop();
    await running;
    await bot.stop();
    journal?.remove();
    // polls, and the repeats they brought (updates still in progress, skipped by id); the probe
    // message before the timed part is included
    const { polls, duplicates, dispatched, peakInProgress } = loop.stats;
    return { polls, duplicates, dispatched, peakInProgress };
  };
});
