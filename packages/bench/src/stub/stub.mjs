// Scenario 7, one row per process (plus the bot's own child process):
//   node --expose-gc stub.mjs <row> [--chats 1000] [--messages 20000] [--runs 3] [--in-flight 2]
// End to end over real HTTP against a minimal stub of the Bot API (stubServer.mjs: plain
// node:http, no emulator logic), so that the bot's side is what costs. This process runs the stub
// and the simulated users; the bot runs in a child process (bots/, one file per row) and polls
// the stub over loopback, or, for the webhook rows, sets a webhook and is POSTed the updates as
// Telegram would (40 connections, a chat's next update once the previous one was answered). Each
// chat's user keeps at most `in-flight` messages unanswered until it sent its share of `messages`;
// every reply must be the chat's next number. Latency: from when the user's message is queued in
// the stub to when the bot's reply arrives. Counted by the stub: updates it handed out again while
// they were unconfirmed. Each run uses a fresh stub and bot process; one warm-up run (a tenth of
// the messages), then `runs` timed runs.
import { logger, numberArg, parseArgs } from '../lib/args.mjs';
import { timedRuns } from '../lib/timedRuns.mjs';
import { forkBot } from '../lib/botChild.mjs';
import { installedVersions } from '../lib/versions.mjs';
import { quantile, round, summary, withTimeout } from '../lib/stats.mjs';
import { startStubServer } from './stubServer.mjs';

const args = parseArgs(process.argv.slice(2));
const CHATS = numberArg(args, 'chats', 1_000);
const MESSAGES = numberArg(args, 'messages', 20_000);
const RUNS = numberArg(args, 'runs', 3);
const IN_FLIGHT = numberArg(args, 'in-flight', 2);
const RUN_TIMEOUT = 600_000;

// the polling rows run the e2e scenario's bots (their env picks the mode); the others are in bots/
const DELEGRAM_BOT = '../../e2e/bots/delegram';
const GRAMMY = '../../e2e/bots/grammy';
const DELEGRAM = 'MessageLoop + DelegatorBot, ChatHandler counter per chat (idle 10 s)';
const BOTS = {
  bare: {
    packages: [],
    describe:
      'no framework, the upper bound: node:http long polling with a keep-alive Agent, JSON.parse, a per-chat promise chain, a Map counter, sendMessage with http.request; each batch confirmed on receipt (the next offset), up to 500 in progress',
  },
  telegraf: {
    packages: ['telegraf'],
    describe:
      'Telegraf bot.launch() long polling (a batch at a time) + per-chat promise chain middleware, ctx.reply(String(n)), Map counter',
  },
  'grammy-runner': {
    script: GRAMMY,
    packages: ['grammy', '@grammyjs/runner'],
    describe: 'grammY + @grammyjs/runner run() + sequentialize(chat.id), Map counter',
  },
  delegram: {
    script: DELEGRAM_BOT,
    packages: ['delegram'],
    describe: `${DELEGRAM}, default options (confirms after handling: at-least-once)`,
  },
  'delegram-on-receipt': {
    script: DELEGRAM_BOT,
    env: { BENCH_CONFIRM: 'on-receipt' },
    packages: ['delegram'],
    describe: `${DELEGRAM}, confirm: 'on-receipt' (at-most-once for what is in progress, like grammY's runner)`,
  },
  'delegram-inbox': {
    script: DELEGRAM_BOT,
    env: { BENCH_INBOX: '1' },
    packages: ['delegram'],
    describe: `${DELEGRAM}, inbox: new FileInbox(a fresh file in the temporary directory) (journalled, then confirmed at once: at-least-once)`,
  },
  // Not a target row: the inbox row on the opt-in transport (nodeHttpFetch from @delegram/api,
  // node:http directly instead of node-fetch)
  'delegram-inbox-http': {
    script: DELEGRAM_BOT,
    env: { BENCH_INBOX: '1', BENCH_TRANSPORT: 'node-http' },
    packages: ['delegram'],
    describe:
      'the delegram-inbox row on the opt-in transport: Api option fetch: nodeHttpFetch (node:http directly, no node-fetch)',
  },
  'delegram-webhook': {
    packages: ['delegram'],
    webhook: true,
    describe:
      'WebhookServer (node:http, default options: answers 200 once accepted) + DelegatorBot, ChatHandler counter per chat',
  },
  'delegram-webhook-inbox': {
    packages: ['delegram'],
    webhook: true,
    describe:
      "the delegram-webhook row with the webhook's inbox option (FileInbox on a fresh file: journalled before the 200)",
  },
  'grammy-webhook': {
    packages: ['grammy'],
    webhook: true,
    describe:
      "grammY webhookCallback(bot, 'http') on node:http (answers once the handler finished), Map counter",
  },
};
const which = args._[0];
if (!(which in BOTS))
  throw new Error(`usage: node stub.mjs <${Object.keys(BOTS).join('|')}> [options]`);
