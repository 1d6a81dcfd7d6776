import { Bot, broadcast } from 'delegram';
import { openStore } from './openStore.js';

// The broadcast crash test's process: sends BROADCAST_TEXT to the chats 1..CHATS of CHAT_IDS
// (comma separated) with broadcast id BROADCAST_ID, through the emulator at API_ROOT as
// BOT_TOKEN, under flow control at ten times Telegram's rates (the emulator runs its flood
// control ten times faster), with its cursor on the store named by STORE. It prints its
// progress as a JSON line for each progress event and the report as `{"report": ...}` at the
// end. A SIGKILL at any point is the crash; run again, it resumes.

const env = process.env;
const store = openStore(env);
const bot = new Bot(env['BOT_TOKEN'] ?? '', {
  store,
  api: { apiRoot: env['API_ROOT'] ?? '' },
  flowControl: { botPerSecond: 300, privatePerSecond: 10, groupPerMinute: 200 },
});
const chats = (env['CHAT_IDS'] ?? '').split(',').map(Number);
const run = broadcast(bot, {
  id: env['BROADCAST_ID'] ?? 'crash',
  chats,
  message: env['BROADCAST_TEXT'] ?? 'news',
  progressIntervalMs: 50,
  resendUncertain: env['RESEND_UNCERTAIN'] === '1',
});
run.on('progress', (p) => process.stdout.write(`${JSON.stringify(p)}\n`));
process.stdout.write('ready\n');
const report = await run.done;
process.stdout.write(`${JSON.stringify({ report, rateLimited: bot.flow?.stats().rateLimited })}\n`);
await store.close();
