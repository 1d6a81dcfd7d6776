// Scenario 2, in its own process:
//   node --expose-gc delegates.mjs [--k 100000] [--batch 1000] [--window 10000] [--pairs 15]
// K chats each send one message; each gets a live delegate (a ChatHandler holding a counter, idle
// timeout 10 min) that replies through the stubbed Api. Updates are fed in batches of `batch`
// (each batch awaited), as a poller would hand them over. Measured:
// - heap bytes per live idle delegate: heapUsed after full GC, before vs after, divided by K;
// - spawn rate during the population pass: the first `window` chats vs the last `window`;
// - spawn rate into an empty bot vs into a bot with K live delegates (the flatness target):
//   `pairs` pairs of windows of `window` spawns, back to back, the order alternating (E F, F E,
//   ...), so a change in the machine's load or a GC left over by the previous window favours
//   neither side. Both bots run in this process on one handler class, are warmed up on the same
//   paths, and after each window its delegates are closed (outside the timed window), so the
//   empty bot is back at 0 live and the full one at K. Each window counts the GC pauses inside it
//   (a scavenge takes about as long as a few thousand spawns, so a window must span several);
// - expiry: a ManualClock is advanced by the 10 minutes; wall time until every delegate closed
//   (onClose ran, delegateCount 0, no idle timer left) and until the heap is back at its baseline.
// The same population is measured for a plain reference: a Map entry { state, timer } per chat
// with a real 10-minute setTimeout (no framework). Last stdout line: JSON.
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { ManualClock } from '@delegram/api';
import { Api } from '@delegram/api';
import { ChatHandler, DelegatorBot, delegate, perChatId } from 'delegram';
import { logger, numberArg, parseArgs } from '../lib/args.mjs';
import { HANDLER } from '../dispatch/handler.mjs';
import { MB, gcFull, median, nextTurn, round, settledHeap } from '../lib/stats.mjs';
import { stubTelegram } from '../lib/stubTelegram.mjs';
import { chatIdOf, textUpdate } from '../lib/updates.mjs';
import { tracker } from '../lib/track.mjs';

const args = parseArgs(process.argv.slice(2));
const CHATS = numberArg(args, 'k', 100_000);
const BATCH = numberArg(args, 'batch', 1_000);
const WINDOW = numberArg(args, 'window', Math.min(10_000, Math.max(BATCH, CHATS / 2)));
const PAIRS = Math.max(5, numberArg(args, 'pairs', 15));
const IDLE_S = 600;
const log = logger('delegates');
gcFull();

// GC pauses, to tell which timed window they fell into.
const MINOR = constants.NODE_PERFORMANCE_GC_MINOR;
const pauses = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    pauses.push({ start: e.startTime, ms: e.duration, minor: e.detail?.kind === MINOR });
  }
}).observe({ entryTypes: ['gc'] });

/** Times `run()`; returns its duration and the GC pauses that began inside it. */
async function timed(run) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const t1 = performance.now();
  const cpu = process.cpuUsage(c0);
  await nextTurn(); // gc entries are delivered asynchronously
  let gcMs = 0;
  let minor = 0;
  let major = 0;
  let majorMs = 0;
  for (const p of pauses) {
    if (p.start < t0 || p.start >= t1) continue;
    gcMs += p.ms;
    if (p.minor) minor++;
    else {
      major++;
      majorMs += p.ms;
    }
  }
  return { ms: t1 - t0, cpuMs: (cpu.user + cpu.system) / 1000, gcMs, minor, major, majorMs };
}

/** Feeds one message in each chat `from`..`to - 1`, a batch at a time; returns per-batch times. */
async function feedChats(d, from, to) {
  const times = [];
  for (let b = from; b < to; b += BATCH) {
    const end = Math.min(b + BATCH, to);
    const t0 = performance.now();
    for (let i = b; i < end; i++) d.feed(textUpdate(i, i, 1));
    await d.drain();
    times.push(performance.now() - t0);
  }
  return times;
}

/** Spawn rate over the first and the last `WINDOW` chats of a population pass (batch times). */
function passSummary(batchMs) {
  const n = Math.max(1, Math.round(WINDOW / BATCH));
  const rate = (ms) => (ms.length * BATCH) / (ms.reduce((a, b) => a + b, 0) / 1000);
  const first = rate(batchMs.slice(0, n));
  const last = rate(batchMs.slice(-n));
  return {
    window: n * BATCH,
    first: Math.round(first),
    last: Math.round(last),
    lastOverFirst: round(last / first, 2),
  };
}

