// Scenario 2, in its own process:
//   node --expose-gc delegates.mjs [--k 100000] [--batch 1000]
// K chats each send one message; each gets a live delegate (a ChatHandler holding a counter, idle
// timeout 10 min) that replies through the stubbed Api. Measured:
// - heap bytes per live idle delegate: heapUsed after full GC, before vs after, divided by K;
// - spawn rate: new delegates per second for the first batch of 1,000 vs the last 1,000 of the
//   population, and (robust to load changes) 1,000 spawns into an empty bot vs into the full
//   one, back to back, 5 times alternating, medians;
// - expiry: a ManualClock is advanced by the 10 minutes; wall time until every delegate closed
//   (onClose ran, delegateCount 0, no idle timer left) and until the heap is back at its baseline.
// The same is measured for a plain reference: a Map entry { state, timer } per chat with a real
// 10-minute setTimeout (no framework). Last stdout line: JSON.
import { ManualClock } from '@delegram/api';
import { Api } from '@delegram/api';
import { ChatHandler, DelegatorBot, delegate, perChatId } from 'delegram';
import { logger, numberArg, parseArgs } from '../lib/args.mjs';
import { HANDLER } from '../dispatch/handler.mjs';
import { MB, gcFull, median, nextTurn, round, settledHeap } from '../lib/stats.mjs';
import { stubTelegram } from '../lib/stubTelegram.mjs';
import { textUpdate } from '../lib/updates.mjs';
import { tracker } from '../lib/track.mjs';

const args = parseArgs(process.argv.slice(2));
const CHATS = numberArg(args, 'k', 100_000);
const BATCH = numberArg(args, 'batch', 1_000);
const IDLE_S = 600;
const log = logger('delegates');
gcFull();

/** Feeds one message in each of K chats in batches; returns per-batch spawn rates. */
async function populate(k, feed, drain) {
  const rates = [];
  for (let b = 0; b < k; b += BATCH) {
    const end = Math.min(b + BATCH, k);
    const t0 = performance.now();
    for (let i = b; i < end; i++) feed(textUpdate(i, i, 1));
    await drain();
    rates.push((end - b) / ((performance.now() - t0) / 1000));
  }
  return rates;
}

function rateSummary(rates) {
  const first = rates[0];
  const last = rates.at(-1);
  return {
    first1k: Math.round(first),
    last1k: Math.round(last),
    lastOverFirst: round(last / first, 2),
  };
}

const REPS = 5;

/** A DelegatorBot on a ManualClock whose Api answers from a stub sized for `chats` chats. */
function delegramBot(chats) {
  const env = stubTelegram(chats);
  const clock = new ManualClock(Date.now());
  const api = new Api(env.token, { clock });
  api.use((_prev, method, payload, signal) => env.callApi(method, payload, signal));
  const closes = { closed: 0, idle: 0 };
  class Counter extends ChatHandler {
    state = HANDLER.initial();
    async onChatMessage(msg) {
      await this.sender.sendMessage(HANDLER.onText(this.state, msg.text));
    }
    onClose(reason) {
      closes.closed++;
      if (reason.reason === 'idle') closes.idle++;
    }
  }
  const bot = new DelegatorBot(api, [delegate(perChatId(), Counter, { timeout: IDLE_S })], {
    clock,
  });
  bot.on('error', (e) => env.error(e));
  const t = tracker((e) => env.error(e));
  const feed = (u) => {
    env.stats.fed++;
    t.track(bot.handle(u));
  };
  return { env, clock, bot, closes, feed, drain: () => t.drained() };
}

/** New delegates per second for one batch of chats `from`..`from + BATCH - 1`. */
async function spawnBatch(d, from) {
  const t0 = performance.now();
  for (let i = from; i < from + BATCH; i++) d.feed(textUpdate(i, i, 1));
  await d.drain();
  return BATCH / ((performance.now() - t0) / 1000);
}

async function measureDelegram(K) {
  const EXTRA = REPS * BATCH;
  const d = delegramBot(K + EXTRA);
  const { env, clock, bot, closes } = d;
  const h0 = await settledHeap();
  const rates = await populate(K, d.feed, d.drain);
  const h1 = await settledHeap();
  const live = bot.delegateCount;
  const timers = bot.idleTimerCount;
  log(
    `delegram: ${live} live, ${round((h1 - h0) / K)} B each, spawn ${JSON.stringify(rateSummary(rates))}`,
  );

  // Spawn cost at an empty registry vs at K live delegates, measured back to back (REPS times,
  // alternating), so a change in the machine's load between the two cannot pass for a trend.
  const atEmpty = [];
  const atFull = [];
  for (let r = 0; r < REPS; r++) {
    const empty = delegramBot(BATCH);
    atEmpty.push(await spawnBatch(empty, 0));
    await empty.bot.stop();
    atFull.push(await spawnBatch(d, K + r * BATCH));
  }
  const spawnAtEmpty = median(atEmpty);
  const spawnAtFull = median(atFull);
  log(
    `delegram: spawn/s at 0 live ${Math.round(spawnAtEmpty)}, at ${K} live ${Math.round(spawnAtFull)}`,
  );
  const verify = env.verify(new Int32Array(K + EXTRA).fill(1));
  const total = bot.delegateCount;

  const t0 = performance.now();
  await clock.advance(IDLE_S * 1000);
  while (closes.closed < total && performance.now() - t0 < 120_000) await nextTurn();
  const closeMs = performance.now() - t0;
  const h2 = await settledHeap();
  const collectMs = performance.now() - t0;
  const after = {
    delegates: bot.delegateCount,
    timers: bot.idleTimerCount,
    closed: closes.closed,
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
      ...rateSummary(rates),
      atEmpty: Math.round(spawnAtEmpty),
      atFull: Math.round(spawnAtFull),
      fullOverEmpty: round(spawnAtFull / spawnAtEmpty, 2),
      reps: REPS,
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
      live === K &&
      timers === K &&
      total === K + EXTRA &&
      after.delegates === 0 &&
      after.timers === 0 &&
      closes.idle === total,
    verify,
  };
}

async function measurePlain(K) {
  const env = stubTelegram(K);
  const chats = new Map();
  const t = tracker((e) => env.error(e));
  const h0 = await settledHeap();
  const rates = await populate(
    K,
    (u) => {
      env.stats.fed++;
      const id = u.message.chat.id;
      const c = { state: HANDLER.initial(), timer: null };
      c.timer = setTimeout(() => chats.delete(id), IDLE_S * 1000);
      chats.set(id, c);
      t.track(
        env.callApi('sendMessage', { chat_id: id, text: HANDLER.onText(c.state, u.message.text) }),
      );
    },
    () => t.drained(),
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
    spawn: rateSummary(rates),
    verifyOk: verify.ok && live === K,
    verify,
  };
}

// warm-up on throwaway populations, so the first measured batch is not JIT warm-up
await measureDelegram(Math.min(CHATS, 5 * BATCH));
await measurePlain(Math.min(CHATS, 5 * BATCH));
gcFull();
const rows = [await measureDelegram(CHATS)];
gcFull();
rows.push(await measurePlain(CHATS));
process.stdout.write(
  JSON.stringify({ scenario: 'delegates', k: CHATS, batch: BATCH, rows }) + '\n',
);
