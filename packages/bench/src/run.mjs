// `pnpm bench` / `pnpm bench --quick`: runs every scenario, each framework in its own process,
// prints the markdown report and writes it to docs/benchmarks.md.
//   --quick            small sizes, a smoke check of every scenario (under a minute on an idle
//                      2-core machine)
//   --only a,b         scenarios to run: dispatch, delegates, e2e, state, inline, flow, stub
//                      (default: all)
//   --no-write         print only
//   --profile-only     only re-take the CPU profiles of missed targets (of --only's scenarios)
//                      for results/latest.json, and re-render
//   --merge            keep the other scenarios' results from results/latest.json (e.g. to
//                      re-run one scenario of the last full run)
//   --render-only      re-render docs/benchmarks.md from packages/bench/results/latest.json
//                      (the raw results of the last full run) without running anything
//   --no-profile       skip the CPU profiles taken when a target is missed (--quick skips them
//                      unless --profile is given)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { logger, parseArgs } from './lib/args.mjs';
import { runChild } from './lib/child.mjs';
import { describeMachine } from './lib/machine.mjs';
import { summariseProfiles } from './lib/profile.mjs';
import { renderReport, targetsOf } from './lib/report.mjs';
import { startRedis } from './lib/redisServer.mjs';
import { summary } from './lib/stats.mjs';

const args = parseArgs(process.argv.slice(2));
const QUICK = args.quick === true;
const RUN = args['profile-only'] !== true;
const SCENARIOS = String(args.only ?? 'dispatch,delegates,e2e,state,inline,flow,stub').split(',');
const log = logger('bench');
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const flags = (o) => Object.entries(o).flatMap(([k, v]) => [`--${k}`, String(v)]);

const SIZES = QUICK
  ? {
      dispatch: { n: 10_000, k: 1_000, rounds: 2, modes: 'window,burst' },
      delegates: { k: 10_000 },
      e2e: { chats: 50, messages: 500, rounds: 1 },
      state: { chats: 50, messages: 500, rounds: 1 },
      inline: { users: 50, queries: 20, runs: 1 },
      flow: { chats: 1_000, users: 10, rounds: 1 },
      stub: { chats: 50, messages: 500, rounds: 1 },
    }
  : {
      dispatch: { n: 200_000, k: 10_000, rounds: 5 },
      delegates: { k: 100_000 },
      // the issue's size: 50 messages per chat; a run takes 15-20 s per row plus a warm-up of a
      // tenth of the messages in each process (4 rows × 5 rounds: about 12 minutes in all)
      e2e: { chats: 1_000, messages: 50_000, rounds: 5 },
      // the end-to-end counter with its count in durable state, per store: 5 rows × 3 rounds
      state: { chats: 1_000, messages: 20_000, rounds: 3 },
      inline: { users: 1_000, queries: 20, runs: 5 },
      // the issue's size: a newsletter to 10,000 private chats while 50 others converse, under the
      // emulator's flood control with every rate × 10 (2 rows × 3 rounds; a row takes as long as
      // the bot-wide limit needs for the newsletters and the replies, about 3.5 minutes)
      flow: { chats: 10_000, users: 50, rounds: 3 },
      // end to end against a minimal stub Bot API: 9 rows × 3 rounds, a few seconds per process
      // (a warm-up of a tenth of the messages, then one timed run)
      stub: { chats: 1_000, messages: 20_000, rounds: 3 },
    };
// delegram-on-receipt and grammy-100 are informational: the like-for-like rows (both confirming on
// fetch with 500 in progress; both holding at most 100)
const E2E_ROWS = ['delegram', 'delegram-on-receipt', 'delegram-inbox', 'grammy', 'grammy-100'];
const STATE_ROWS = [
  'delegram-memory',
  'delegram-sqlite',
  'delegram-redis',
  'delegram-redis-inbox',
  'grammy-memory',
  'grammy-redis',
];
const FLOW_ROWS = ['delegram', 'grammy'];
// the stub Bot API rows: the no-framework bound, the other frameworks, delegram's delivery modes
// (the targets judge delegram-inbox), and the webhook rows
const STUB_ROWS = [
  'bare',
  'telegraf',
  'grammy-runner',
  'delegram',
  'delegram-on-receipt',
  'delegram-inbox',
  'delegram-inbox-http',
  'delegram-webhook',
  'delegram-webhook-inbox',
  'grammy-webhook',
];
const DISPATCH_ROWS = [
  'bare-idle',
  'delegram',
  'delegram-loop',
  'grammy',
  'grammy-runner',
  'telegraf',
];