// One handler class for every bot of the process, as an application has: both sides of a pair
// run the same code with the same type feedback.
const closesOf = new WeakMap();
class Counter extends ChatHandler {
  state = HANDLER.initial();
  async onChatMessage(msg) {
    await this.sender.sendMessage(HANDLER.onText(this.state, msg.text));
  }
  onClose(reason) {
    const closes = closesOf.get(this.bot);
    closes.closed++;
    if (reason.reason === 'idle') closes.idle++;
  }
}

/** A DelegatorBot on a ManualClock whose Api answers from a stub sized for `chats` chats. */
function delegramBot(chats) {
  const env = stubTelegram(chats);
  const clock = new ManualClock(Date.now());
  const api = new Api(env.token, { clock });
  api.use((_prev, method, payload, signal) => env.callApi(method, payload, signal));
  const bot = new DelegatorBot(api, [delegate(perChatId(), Counter, { timeout: IDLE_S })], {
    clock,
  });
  const closes = { closed: 0, idle: 0 };
  closesOf.set(bot, closes);
  bot.on('error', (e) => env.error(e));
  const t = tracker((e) => env.error(e));
  const feed = (u) => {
    env.stats.fed++;
    t.track(bot.handle(u));
  };
  return { env, clock, bot, closes, feed, drain: () => t.drained() };
}

/** Closes the delegates of chats `from`..`to - 1` (close() from outside) and waits for it. */
async function closeChats(d, from, to) {
  const target = d.closes.closed + (to - from);
  for (let i = from; i < to; i++) d.bot.delegateOf(0, chatIdOf(i))?.close();
  while (d.closes.closed < target) await nextTurn();
}

/** One timed window: `WINDOW` new chats from `from` on; their delegates are closed afterwards. */
async function spawnWindow(d, from) {
  const t = await timed(() => feedChats(d, from, from + WINDOW));
  await closeChats(d, from, from + WINDOW);
  return { rate: WINDOW / (t.ms / 1000), ...t };
}

function sideSummary(windows) {
  const sum = (key) => windows.reduce((a, w) => a + w[key], 0);
  const rates = windows.map((w) => w.rate);
  return {
    median: Math.round(median(rates)),
    min: Math.round(Math.min(...rates)),
    max: Math.round(Math.max(...rates)),
    gcShare: round(sum('gcMs') / sum('ms'), 2),
    minorGcs: sum('minor'),
    majorGcs: sum('major'),
  };
}

