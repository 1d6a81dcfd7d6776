// Scenario 3, one framework per process (plus the bot's own child process):
//   node --expose-gc e2e.mjs <delegram|grammy> [--chats 1000] [--messages 50000] [--runs 5]
//        [--in-flight 2]
// This process runs the emulator (flood control off) and the simulated users; the bot runs in a
// child process and talks to the emulator over HTTP on loopback. Each chat's user keeps at most
// `in-flight` messages unanswered (so two messages of one chat often sit in the same getUpdates
// batch) until the chat sent its share of `messages`. Latency is measured on the emulator's side:
// from just before the user's message enters the emulator to the moment the bot's reply appears
// in the world. Every reply must be the chat's next number (1, 2, 3, ...). Each run uses a fresh
// emulator and a fresh bot process; one warm-up run (a tenth of the messages), then `runs` timed
// runs.
import { connect } from 'node:net';
import { Emulator } from '@delegram/emulator';
import { logger, numberArg, parseArgs } from '../lib/args.mjs';
import { timedRuns } from '../lib/timedRuns.mjs';
import { forkBot } from '../lib/botChild.mjs';
import { installedVersions } from '../lib/versions.mjs';
import { quantile, round, summary, withTimeout } from '../lib/stats.mjs';

const args = parseArgs(process.argv.slice(2));
const CHATS = numberArg(args, 'chats', 1_000);
const MESSAGES = numberArg(args, 'messages', 50_000);
const RUNS = numberArg(args, 'runs', 5);
const IN_FLIGHT = numberArg(args, 'in-flight', 2);
const RUN_TIMEOUT = 600_000;
const BOTS = {
  delegram: {
    packages: ['delegram'],
    describe: 'MessageLoop + DelegatorBot, ChatHandler counter per chat (idle 10 s)',
  },
  // Not a target row: the same bot with the loop confirming on receipt (at-most-once for what is
  // in progress, like grammY's runner) and as many in progress as the runner (500): like for like
  // with the grammy row.
  'delegram-on-receipt': {
    script: 'delegram',
    env: { BENCH_CONFIRM: 'on-receipt', BENCH_MAX_IN_FLIGHT: '500' },
    packages: ['delegram'],
    describe:
      "the delegram row with MessageLoop confirm: 'on-receipt', maxInFlight 500 (confirms on fetch and holds up to 500 in progress, as grammY's runner does)",
  },
  // at-least-once without re-downloads: the loop's inbox (a FileInbox on a fresh file)
  'delegram-inbox': {
    script: 'delegram',
    env: { BENCH_INBOX: '1' },
    packages: ['delegram'],
    describe:
      'the delegram row with MessageLoop inbox: new FileInbox(fresh file) (journaled and synced, then confirmed at once: at-least-once, up to 500 in progress)',
  },
  grammy: {
    packages: ['grammy', '@grammyjs/runner'],
    describe: 'grammY + @grammyjs/runner run() + sequentialize(chat.id), Map counter',
  },
  // Not a target row: shows how much of the gap is the number of updates in progress. The
  // runner confirms updates when it fetches them, so it holds up to 500 (its default); an
  // at-least-once loop can hold at most 100 (Telegram hands out `limit` = 100 updates past the
  // oldest unconfirmed one).
  'grammy-100': {
    script: 'grammy',
    env: { BENCH_SINK_CONCURRENCY: '100' },
    packages: ['grammy', '@grammyjs/runner'],
    describe:
      'the grammy row with at most 100 updates in progress (runner sink concurrency 100, the most an at-least-once loop can hold)',
  },
};
// The state scenario: the same counter with its count in durable state, per store kind.
const stateRow = (script, store, packages, describe) => ({
  script,
  env: { BENCH_STORE: store },
  packages,
  describe,
  scenario: 'state',
  store,
});
Object.assign(BOTS, {
  'delegram-memory': stateRow(
    'delegram-state',
    'memory',
    ['delegram'],
    'the delegram row with the count in a durable `state` field, MemoryStore (saved after each message, effectively once)',
  ),
  'delegram-sqlite': stateRow(
    'delegram-state',
    'sqlite',
    ['delegram', '@delegram/sqlite', 'better-sqlite3'],
    'the same on SqliteStore (@delegram/sqlite: WAL, synchronous NORMAL, one transaction per tick)',
  ),
  'delegram-redis': stateRow(
    'delegram-state',
    'redis',
    ['delegram', '@delegram/redis', 'redis'],
    'the same on RedisStore (@delegram/redis, node-redis; compare-and-set in a Lua script)',
  ),
  'delegram-redis-inbox': {
    ...stateRow(
      'delegram-state',
      'redis',
      ['delegram', '@delegram/redis', 'redis'],
      "the delegram-redis row with the loop's inbox (a FileInbox: confirmed at once, no update fetched twice)",
    ),
    env: { BENCH_STORE: 'redis', BENCH_INBOX: '1' },
  },
  'grammy-memory': stateRow(
    'grammy-session',
    'memory',
    ['grammy', '@grammyjs/runner'],
    'the grammy row with the count in session() on its MemorySessionStorage',
  ),
  'grammy-redis': stateRow(
    'grammy-session',
    'redis',
    ['grammy', '@grammyjs/runner', '@grammyjs/storage-redis', 'ioredis'],
    'the grammy row with the count in session() on @grammyjs/storage-redis (ioredis)',
  ),
});
const which = args._[0];
if (!(which in BOTS))
  throw new Error(`usage: node e2e.mjs <${Object.keys(BOTS).join('|')}> [options]`);