const RAW = fileURLToPath(new URL('../results/latest.json', import.meta.url));
if (args['render-only'] === true) {
  const raw = JSON.parse(readFileSync(RAW, 'utf8'));
  raw.started = new Date(raw.started);
  raw.finished = new Date(raw.finished);
  await emit(raw);
  process.exit(0);
}

const started = new Date();
const machineStart = describeMachine();
log(
  `${machineStart.cores} cores, ${machineStart.cpu}, node ${machineStart.node}, load ${machineStart.load}`,
);
const results = {
  dispatch: [],
  delegates: null,
  e2e: [],
  state: [],
  inline: [],
  flow: [],
  stub: [],
  profiles: [],
};

async function scenario(name, script, rows, extra, env) {
  const out = [];
  for (const row of rows) {
    log(`${name}: ${row ?? ''}`);
    const r = await runChild(here(script), [...(row ? [row] : []), ...flags(extra)], [], env);
    if (r.failed) log(`${name} ${row ?? ''} FAILED (exit ${r.code}): ${r.tail}`);
    out.push({ row, ...r });
  }
  return out;
}

// Dispatch runs in rounds: each round starts one process per row (its own warm-up, then one
// timed run per mode), rows alternating, so a change in the shared machine's load hits every row
// alike instead of whichever row happened to run then.
if (RUN && SCENARIOS.includes('dispatch')) {
  const { rounds, ...sizes } = SIZES.dispatch;
  const perRound = [];
  for (let r = 0; r < rounds; r++) {
    log(`dispatch round ${r + 1} of ${rounds}`);
    perRound.push(
      await scenario('dispatch', './dispatch/dispatch.mjs', DISPATCH_ROWS, { ...sizes, runs: 1 }),
    );
  }
  results.dispatch = DISPATCH_ROWS.map((row, i) => mergeRounds(perRound.map((round) => round[i])));
}

/** One row's results of every round, as if they were the runs of one process. */
function mergeRounds(list) {
  const failed = list.find((x) => x.failed);
  if (failed) return failed;
  const first = list[0];
  const modes = {};
  for (const mode of Object.keys(first.modes)) {
    const ms = list.map((x) => x.modes[mode]);
    modes[mode] = {
      ups: summary(ms.flatMap((m) => m.ups.runs)),
      peakHeapMB: Math.max(...ms.map((m) => m.peakHeapMB)),
      peakRssMB: Math.max(...ms.map((m) => m.peakRssMB)),
      verifyOk: ms.every((m) => m.verifyOk),
      overlaps: Math.max(...ms.map((m) => m.overlaps)),
      lastVerify: ms.at(-1).lastVerify,
    };
  }
  return { ...first, rounds: list.length, modes, verifyOk: list.every((x) => x.verifyOk) };
}
if (RUN && SCENARIOS.includes('delegates')) {
  [results.delegates] = await scenario(
    'delegates',
    './delegates/delegates.mjs',
    [null],
    SIZES.delegates,
  );
}
// End to end runs in rounds too: round r starts one process per row (its own warm-up, then one
// timed run), in an order rotated by r, so load drift and position in the round hit every row alike.
if (RUN && SCENARIOS.includes('e2e')) {
  const { rounds, ...sizes } = SIZES.e2e;
  const byRow = new Map(E2E_ROWS.map((row) => [row, []]));
  for (let r = 0; r < rounds; r++) {
    const order = E2E_ROWS.map((_, i) => E2E_ROWS[(i + r) % E2E_ROWS.length]);
    log(`e2e round ${r + 1} of ${rounds}: ${order.join(', ')}`);
    for (const x of await scenario('e2e', './e2e/e2e.mjs', order, { ...sizes, runs: 1 })) {
      byRow.get(x.row).push(x);
    }
  }
  results.e2e = E2E_ROWS.map((row) => mergeE2eRounds(byRow.get(row)));
}

