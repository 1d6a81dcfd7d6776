// Scenario 6, outgoing flow control, one framework per process (plus the bot's own child process):
//   node --expose-gc flow.mjs <delegram|grammy> [--chats 10000] [--users 50] [--gap-ms 200]
//        [--scale 10] [--in-flight 100]
// This process runs the emulator with its flood control on and every rate × `scale` (10: 300
// messages/s per bot, 10/s per private chat with a burst of 10, 200/min per group; `retry_after`
// stays whole seconds) and the simulated users; the bot runs in a child process polling it over
// loopback HTTP, its own limits scaled alike. Once the bot answered a probe message, the clock
// starts: the bot broadcasts one newsletter to `chats` private chats while `users` other private
// chats converse with it, each user sending its next number (`1`, `2`, ...) every `gap-ms` (the
// users' phases spread over the gap; Telegram's "one per 2 s" scaled) until the bot reports the
// broadcast done; the bot answers each with `reply <n>`. Everything is measured on the
// emulator's side: 429s it answered, when the last newsletter appeared, whether every chat got
// exactly one, whether each conversing chat's replies came in sequence, and each reply's latency
// from just before the user's message entered the emulator to the reply appearing in its world.
// One run per process, on a fresh emulator and bot process (the run.mjs rounds repeat it).
import { Emulator } from '@delegram/emulator';
import { logger, numberArg, parseArgs } from '../lib/args.mjs';
import { forkBot } from '../lib/botChild.mjs';
import { round, withTimeout } from '../lib/stats.mjs';
import { installedVersions } from '../lib/versions.mjs';
import { flowLedger } from './ledger.mjs';

const args = parseArgs(process.argv.slice(2));
const CHATS = numberArg(args, 'chats', 10_000);
const USERS = numberArg(args, 'users', 50);
const GAP_MS = numberArg(args, 'gap-ms', 200);
const SCALE = numberArg(args, 'scale', 10);
const IN_FLIGHT = numberArg(args, 'in-flight', 100);
const NEWSLETTER = 'Newsletter #1';
const RUN_TIMEOUT = 1_800_000;
const rate = (perSecond) => `${perSecond * SCALE}/s`;
const BOTS = {
  delegram: {
    packages: ['delegram'],
    describe: `DelegatorBot + MessageLoop, flowControl { botPerSecond: ${30 * SCALE}, privatePerSecond: ${SCALE}, privateBurst: 3, groupPerMinute: ${20 * SCALE} } (the defaults × ${SCALE}), a ChatHandler per chat replying (interactive); the newsletter by broadcast(bot, { chats, message }) (bulk priority)`,
  },
  grammy: {
    packages: [
      'grammy',
      '@grammyjs/runner',
      '@grammyjs/transformer-throttler',
      '@grammyjs/auto-retry',
    ],
    describe: `grammY + @grammyjs/runner, apiThrottler() with its defaults × ${SCALE} (global reservoir ${rate(30)}, ${rate(1)} per private chat, ${20 * SCALE}/min per group), then autoRetry() (defaults); bot.on('message:text') replying; the newsletter by a loop of bot.api.sendMessage with ${IN_FLIGHT} calls in flight`,
  },
};
const which = args._[0];
if (!(which in BOTS)) {
  throw new Error(`usage: node flow.mjs <${Object.keys(BOTS).join('|')}> [options]`);
}
const log = logger(`flow ${which}`);

/** Forks the row's bot; its IPC messages come back in order through `next()`. */
function startBot(apiRoot, token) {
  const bot = forkBot(new URL(`./bots/${which}.mjs`, import.meta.url), {
    BENCH_API_ROOT: apiRoot,
    BENCH_TOKEN: token,
    BENCH_FLOW_SCALE: String(SCALE),
    BENCH_FLOW_IN_FLIGHT: String(IN_FLIGHT),
  });
  return { ...bot, broadcast: (chats, text) => bot.send({ type: 'broadcast', chats, text }) };
}

