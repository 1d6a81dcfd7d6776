// delegram's flow bot: a DelegatorBot from the emulator's token with delegram's default flow
// control scaled like the emulator's limits (BENCH_FLOW_SCALE, 10: 300/s bot-wide, 10/s per
// private chat with a burst of 3, 200/min per group), a ChatHandler per chat replying
// `reply <n>` to a user's message `<n>` (interactive, the default priority), and `broadcast()`
// for the newsletter (every send at bulk priority through the same flow control).
import { ChatHandler, DelegatorBot, MessageLoop, broadcast, delegate, perChatId } from 'delegram';
import { botProcess } from '../../e2e/bots/botProcess.mjs';
import { onBroadcast } from './onBroadcast.mjs';

class Replier extends ChatHandler {
  async onChatMessage(msg) {
    await this.sender.sendMessage(`reply ${msg.text}`);
  }
}

await botProcess(async ({ apiRoot, token }) => {
  const scale = Number(process.env.BENCH_FLOW_SCALE ?? 10);
  const bot = new DelegatorBot(token, [delegate(perChatId(), Replier, { timeout: 10 })], {
    api: { apiRoot },
    flowControl: {
      botPerSecond: 30 * scale,
      privatePerSecond: 1 * scale,
      privateBurst: 3,
      groupPerMinute: 20 * scale,
    },
  });
  bot.on('error', (error) => process.stderr.write(`[delegram bot] ${String(error)}\n`));
  const loop = new MessageLoop(bot, undefined, { timeout: 30 });
  const running = loop.run();
  onBroadcast(async (chats, text) => {
    const run = broadcast(bot, { id: 'bench', chats, message: text });
    let progressEvents = 0;
    run.on('progress', () => (progressEvents += 1));
    const report = await run.done;
    const { sent, blocked, notFound, failed, uncertain, finished, elapsedMs } = report;
    return {
      report: { sent, blocked, notFound, failed, uncertain, finished, elapsedMs, progressEvents },
      flow: bot.flow?.stats(),
    };
  });
  return async () => {
    await loop.stop();
    await running;
    await bot.stop();
    const { rateLimited, retried, delayed, expired } = bot.flow?.stats() ?? {};
    return { rateLimited, retried, delayed, expired };
  };
});