/** One e2e row's results of every round, as if they were the runs of one process. */
function mergeE2eRounds(list) {
  const failed = list.find((x) => x.failed);
  if (failed) return failed;
  const all = (key) => summary(list.flatMap((x) => x[key].runs));
  const loop = list.every((x) => x.loop)
    ? Object.fromEntries(
        Object.keys(list[0].loop).map((key) => [
          key,
          summary(list.flatMap((x) => x.loop[key].runs)),
        ]),
      )
    : undefined;
  return {
    ...list[0],
    rounds: list.length,
    mps: all('mps'),
    p50: all('p50'),
    p99: all('p99'),
    botCpuMs: all('botCpuMs'),
    emulatorCpuMs: all('emulatorCpuMs'),
    botMaxRssMB: Math.max(...list.map((x) => x.botMaxRssMB)),
    ...(loop ? { loop } : {}),
    verifyOk: list.every((x) => x.verifyOk),
  };
}
// Durable state: the end-to-end counter keeping its count in a store, delegram on each of its
// stores beside grammY's session() on the same kinds, one Redis server and the same emulator
// setup for all, rows rotated per round like e2e.
if (RUN && SCENARIOS.includes('state')) {
  const { rounds, ...sizes } = SIZES.state;
  const redis = await startRedis();
  const sqliteDir = mkdtempSync(join(tmpdir(), 'delegram-bench-sqlite-'));
  const env = { BENCH_REDIS_URL: redis.url, BENCH_SQLITE_DIR: sqliteDir };
  try {
    const byRow = new Map(STATE_ROWS.map((row) => [row, []]));
    for (let r = 0; r < rounds; r++) {
      const order = STATE_ROWS.map((_, i) => STATE_ROWS[(i + r) % STATE_ROWS.length]);
      log(`state round ${r + 1} of ${rounds}: ${order.join(', ')}`);
      for (const x of await scenario('state', './e2e/e2e.mjs', order, { ...sizes, runs: 1 }, env)) {
        byRow.get(x.row).push(x);
      }
    }
    results.state = STATE_ROWS.map((row) => mergeE2eRounds(byRow.get(row)));
  } finally {
    await redis.stop();
    rmSync(sqliteDir, { recursive: true, force: true });
  }
}
if (RUN && SCENARIOS.includes('inline')) {
  results.inline = await scenario(
    'inline',
    './inline/inline.mjs',
    ['delegram', 'delegram-debounce', 'grammy'],
    SIZES.inline,
  );
}

// Outgoing flow control: a broadcast under the emulator's flood control while other chats
// converse, one process per row and round, rows rotated like e2e.
if (RUN && SCENARIOS.includes('flow')) {
  const { rounds, ...sizes } = SIZES.flow;
  const byRow = new Map(FLOW_ROWS.map((row) => [row, []]));
  for (let r = 0; r < rounds; r++) {
    const order = FLOW_ROWS.map((_, i) => FLOW_ROWS[(i + r) % FLOW_ROWS.length]);
    log(`flow round ${r + 1} of ${rounds}: ${order.join(', ')}`);
    for (const x of await scenario('flow', './flow/flow.mjs', order, sizes))
      byRow.get(x.row).push(x);
  }
  results.flow = FLOW_ROWS.map((row) => mergeFlowRounds(byRow.get(row)));
}

/** One flow row's rounds (one run each): medians of the figures, sums of the errors. */
function mergeFlowRounds(list) {
  const failed = list.find((x) => x.failed);
  if (failed) return failed;
  const all = (get) => summary(list.map((x) => get(x.run)));
  const sum = (get) => list.reduce((a, x) => a + get(x.run), 0);
  const { run: _run, ...first } = list[0];
  return {
    ...first,
    rounds: list.length,
    refused: all((x) => x.refused),
    completionMs: all((x) => x.completionMs),
    minimumMs: all((x) => x.minimumMs),
    aloneMinimumMs: list[0].run.aloneMinimumMs,
    ratio: all((x) => x.ratio),
    aloneRatio: all((x) => x.aloneRatio),
    repliesDuring: all((x) => x.repliesDuring),
    p50: all((x) => x.replies.p50),
    p99: all((x) => x.replies.p99),
    botCpuMs: all((x) => x.botCpuMs),
    emulatorCpuMs: all((x) => x.emulatorCpuMs),
    botMaxRssMB: Math.max(...list.map((x) => x.run.botMaxRssMB)),
    newsletters: {
      missing: sum((x) => x.newsletters.missing),
      duplicates: sum((x) => x.newsletters.duplicates),
      wrongText: sum((x) => x.newsletters.wrongText),
    },
    replies: {
      sent: sum((x) => x.replies.sent),
      answered: sum((x) => x.replies.answered),
      missing: sum((x) => x.replies.missing),
      duplicates: sum((x) => x.replies.duplicates),
      outOfOrder: sum((x) => x.replies.outOfOrder),
    },
    runs: list.map((x) => x.run),
    verifyOk: list.every((x) => x.verifyOk),
  };
}