async function run() {
  const emu = new Emulator({ floodControl: { scale: SCALE } });
  await emu.start({ port: 0 });
  const account = emu.createBot({ username: 'flow_bot' });
  const bot = startBot(emu.apiRoot, account.token);
  const timers = [];
  try {
    const audience = [];
    for (let i = 0; i < CHATS; i++) {
      const user = emu.createUser({ firstName: `S${i}` });
      audience.push(emu.privateChat(user, account).id);
    }
    const talkers = [];
    for (let i = 0; i < USERS; i++) {
      const user = emu.createUser({ firstName: `U${i}` });
      talkers.push({ user, chat: emu.privateChat(user, account) });
    }
    await withTimeout(bot.ready, 60_000, 'bot start');
    // one probe message, answered before the clock starts (the bot is polling and warm)
    const probeUser = emu.createUser({ firstName: 'Probe' });
    const probe = emu.privateChat(probeUser, account);
    await probeUser.sendMessage(probe, '0');
    await probe.nextBotMessage({ timeoutMs: 60_000 });

    const ledger = flowLedger({
      audience,
      talkers: talkers.map((c) => c.chat.id),
      newsletter: NEWSLETTER,
    });
    let talking = true;
    let drained;
    const allAnswered = new Promise((resolve) => (drained = resolve));
    // the bot's messages per second of the run (newsletters and replies): where the rate dipped
    const perSecond = [];
    let t0 = NaN;
    emu.world.on('message', ({ chat, message, fromBot }) => {
      if (!fromBot) return;
      const second = Math.floor((performance.now() - t0) / 1000);
      if (second >= 0) perSecond[second] = (perSecond[second] ?? 0) + 1;
      ledger.seen(chat.id, message.text);
      if (!talking && ledger.pending() === 0) drained();
    });
    let failedSends = 0;
    const send = (c) => {
      if (!talking) return;
      const seq = ledger.sent(c.chat.id);
      c.user.sendMessage(c.chat, String(seq)).catch(() => failedSends++);
    };
    await bot.mark();
    const refused0 = emu.flood.refused;
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    const finished = bot.broadcast(audience, NEWSLETTER);
    talkers.forEach((c, j) => {
      timers.push(
        setTimeout(
          () => {
            send(c);
            timers.push(setInterval(() => send(c), GAP_MS));
          },
          (j * GAP_MS) / USERS,
        ),
      );
    });
    timers.push(
      setInterval(() => {
        const r = ledger.result();
        log(
          `${round((performance.now() - t0) / 1000, 1)} s: ${r.newsletters.delivered} / ${CHATS} newsletters, ${r.replies.answered} replies, ${emu.flood.refused - refused0} 429s`,
        );
      }, 10_000),
    );
    const done = await withTimeout(finished, RUN_TIMEOUT, 'broadcast');
    const botDoneMs = performance.now() - t0;
    talking = false;
    for (const t of timers) clearInterval(t);
    if (done.error !== undefined) throw new Error(`the bot's broadcast failed: ${done.error}`);
    if (ledger.pending() > 0) await withTimeout(allAnswered, 60_000, 'the last replies');
    const cpu = process.cpuUsage(cpu0);
    const refused = emu.flood.refused - refused0;
    const report = await bot.stop();
    const r = ledger.result();
    const lastAt = r.newsletters.lastAt;
    const completionMs = Number.isNaN(lastAt) ? botDoneMs : lastAt - t0;
    const repliesDuring = ledger.repliesBetween(t0, t0 + completionMs);
    const botRate = emu.flood.limits.perBotPerSecond;
    // the least time the bot-wide limit allows for what the bot sent while the broadcast ran
    // (newsletters and replies), and for the newsletters alone
    const minimumMs = (1000 * (r.newsletters.delivered + repliesDuring)) / botRate;
    const aloneMs = (1000 * CHATS) / botRate;
    return {
      refused,
      completionMs: round(completionMs),
      botMs: round(done.ms),
      minimumMs: round(minimumMs),
      aloneMinimumMs: round(aloneMs),
      ratio: round(completionMs / minimumMs, 3),
      aloneRatio: round(completionMs / aloneMs, 2),
      repliesDuring,
      newsletters: {
        delivered: r.newsletters.delivered,
        missing: r.newsletters.missing,
        duplicates: r.newsletters.duplicates,
        wrongText: r.newsletters.wrongText,
      },
      perSecond: Array.from(perSecond, (n) => n ?? 0),
      replies: { ...r.replies, p50: round(r.replies.p50, 1), p99: round(r.replies.p99, 1) },
      stray: r.stray,
      failedSends,
      botCpuMs: Math.round(report.cpuMs),
      botMaxRssMB: report.maxRssMB,
      emulatorCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      bot: { ...done.report, ...(report.stats ?? {}) },
      ...(done.flow === undefined ? {} : { flowStats: done.flow }),
      ok:
        r.newsletters.missing === 0 &&
        r.newsletters.duplicates === 0 &&
        r.newsletters.wrongText === 0 &&
        r.replies.missing === 0 &&
        r.replies.duplicates === 0 &&
        r.stray === 0 &&
        failedSends === 0,
    };
  } catch (error) {
    bot.kill();
    throw error;
  } finally {
    for (const t of timers) clearInterval(t);
    await emu.stop();
  }
}

const x = await run();
log(
  `broadcast ${round(x.completionMs / 1000, 1)} s (${x.ratio}× the minimum ${round(x.minimumMs / 1000, 1)} s for ${x.newsletters.delivered} newsletters + ${x.repliesDuring} replies at ${30 * SCALE}/s), ${x.refused} 429s, replies out of order ${x.replies.outOfOrder}, p50 ${x.replies.p50} ms, p99 ${x.replies.p99} ms, ok ${x.ok}, bot ${JSON.stringify(x.bot)}`,
);
process.stdout.write(
  JSON.stringify({
    scenario: 'flow',
    name: which,
    describe: BOTS[which].describe,
    versions: installedVersions(BOTS[which].packages),
    chats: CHATS,
    users: USERS,
    gapMs: GAP_MS,
    scale: SCALE,
    botPerSecond: 30 * SCALE,
    ...(which === 'grammy' ? { inFlight: IN_FLIGHT } : {}),
    run: x,
    verifyOk: x.ok,
  }) + '\n',
);
