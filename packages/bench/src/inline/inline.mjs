// Scenario 4, one variant per process:
//   node --expose-gc inline.mjs <delegram|delegram-debounce|grammy> [--users 1000] [--queries 20]
//        [--gap-ms 50] [--compute-ms 200] [--runs 5]
// Simulated time (a ManualClock from @delegram/api drives the query schedule, the search's
// duration and delegram's own timers): each user types `queries` inline queries `gap-ms` apart
// (user u starts at u mod gap-ms ms), each query's search takes `compute-ms` of simulated time and
// honours an AbortSignal where the framework gives one. answerInlineQuery goes to an in-process
// stub that yields one event-loop turn. Counted: computations started, computations that ran to
// the end, answers sent, stale answers (for a query that was no longer the user's newest), and
// whether every user's last query got its answer. One warm-up run, then `runs` runs (the counts
// are deterministic; the wall time is the median).
import { ManualClock, sleep } from '@delegram/api';
import { logger, numberArg, parseArgs } from '../lib/args.mjs';
import { installedVersions } from '../lib/versions.mjs';
import { nextTurn, round, summary } from '../lib/stats.mjs';
import { inlineUpdate } from '../lib/updates.mjs';
import { VARIANTS } from './variants.mjs';

const args = parseArgs(process.argv.slice(2));
const USERS = numberArg(args, 'users', 1_000);
const QUERIES = numberArg(args, 'queries', 20);
const GAP = numberArg(args, 'gap-ms', 50);
const COMPUTE = numberArg(args, 'compute-ms', 200);
const RUNS = numberArg(args, 'runs', 5);
const variant = VARIANTS[args._[0]];
if (variant === undefined) {
  throw new Error(`usage: node inline.mjs <${Object.keys(VARIANTS).join('|')}> [options]`);
}
const log = logger(`inline ${args._[0]}`);
const WORD = 'pizza margherita with extra basil';

async function run() {
  const clock = new ManualClock(1_735_000_000_000);
  const latest = new Map(); // user id -> newest query id sent
  const lastQueryOf = new Map(); // user id -> id of the user's final query
  const finalAnswered = new Set();
  const st = { started: 0, completed: 0, answers: 0, stale: 0, badResults: 0 };
  const callApi = async (method, payload) => {
    if (method !== 'answerInlineQuery') throw new Error(`stub: unexpected call ${method}`);
    await nextTurn();
    st.answers++;
    const [userId] = payload.inline_query_id.split('-');
    if (latest.get(Number(userId)) !== payload.inline_query_id) st.stale++;
    if (lastQueryOf.get(Number(userId)) === payload.inline_query_id) {
      finalAnswered.add(Number(userId));
    }
    return true;
  };
  const byId = new Map();
  const compute = async (query, signal) => {
    st.started++;
    await sleep(clock, COMPUTE, signal);
    st.completed++;
    if (byId.get(query.id) !== query.query) st.badResults++;
    return [
      {
        type: 'article',
        id: '1',
        title: query.query,
        input_message_content: { message_text: query.query },
      },
    ];
  };
  const inst = await variant.setup({ clock, callApi, compute, onError: (e) => log(String(e)) });

  const schedule = [];
  let seq = 0;
  for (let u = 0; u < USERS; u++) {
    for (let q = 0; q < QUERIES; q++) {
      const update = inlineUpdate(seq++, u, WORD.slice(0, 1 + (q % WORD.length)));
      schedule.push({ at: (u % GAP) + q * GAP, update });
    }
  }
  schedule.sort((a, b) => a.at - b.at);
  for (const { update } of schedule) {
    byId.set(update.inline_query.id, update.inline_query.query);
    lastQueryOf.set(update.inline_query.from.id, update.inline_query.id);
  }
  const end = schedule.at(-1).at + COMPUTE + 1_000;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let i = 0;
  for (let t = 0; t <= end; t++) {
    while (i < schedule.length && schedule[i].at <= t) {
      const q = schedule[i++].update;
      latest.set(q.inline_query.from.id, q.inline_query.id);
      inst.feed(q);
    }
    await clock.advance(1);
    await nextTurn();
  }
  await inst.drain();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await inst.close?.();
  return {
    ...st,
    finalAnswered: finalAnswered.size,
    counters: inst.counters?.(),
    ms: round(ms, 1),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    ok: finalAnswered.size === USERS && st.badResults === 0,
  };
}

const warm = await run();
log(
  `warm-up: started ${warm.started}, answers ${warm.answers}, stale ${warm.stale}, ok ${warm.ok}`,
);
const runs = [];
for (let r = 0; r < RUNS; r++) {
  const x = await run();
  runs.push(x);
  log(
    `run ${r + 1}: started ${x.started}, completed ${x.completed}, answers ${x.answers}, stale ${x.stale}, cpu ${x.cpuMs} ms, ok ${x.ok}`,
  );
}
const last = runs.at(-1);
process.stdout.write(
  JSON.stringify({
    scenario: 'inline',
    name: args._[0],
    describe: variant.describe,
    versions: installedVersions(variant.packages),
    users: USERS,
    queries: QUERIES * USERS,
    gapMs: GAP,
    computeMs: COMPUTE,
    started: last.started,
    completed: last.completed,
    answers: last.answers,
    stale: last.stale,
    finalAnswered: last.finalAnswered,
    counters: last.counters,
    cpuMs: summary(runs.map((x) => x.cpuMs)),
    deterministic: runs.every((x) => x.started === last.started && x.answers === last.answers),
    verifyOk: [warm, ...runs].every((x) => x.ok),
  }) + '\n',
);