// End to end against the stub Bot API: one process per row and round (its own stub, warm-up and
// timed run), rows rotated like e2e.
if (RUN && SCENARIOS.includes('stub')) {
  const { rounds, ...sizes } = SIZES.stub;
  const byRow = new Map(STUB_ROWS.map((row) => [row, []]));
  for (let r = 0; r < rounds; r++) {
    const order = STUB_ROWS.map((_, i) => STUB_ROWS[(i + r) % STUB_ROWS.length]);
    log(`stub round ${r + 1} of ${rounds}: ${order.join(', ')}`);
    for (const x of await scenario('stub', './stub/stub.mjs', order, { ...sizes, runs: 1 })) {
      byRow.get(x.row).push(x);
    }
  }
  results.stub = STUB_ROWS.map((row) => mergeStubRounds(byRow.get(row)));
}

/** One stub row's results of every round, as if they were the runs of one process. */
function mergeStubRounds(list) {
  const failed = list.find((x) => x.failed);
  if (failed) return failed;
  const keys = [
    'mps',
    'p50',
    'p99',
    'botCpuMs',
    'botCpuUsPerMessage',
    'stubCpuMs',
    'redownloadsPerMessage',
    'polls',
    'posts',
    'retries',
  ];
  return {
    ...list[0],
    rounds: list.length,
    ...Object.fromEntries(keys.map((key) => [key, summary(list.flatMap((x) => x[key].runs))])),
    botMaxRssMB: Math.max(...list.map((x) => x.botMaxRssMB)),
    verifyOk: list.every((x) => x.verifyOk),
  };
}