const log = logger(`e2e ${which}`);

function startBot(apiRoot, token) {
  const bot = BOTS[which];
  const script = new URL(`./bots/${bot.script ?? which}.mjs`, import.meta.url);
  return forkBot(script, { ...bot.env, BENCH_API_ROOT: apiRoot, BENCH_TOKEN: token });
}

/** Empties the bench's Redis server (each run starts from no state, as its chats are new). */
function flushRedis(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write('FLUSHALL\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      if (data.toString().startsWith('+OK')) resolve();
      else reject(new Error(`FLUSHALL: ${data.toString()}`));
    });
    socket.once('error', reject);
  });
}

async function run(messages = MESSAGES) {
  if (BOTS[which].store === 'redis') await flushRedis(process.env.BENCH_REDIS_URL);
  const emu = new Emulator({ floodControl: false });
  await emu.start({ port: 0 });
  const account = emu.createBot({ username: 'counter_bot' });
  const bot = startBot(emu.apiRoot, account.token);
  try {
    await withTimeout(bot.ready, 60_000, 'bot start');
    // one probe message, answered before the clock starts (the bot is polling and warm)
    const probeUser = emu.createUser({ firstName: 'Probe' });
    const probe = emu.privateChat(probeUser, account);
    await probeUser.sendMessage(probe, 'ping');
    await probe.nextBotMessage({ timeoutMs: 60_000 });

    const perChat = Math.max(1, Math.floor(messages / CHATS));
    const chats = [];
    const byId = new Map();
    for (let i = 0; i < CHATS; i++) {
      const user = emu.createUser({ firstName: `U${i}` });
      const chat = emu.privateChat(user, account);
      const c = { user, chat, sent: 0, replied: 0, sentAt: [] };
      chats.push(c);
      byId.set(user.id, c);
    }
    const latencies = new Float64Array(perChat * CHATS);
    let nLat = 0;
    let bad = 0;
    let failedSends = 0;
    let done;
    const finished = new Promise((resolve) => (done = resolve));
    const send = (c) => {
      c.sentAt.push(performance.now());
      c.sent++;
      c.user.sendMessage(c.chat, `m${c.sent}`).catch(() => failedSends++);
    };
    emu.world.on('message', ({ chat, message, fromBot }) => {
      if (!fromBot) return;
      const c = byId.get(chat.userId);
      if (c === undefined) return;
      latencies[nLat++] = performance.now() - c.sentAt.shift();
      c.replied++;
      if (message.text !== String(c.replied)) bad++;
      if (c.sent < perChat) send(c);
      if (nLat === latencies.length) done();
    });
    await bot.mark();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const c of chats) for (let j = 0; j < IN_FLIGHT && c.sent < perChat; j++) send(c);
    await withTimeout(finished, RUN_TIMEOUT, 'end-to-end run');
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const sorted = Array.from(latencies).sort((a, b) => a - b);
    const report = await bot.stop();
    return {
      messages: nLat,
      ms: round(ms, 1),
      mps: Math.round(nLat / (ms / 1000)),
      p50: round(quantile(sorted, 0.5), 1),
      p99: round(quantile(sorted, 0.99), 1),
      botCpuMs: Math.round(report.cpuMs),
      botMaxRssMB: report.maxRssMB,
      emulatorCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      ...(report.stats === undefined ? {} : { botStats: report.stats }),
      ok: bad === 0 && failedSends === 0 && chats.every((c) => c.replied === perChat),
      bad,
      failedSends,
    };
  } catch (error) {
    bot.kill();
    throw error;
  } finally {
    await emu.stop();
  }
}

const { warm, runs } = await timedRuns(run, {
  chats: CHATS,
  messages: MESSAGES,
  runs: RUNS,
  log,
  line: (x) =>
    `${x.mps} msg/s, p50 ${x.p50} ms, p99 ${x.p99} ms, bot cpu ${x.botCpuMs} ms, emulator cpu ${x.emulatorCpuMs} ms, ok ${x.ok}`,
});
process.stdout.write(
  JSON.stringify({
    scenario: BOTS[which].scenario ?? 'e2e',
    name: which,
    describe: BOTS[which].describe,
    versions: installedVersions(BOTS[which].packages),
    chats: CHATS,
    messages: runs[0].messages,
    inFlight: IN_FLIGHT,
    mps: summary(runs.map((x) => x.mps)),
    p50: summary(runs.map((x) => x.p50)),
    p99: summary(runs.map((x) => x.p99)),
    botCpuMs: summary(runs.map((x) => x.botCpuMs)),
    emulatorCpuMs: summary(runs.map((x) => x.emulatorCpuMs)),
    botMaxRssMB: Math.max(...runs.map((x) => x.botMaxRssMB)),
    ...(runs.every((x) => x.botStats)
      ? {
          loop: {
            polls: summary(runs.map((x) => x.botStats.polls)),
            repeats: summary(runs.map((x) => x.botStats.duplicates)),
            peakInProgress: summary(runs.map((x) => x.botStats.peakInProgress ?? 0)),
            ...(runs.every((x) => x.botStats.saves !== undefined)
              ? { saves: summary(runs.map((x) => x.botStats.saves)) }
              : {}),
          },
        }
      : {}),
    verifyOk: [warm, ...runs].every((x) => x.ok),
  }) + '\n',
);