async function measureDelegram(K, pairs = PAIRS) {
  const EXTRA = (pairs + 1) * WINDOW;
  const d = delegramBot(K + EXTRA);
  const empty = delegramBot(EXTRA);
  const { env, clock, bot, closes } = d;
  const h0 = await settledHeap();
  let passMs = [];
  const passGc = await timed(async () => {
    passMs = await feedChats(d, 0, K);
  });
  const h1 = await settledHeap();
  const live = bot.delegateCount;
  const timers = bot.idleTimerCount;
  const pass = {
    ...passSummary(passMs),
    gcShare: round(passGc.gcMs / passGc.ms, 2),
    minorGcs: passGc.minor,
    majorGcs: passGc.major,
    majorGcMs: round(passGc.majorMs, 1),
  };
  log(`delegram: ${live} live, ${round((h1 - h0) / K)} B each, pass ${JSON.stringify(pass)}`);

  // Spawn rate into an empty bot vs into the full one: one untimed pair to warm both up, then
  // `pairs` pairs in alternating order.
  await spawnWindow(empty, 0);
  await spawnWindow(d, K);
  const atEmpty = [];
  const atFull = [];
  for (let r = 1; r <= pairs; r++) {
    const e = () => spawnWindow(empty, r * WINDOW).then((w) => atEmpty.push(w));
    const f = () => spawnWindow(d, K + r * WINDOW).then((w) => atFull.push(w));
    if (r % 2 === 1) await e().then(f);
    else await f().then(e);
  }
  const pairRatios = atFull.map((w, i) => w.rate / atEmpty[i].rate);
  // The same pairs by CPU time per spawn (this process's, GC threads included): the machine's load
  // stretches wall time while the process waits for a core, CPU time much less.
  const cpuRatios = atFull.map((w, i) => atEmpty[i].cpuMs / w.cpuMs);
  const spawnEmpty = sideSummary(atEmpty);
  const spawnFull = sideSummary(atFull);
  log(
    `delegram: spawn/s at 0 live ${JSON.stringify(spawnEmpty)}, at ${K} live ${JSON.stringify(spawnFull)}, ` +
      `pair ratios ${pairRatios.map((x) => round(x, 2)).join(' ')}`,
  );
  const verify = env.verify(new Int32Array(K + EXTRA).fill(1));
  const verifyEmpty = empty.env.verify(new Int32Array(EXTRA).fill(1));
  const windowClosed = closes.closed;
  const afterPairs = { full: bot.delegateCount, empty: empty.bot.delegateCount };
  await empty.bot.stop();

  const t0 = performance.now();
  await clock.advance(IDLE_S * 1000);
  while (closes.closed < windowClosed + K && performance.now() - t0 < 120_000) await nextTurn();
  const closeMs = performance.now() - t0;
  const h2 = await settledHeap();
  const collectMs = performance.now() - t0;
  const after = {
    delegates: bot.delegateCount,
    timers: bot.idleTimerCount,
    closed: closes.closed - windowClosed,
    closedIdle: closes.idle,
  };
  await bot.stop();
  return {
    name: 'delegram',
    describe: `ChatHandler subclass with { count } per chat, DelegatorBot + delegate(perChatId(), ..., { timeout: ${IDLE_S} }), ManualClock`,
    k: K,
    live,
    idleTimers: timers,
    bytesPer: Math.round((h1 - h0) / K),
    heapDeltaMB: MB(h1 - h0),
    spawn: {
      ...pass,
      atEmpty: spawnEmpty.median,
      atFull: spawnFull.median,
      fullOverEmpty: round(median(pairRatios), 2),
      pairRatioMin: round(Math.min(...pairRatios), 2),
      pairRatioMax: round(Math.max(...pairRatios), 2),
      cpuFullOverEmpty: round(median(cpuRatios), 2),
      reps: pairs,
      spawnsPerWindow: WINDOW,
      empty: spawnEmpty,
      full: spawnFull,
    },
    expiry: {
      clock: 'ManualClock advanced by 600 s',
      allClosedMs: round(closeMs, 1),
      collectedMs: round(collectMs, 1),
      heapAfterMinusBaselineMB: MB(h2 - h0),
      ...after,
    },
    verifyOk:
      verify.ok &&
      verifyEmpty.ok &&
      live === K &&
      timers === K &&
      afterPairs.full === K &&
      afterPairs.empty === 0 &&
      after.delegates === 0 &&
      after.timers === 0 &&
      after.closed === K &&
      closes.idle === K,
    verify,
  };
}

async function measurePlain(K) {
  const env = stubTelegram(K);
  const chats = new Map();
  const t = tracker((e) => env.error(e));
  const h0 = await settledHeap();
  const passMs = await feedChats(
    {
      feed(u) {
        env.stats.fed++;
        const id = u.message.chat.id;
        const c = { state: HANDLER.initial(), timer: null };
        c.timer = setTimeout(() => chats.delete(id), IDLE_S * 1000);
        chats.set(id, c);
        t.track(
          env.callApi('sendMessage', {
            chat_id: id,
            text: HANDLER.onText(c.state, u.message.text),
          }),
        );
      },
      drain: () => t.drained(),
    },
    0,
    K,
  );
  const h1 = await settledHeap();
  const live = chats.size;
  const verify = env.verify(new Int32Array(K).fill(1));
  for (const c of chats.values()) clearTimeout(c.timer);
  chats.clear();
  return {
    name: 'plain Map + setTimeout',
    describe: `no framework: Map<chatId, { state: { count }, timer }> with a ${IDLE_S} s setTimeout`,
    k: K,
    live,
    bytesPer: Math.round((h1 - h0) / K),
    heapDeltaMB: MB(h1 - h0),
    spawn: passSummary(passMs),
    verifyOk: verify.ok && live === K,
    verify,
  };
}

// warm-up on throwaway populations, so the first measured batch is not JIT warm-up
await measureDelegram(Math.min(CHATS, 2 * WINDOW), 2);
await measurePlain(Math.min(CHATS, 2 * WINDOW));
gcFull();
const rows = [await measureDelegram(CHATS)];
gcFull();
rows.push(await measurePlain(CHATS));
process.stdout.write(
  JSON.stringify({ scenario: 'delegates', k: CHATS, batch: BATCH, window: WINDOW, rows }) + '\n',
);
