// Scenario 1, one framework per process:
//   node --expose-gc dispatch.mjs <adapter> [--n 200000] [--k 10000] [--runs 5] [--window 500]
//        [--modes window,burst]
// N updates over K chats into the adapter's feed(); per mode one warm-up run, then `runs` timed
// runs, each on a fresh bot and each verified. Modes:
//   window: at most W updates fed but unanswered, refilled when half is answered (a poller or
//           webhook server with backpressure);
//   burst:  all N fed in one synchronous loop, then drain() (a backlog arriving at once).
// --profile-dir <dir> records a CPU profile of the timed runs only (not the setup or warm-up),
// one <row>-<mode>.cpuprofile per mode.
// Progress goes to stderr; the last stdout line is the JSON result.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { parseArgs, logger, numberArg } from '../lib/args.mjs';
import { installedVersions } from '../lib/versions.mjs';
import {
  gcFull,
  nextTurn,
  peakSampler,
  round,
  settledHeap,
  summary,
  MB,
  withTimeout,
} from '../lib/stats.mjs';
import { stubTelegram } from '../lib/stubTelegram.mjs';
import { makeUpdates } from '../lib/updates.mjs';
import { HANDLER } from './handler.mjs';

const args = parseArgs(process.argv.slice(2));
const N = numberArg(args, 'n', 200_000);
const K = numberArg(args, 'k', 10_000);
const RUNS = numberArg(args, 'runs', 5);
const WINDOW = numberArg(args, 'window', 500);
const MODES = String(args.modes ?? 'window,burst')
  .split(',')
  .filter(Boolean);
const RUN_TIMEOUT = 300_000;
const name = args._[0];
if (!name) throw new Error('usage: node --expose-gc dispatch.mjs <adapter name> [options]');
gcFull();

const { adapter } = await import(`./adapters/${name}.mjs`);
const PROFILE_DIR = args['profile-dir'];
const session = PROFILE_DIR ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
}
const log = logger(`dispatch ${adapter.name}`);
const { updates, perChat } = makeUpdates(N, K);
const heapBase = await settledHeap();

async function feedWindow(inst, env) {
  const st = env.stats;
  const half = Math.max(1, WINDOW >> 1);
  let i = 0;
  while (i < N) {
    while (i < N && st.fed - st.replied < WINDOW) {
      st.fed++;
      inst.feed(updates[i++]);
    }
    if (i < N) await env.replied(st.fed - half);
  }
}

function feedBurst(inst, env) {
  for (let i = 0; i < N; i++) {
    env.stats.fed++;
    inst.feed(updates[i]);
  }
}

async function run(mode) {
  const env = stubTelegram(K);
  const inst = await adapter.setup(HANDLER, env);
  gcFull();
  await nextTurn();
  const sampler = peakSampler();
  const t0 = performance.now();
  if (mode === 'burst') feedBurst(inst, env);
  else await withTimeout(feedWindow(inst, env), RUN_TIMEOUT, 'feed');
  await withTimeout(inst.drain(), RUN_TIMEOUT, 'drain');
  const ms = performance.now() - t0;
  const peak = sampler.stop();
  const verify = env.verify(perChat, inst.count);
  await inst.close?.();
  return { ms: round(ms, 1), ups: Math.round(N / (ms / 1000)), ...peak, verify };
}

const modes = {};
for (const mode of MODES) {
  const warm = await run(mode);
  log(
    `${mode} warm-up ${warm.ups} upd/s, verify ${warm.verify.ok ? 'ok' : JSON.stringify(warm.verify)}`,
  );
  const runs = [];
  if (session) await session.post('Profiler.start');
  for (let r = 0; r < RUNS; r++) {
    const x = await run(mode);
    runs.push(x);
    log(
      `${mode} run ${r + 1}: ${x.ups} upd/s, peak heap ${x.peakHeapMB} MB, verify ${x.verify.ok ? 'ok' : JSON.stringify(x.verify)}`,
    );
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(PROFILE_DIR, `${adapter.name}-${mode}.cpuprofile`), JSON.stringify(profile));
  }
  const all = [warm, ...runs];
  modes[mode] = {
    ups: summary(runs.map((x) => x.ups)),
    peakHeapMB: Math.max(...runs.map((x) => x.peakHeapMB)),
    peakRssMB: Math.max(...runs.map((x) => x.peakRssMB)),
    verifyOk: all.every((x) => x.verify.ok),
    overlaps: Math.max(...all.map((x) => x.verify.overlaps)),
    lastVerify: runs.at(-1).verify,
  };
  gcFull();
}

process.stdout.write(
  JSON.stringify({
    scenario: 'dispatch',
    name: adapter.name,
    describe: adapter.describe,
    versions: installedVersions(adapter.packages),
    n: N,
    k: K,
    window: WINDOW,
    heapBaseMB: MB(heapBase),
    modes,
    verifyOk: Object.values(modes).every((m) => m.verifyOk),
  }) + '\n',
);