const log = logger(`stub ${which}`);

async function run(messages = MESSAGES) {
  const perChat = Math.max(1, Math.floor(messages / CHATS));
  const stub = await startStubServer({ chats: CHATS, perChat, inFlight: IN_FLIGHT });
  const bot = forkBot(new URL(`./bots/${BOTS[which].script ?? which}.mjs`, import.meta.url), {
    ...BOTS[which].env,
    BENCH_API_ROOT: stub.apiRoot,
    BENCH_TOKEN: stub.token,
  });
  try {
    // a bot that cannot start (e.g. a missing export) fails the run at once, not after the timeout
    let started = false;
    const died = bot.exited.then((code) => {
      if (!started) throw new Error(`the bot process exited (code ${code}) before it was ready`);
    });
    await withTimeout(Promise.race([bot.ready, died]), 60_000, 'bot start');
    started = true;
    if (BOTS[which].webhook === true && stub.webhookUrl === undefined) {
      throw new Error('a webhook row started without calling setWebhook');
    }
    // one probe message, answered before the clock starts (the bot is polling and warm)
    await withTimeout(stub.probe(), 60_000, 'probe message');
    await bot.mark();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    stub.start();
    await withTimeout(stub.finished, RUN_TIMEOUT, 'stub run');
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    // stopped before the stub is read, so a reply sent late (doubled) still counts as bad
    const report = await bot.stop();
    const r = stub.result();
    return {
      messages: r.messages,
      ms: round(ms, 1),
      mps: Math.round(r.messages / (ms / 1000)),
      p50: round(quantile(r.latencies, 0.5), 1),
      p99: round(quantile(r.latencies, 0.99), 1),
      botCpuMs: Math.round(report.cpuMs),
      botCpuUsPerMessage: Math.round((report.cpuMs * 1000) / r.messages),
      botMaxRssMB: report.maxRssMB,
      stubCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      repeats: r.repeats,
      redownloadsPerMessage: round(r.repeats / r.messages, 3),
      polls: r.polls,
      posts: r.posts,
      retries: r.retries,
      conflicts: r.conflicts,
      ...(report.stats === undefined ? {} : { botStats: report.stats }),
      ok: r.ok,
      bad: r.bad,
      stray: r.stray,
    };
  } catch (error) {
    bot.kill();
    throw error;
  } finally {
    await stub.close();
  }
}

const { warm, runs } = await timedRuns(run, {
  chats: CHATS,
  messages: MESSAGES,
  runs: RUNS,
  log,
  line: (x) =>
    `${x.mps} msg/s, bot cpu ${x.botCpuMs} ms (${x.botCpuUsPerMessage} µs/msg), stub cpu ${x.stubCpuMs} ms, ` +
    `p50 ${x.p50} ms, p99 ${x.p99} ms, re-downloads ${x.repeats} (${x.redownloadsPerMessage}/msg), ` +
    `${x.polls} polls, ${x.posts} posts, ${x.retries} retries, ${x.conflicts} polls cut short by a newer one, bad ${x.bad}, stray ${x.stray}, ok ${x.ok}`,
});
const all = (key) => summary(runs.map((x) => x[key]));
process.stdout.write(
  JSON.stringify({
    scenario: 'stub',
    name: which,
    describe: BOTS[which].describe,
    versions: installedVersions(BOTS[which].packages),
    webhook: BOTS[which].webhook === true,
    chats: CHATS,
    messages: runs[0].messages,
    inFlight: IN_FLIGHT,
    mps: all('mps'),
    p50: all('p50'),
    p99: all('p99'),
    botCpuMs: all('botCpuMs'),
    botCpuUsPerMessage: all('botCpuUsPerMessage'),
    stubCpuMs: all('stubCpuMs'),
    botMaxRssMB: Math.max(...runs.map((x) => x.botMaxRssMB)),
    redownloadsPerMessage: all('redownloadsPerMessage'),
    polls: all('polls'),
    posts: all('posts'),
    retries: all('retries'),
    verifyOk: [warm, ...runs].every((x) => x.ok),
  }) + '\n',
);
