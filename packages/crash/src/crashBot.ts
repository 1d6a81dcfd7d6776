import { delegate, DelegatorBot, FileInbox, MessageLoop, perChatId } from 'delegram';
import { CrashCounter } from './CrashCounter.js';
import { openStore } from './openStore.js';

// The crash test's bot process: polls the emulator at API_ROOT as BOT_TOKEN, counts each chat's
// messages in durable state on the store named by STORE (with INBOX_PATH, through a FileInbox
// there: confirmed at once, replayed after a kill), and prints its state statistics as a
// JSON line every 50 ms (a SIGKILL leaves the last line it printed). SIGTERM stops it cleanly.

const env = process.env;
const store = openStore(env);
const bot = new DelegatorBot(
  env['BOT_TOKEN'] ?? '',
  [delegate(perChatId(), CrashCounter, { timeout: 30 })],
  {
    store,
    api: { apiRoot: env['API_ROOT'] ?? '' },
  },
);
let storeErrors = 0;
bot.on('error', (_error, info) => {
  if (info.source === 'state') storeErrors += 1;
});
const inboxPath = env['INBOX_PATH'];
const loop = new MessageLoop(bot, undefined, {
  ...(inboxPath === undefined ? {} : { inbox: new FileInbox(inboxPath) }),
  timeout: 1,
  backoff: { initialMs: 20, maxMs: 500 },
});
const report = (): void => {
  process.stdout.write(`${JSON.stringify({ ...bot.stateStats, storeErrors, loop: loop.stats })}\n`);
};
const ticker = setInterval(report, 50);
const stopping = new Promise<void>((resolve) => {
  process.once('SIGTERM', () => {
    void loop
      .stop()
      .then(() => bot.stop())
      .then(() => store.close())
      .then(() => {
        clearInterval(ticker);
        report();
        resolve();
      });
  });
});
process.stdout.write('ready\n');
await Promise.all([loop.run(), stopping]);