// A missed target gets CPU profiles: dispatch profiles the timed runs of delegram and of the row
// it is compared with (inspector, setup and warm-up excluded); e2e profiles delegram's emulator
// and bot processes whole (node --cpu-prof; fork() passes the flags on to the bot); delegates
// profiles its process whole (population pass, spawn pairs, expiry; the row name is ignored); flow
// profiles delegram's emulator and bot processes whole, like e2e (one profile run for all of its
// missed targets); stub profiles the stub and the delegram-inbox bot process whole, likewise.
const { rounds: _rounds, ...dispatchSizes } = SIZES.dispatch;
const { rounds: _e2eRounds, ...e2eSizes } = SIZES.e2e;
const { rounds: _stateRounds, ...stateSizes } = SIZES.state;
const { rounds: _flowRounds, ...flowSizes } = SIZES.flow;
const { rounds: _stubRounds, ...stubSizes } = SIZES.stub;
const PROFILES = {
  dispatch: ['delegram', 'grammy-runner'].map((row) => ({
    script: './dispatch/dispatch.mjs',
    row,
    extra: { ...dispatchSizes, runs: 3, modes: 'window' },
    inspector: true,
  })),
  e2e: [{ script: './e2e/e2e.mjs', row: 'delegram', extra: { ...e2eSizes, runs: 1 } }],
  delegates: [{ script: './delegates/delegates.mjs', row: 'delegram', extra: SIZES.delegates }],
  state: ['delegram-redis', 'delegram-sqlite'].map((row) => ({
    script: './e2e/e2e.mjs',
    row,
    extra: { ...stateSizes, runs: 1 },
    stores: true,
  })),
  flow: [{ script: './flow/flow.mjs', row: 'delegram', extra: flowSizes }],
  // the stub's stub and bot processes whole, like e2e
  stub: [{ script: './stub/stub.mjs', row: 'delegram-inbox', extra: { ...stubSizes, runs: 1 } }],
};
if (args['profile-only'] === true) {
  const saved = JSON.parse(readFileSync(RAW, 'utf8'));
  Object.assign(results, saved.results, { profiles: [] });
  results.keptProfiles = saved.results.profiles.filter((p) => !SCENARIOS.includes(p.scenario));
}
if (args['no-profile'] !== true && (!QUICK || args.profile === true)) {
  // one profile run per scenario and row, however many of its targets were missed
  const missedBy = new Map();
  for (const t of targetsOf(results)) {
    if (t.met !== false || !SCENARIOS.includes(t.scenario)) continue;
    // a target that names its row (`profile`) gets that row's profile only
    const wanted = (PROFILES[t.scenario] ?? []).filter(
      (p) => t.profile === undefined || p.row === t.profile,
    );
    for (const p of wanted) {
      const key = `${t.scenario} ${p.row}`;
      if (missedBy.has(key)) missedBy.get(key).names.push(t.name);
      else missedBy.set(key, { t, p, names: [t.name] });
    }
  }
  for (const { t, p, names } of missedBy.values()) {
    const dir = mkdtempSync(join(tmpdir(), 'delegram-prof-'));
    log(`profiling ${t.scenario} ${p.row} (${names.join('; ')} missed)`);
    // the state rows need their stores: a Redis server and a directory for SQLite files
    const redis = p.stores ? await startRedis() : undefined;
    const env = p.stores ? { BENCH_REDIS_URL: redis.url, BENCH_SQLITE_DIR: dir } : {};
    const r = p.inspector
      ? await runChild(here(p.script), [p.row, ...flags(p.extra), '--profile-dir', dir])
      : await runChild(
          here(p.script),
          [p.row, ...flags(p.extra)],
          ['--cpu-prof', `--cpu-prof-dir=${dir}`],
          env,
        );
    await redis?.stop();
    const summaries = r.failed ? [] : summariseProfiles(dir);
    const how = p.inspector ? '--profile-dir <dir>' : '';
    results.profiles.push({
      scenario: t.scenario,
      target: `${names.join('; ')}: ${p.row}`,
      command: p.inspector
        ? `node --expose-gc ${p.script} ${p.row} ${flags(p.extra).join(' ')} ${how} (timed runs only)`
        : `node --expose-gc --cpu-prof ${p.script} ${p.row} ${flags(p.extra).join(' ')}`,
      summaries,
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

let previous = null;
if (args['profile-only'] === true) {
  previous = JSON.parse(readFileSync(RAW, 'utf8'));
  results.profiles = [...results.keptProfiles, ...results.profiles];
  delete results.keptProfiles;
} else if (args.merge === true) {
  previous = JSON.parse(readFileSync(RAW, 'utf8'));
  for (const name of ['dispatch', 'delegates', 'e2e', 'state', 'inline', 'flow', 'stub']) {
    if (!SCENARIOS.includes(name)) results[name] = previous.results[name] ?? results[name];
  }
  const kept = previous.results.profiles.filter((p) => !SCENARIOS.includes(p.scenario));
  results.profiles = [...kept, ...results.profiles];
}
const fresh = {
  results,
  machine: { ...machineStart, loadEnd: describeMachine().load },
  started,
  finished: new Date(),
  command:
    previous === null || args['profile-only'] === true
      ? `pnpm bench${QUICK ? ' --quick' : ''}${args.only ? ` --only ${args.only}` : ''}`
      : mergedCommand(previous),
  quick: QUICK,
  sizes: SIZES,
};
// --profile-only keeps the figures' run (its times, machine and command); only profiles change
const raw =
  args['profile-only'] === true
    ? {
        ...previous,
        results,
        started: new Date(previous.started),
        finished: new Date(previous.finished),
      }
    : fresh;
if (!QUICK && args['no-write'] !== true) {
  mkdirSync(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
  writeFileSync(RAW, await pretty(JSON.stringify(raw, null, 2), RAW, 'json'));
}
await emit(raw);
// a crashed script or a failed verification fails the command (the smoke check relies on it)
const all = [
  ...results.dispatch,
  results.delegates,
  ...results.e2e,
  ...(results.state ?? []),
  ...results.inline,
  ...(results.flow ?? []),
  ...(results.stub ?? []),
].filter(Boolean);
const failures = all.filter(
  (r) => r.failed || r.verifyOk === false || r.rows?.some((x) => !x.verifyOk),
);
if (failures.length > 0) {
  log(
    `${failures.length} row(s) FAILED: ${failures.map((r) => r.name ?? r.row ?? r.scenario).join(', ')}`,
  );
  process.exitCode = 1;
}

/**
 * The command history of a --merge run: the previous one's, where a merge of the same scenarios
 * is replaced by this one; when the previous run was one whole run, also when it ran.
 */
function mergedCommand(previous) {
  const step = `pnpm bench --only ${args.only} --merge`;
  const steps = previous.command.split(', then ');
  const kept = steps.filter((s) => !s.startsWith(`${step} (`));
  const when =
    steps.length === 1
      ? `; the other scenarios ran ${previous.started} to ${previous.finished}`
      : '';
  return [...kept, `${step} (${started.toISOString()}${when})`].join(', then ');
}

/** Formats text with the workspace's prettier config (so `pnpm lint` passes), if prettier is there. */
async function pretty(text, file, parser) {
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...config, parser });
  } catch {
    return text + '\n';
  }
}

async function emit(report) {
  const doc = fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url));
  const md = await pretty(renderReport(report), doc, 'markdown');
  process.stdout.write(md);
  if (args['no-write'] !== true) {
    writeFileSync(doc, md);
    log('wrote docs/benchmarks.md');
  }
}
