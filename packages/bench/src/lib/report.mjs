// Turns the scenarios' results into the markdown of docs/benchmarks.md.
import { existsSync, readFileSync } from 'node:fs';

// Hand-written reading of the committed full run (why a target is missed, what the profile says).
// It is tied to one run: the report prints the run it was written for, so a re-run with other
// figures shows that the text may be stale.
const ANALYSIS = new URL('../../analysis.md', import.meta.url);

const k = (x) =>
  x == null || Number.isNaN(x)
    ? '–'
    : x >= 10_000
      ? `${Math.round(x / 1000)}k`
      : x >= 1000
        ? `${(x / 1000).toFixed(1)}k`
        : String(Math.round(x));
const ms = (x) => (x == null ? '–' : x >= 100 ? String(Math.round(x)) : x.toFixed(1));
const cell = (s, f = k) => (s ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : '–');
const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);
const versions = (v) =>
  Object.entries(v ?? {})
    .map(([p, x]) => `${p}@${x}`)
    .join(' ') || '–';
const ok = (r) => (r.failed ? `FAILED (exit ${r.code})` : r.verifyOk ? 'ok' : 'FAILED');
const row = (name, list) => list.find((r) => (r.row ?? r.name) === name && !r.failed);

/** The targets of the issue, each with its measured ratio and whether it is met. */
export function targetsOf(results) {
  const out = [];
  const d = row('delegram', results.dispatch ?? []);
  const gr = row('grammy-runner', results.dispatch ?? []);
  if (d || gr) {
    const r = ratio(d?.modes.window?.ups.median, gr?.modes.window?.ups.median);
    out.push({
      scenario: 'dispatch',
      name: 'dispatch ≥ 1.5× grammY + runner',
      measured:
        r == null
          ? 'not measured'
          : `${r}× (delegram ${k(d.modes.window.ups.median)} upd/s vs grammy-runner ${k(gr.modes.window.ups.median)}, window 500)`,
      met: r == null ? null : r >= 1.5,
      miss: r == null ? '' : `${Math.round((1 - r / 1.5) * 100)}% short of 1.5×`,
    });
  }
  const del = results.delegates?.rows?.find((x) => x.name === 'delegram');
  if (del) {
    out.push({
      scenario: 'delegates',
      name: '≤ 1.5 KB per live idle delegate',
      measured: `${del.bytesPer} B (${k(del.live)} live delegates)`,
      met: del.bytesPer <= 1536,
      miss: `${del.bytesPer - 1536} B over`,
    });
    const sp = del.spawn;
    const flat = sp.fullOverEmpty ?? sp.lastOverFirst;
    out.push({
      scenario: 'delegates',
      name: `spawn rate flat as the population grows (≥ 0.8× at ${k(del.live)} live vs empty)`,
      measured:
        sp.fullOverEmpty == null
          ? `${sp.lastOverFirst}× (first 1k: ${k(sp.first1k)}/s, last 1k: ${k(sp.last1k)}/s)`
          : `${sp.fullOverEmpty}× (${k(sp.spawnsPerWindow ?? 1000)} spawns into ${k(del.live)} live: ${k(sp.atFull)}/s, into an empty bot: ${k(sp.atEmpty)}/s; median of ${sp.reps} back-to-back pairs${sp.pairRatioMin == null ? '' : `, pairs ${sp.pairRatioMin}–${sp.pairRatioMax}×`})`,
      met: flat >= 0.8,
      miss: `${Math.round(flat * 100)}% of the rate at an empty bot`,
    });
  }
  const e = row('delegram', results.e2e ?? []);
  const eg = row('grammy', results.e2e ?? []);
  if (e || eg) {
    const r = ratio(e?.mps.median, eg?.mps.median);
    // like for like (informational): both confirming on fetch with up to 500 in progress
    const eo = row('delegram-on-receipt', results.e2e ?? []);
    const lr = ratio(eo?.mps.median, eg?.mps.median);
    const like =
      lr == null
        ? ''
        : `; like for like, both confirming on receipt with up to 500 in progress: delegram-on-receipt / grammY ${lr}× (${k(eo.mps.median)} msg/s)`;
    out.push({
      scenario: 'e2e',
      name: 'end to end ≥ grammY on the same emulator',
      measured:
        r == null
          ? 'not measured'
          : `${r}× (delegram ${k(e.mps.median)} msg/s vs grammY ${k(eg.mps.median)})${like}`,
      met: r == null ? null : r >= 1,
      miss: r == null ? '' : `${Math.round((1 - r) * 100)}% slower`,
    });
  }
  const ei = row('delegram-inbox', results.e2e ?? []);
  if (ei && eg) {
    const r = ratio(ei.mps.median, eg.mps.median);
    const again = ei.loop ? round2(ei.loop.repeats.median / ei.messages) : null;
    out.push({
      scenario: 'e2e',
      name: 'emulator: at-least-once (delegram-inbox) ≥ 1.5× grammY + runner, ≤ 0.05 updates downloaded again per message',
      measured: `${r}× (delegram-inbox ${k(ei.mps.median)} msg/s vs grammY ${k(eg.mps.median)}), ${again ?? '–'} downloaded again per message${e?.loop ? ` (delegram, confirming after handling: ${round2(e.loop.repeats.median / e.messages)})` : ''}`,
      met: r == null || again == null ? null : r >= 1.5 && again <= 0.05,
      miss: [
        r != null && r < 1.5 ? `${Math.round((1 - r / 1.5) * 100)}% short of 1.5×` : '',
        again != null && again > 0.05 ? `${again} downloaded again per message` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  }
  const st = results.state ?? [];
  const drPlain = row('delegram-redis', st);
  const drInbox = row('delegram-redis-inbox', st);
  // judged on the faster of delegram's two at-least-once Redis rows (named in the text)
  const dr = drInbox && (!drPlain || drInbox.mps.median >= drPlain.mps.median) ? drInbox : drPlain;
  const gr2 = row('grammy-redis', st);
  if (dr || gr2) {
    const r = ratio(dr?.mps.median, gr2?.mps.median);
    out.push({
      scenario: 'state',
      name: 'durable state: delegram on Redis ≥ 1.5× grammY with Redis sessions',
      profile: 'delegram-redis',
      measured:
        r == null
          ? 'not measured'
          : `${r}× (${dr.name} ${k(dr.mps.median)} msg/s vs grammy-redis ${k(gr2.mps.median)})${drPlain && drInbox ? `; delegram-redis ${k(drPlain.mps.median)}, delegram-redis-inbox ${k(drInbox.mps.median)} msg/s` : ''}`,
      met: r == null ? null : r >= 1.5,
      miss: r == null ? '' : `${Math.round((1 - r / 1.5) * 100)}% short of 1.5×`,
    });
  }
  const ds = row('delegram-sqlite', st);
  const dm = row('delegram-memory', st);
  if (ds || dm) {
    const r = ratio(ds?.mps.median, dm?.mps.median);
    out.push({
      scenario: 'state',
      name: 'durable state: SQLite within 20% of MemoryStore',
      profile: 'delegram-sqlite',
      measured:
        r == null
          ? 'not measured'
          : `${r}× (delegram-sqlite ${k(ds.mps.median)} msg/s vs delegram-memory ${k(dm.mps.median)})`,
      met: r == null ? null : r >= 0.8,
      miss: r == null ? '' : `${Math.round((1 - r) * 100)}% slower`,
    });
  }
  out.push(...flowTargets(results.flow ?? []));
  out.push(...stubTargets(results.stub ?? []));
  return out;
}

// a share as a whole percentage, never a misleading "0%" for a target missed by a hair
const round2 = (x) => Math.round(x * 100) / 100;
const pctOf = (x) => (Math.round(x * 100) === 0 ? 'under 1%' : `${Math.round(x * 100)}%`);
const pctShort = (r, goal) => pctOf(1 - r / goal);

/**
 * The stub scenario's targets, judged on delegram-inbox (at-least-once with the durable inbox);
 * the plain delegram row (at-least-once by confirming after handling) is reported beside it.
 */
function stubTargets(list) {
  if (!list.some((r) => !r.failed)) return [];
  const d = row('delegram-inbox', list);
  const plain = row('delegram', list);
  const gr = row('grammy-runner', list);
  const tg = row('telegraf', list);
  const onr = row('delegram-on-receipt', list);
  const bare = row('bare', list);
  const none = { measured: 'not measured', met: null, miss: '' };
  const mps = (r) => r?.mps.median;
  const cpu = (r) => r?.botCpuUsPerMessage.median;
  const again = (r) => r?.redownloadsPerMessage.median;
  const target = (name, judge) => ({
    scenario: 'stub',
    name,
    profile: 'delegram-inbox',
    ...judge(),
  });

  const rG = ratio(mps(d), mps(gr));
  const rT = ratio(mps(d), mps(tg));
  const plainRatios = plain
    ? `; plain delegram (confirms after handling) ${k(mps(plain))} msg/s: ${ratio(mps(plain), mps(gr)) ?? '–'}× / ${ratio(mps(plain), mps(tg)) ?? '–'}×`
    : '';
  const rCpuT = ratio(cpu(d), cpu(tg));
  const rOn = ratio(mps(onr), mps(plain));
  const http = row('delegram-inbox-http', list);
  const httpNote = http
    ? `; on the opt-in nodeHttpFetch transport (delegram-inbox-http) ${k(mps(http))} msg/s: ${ratio(mps(http), mps(gr)) ?? '–'}× grammY + runner, ${cpu(http)} µs per message`
    : '';
  const rBare = ratio(cpu(d), cpu(bare));
  return [
    target(
      'stub Bot API: at-least-once (delegram-inbox) ≥ 1.5× grammY + runner msg/s and ahead of Telegraf',
      () =>
        rG == null || rT == null
          ? none
          : {
              measured: `${rG}× grammY + runner, ${rT}× Telegraf (delegram-inbox ${k(mps(d))} msg/s, grammy-runner ${k(mps(gr))}, telegraf ${k(mps(tg))})${plainRatios}${httpNote}`,
              met: rG >= 1.5 && mps(d) > mps(tg),
              miss: [
                rG < 1.5 ? `${pctShort(rG, 1.5)} short of 1.5× grammY + runner` : '',
                mps(d) > mps(tg) ? '' : `${pctShort(rT, 1)} behind Telegraf`,
              ]
                .filter(Boolean)
                .join('; '),
            },
    ),
    target("stub Bot API: bot CPU per message ≤ Telegraf's (delegram-inbox)", () =>
      rCpuT == null
        ? none
        : {
            measured: `${cpu(d)} µs vs Telegraf ${cpu(tg)} µs (${rCpuT}×)${plain ? `; plain delegram ${cpu(plain)} µs` : ''}`,
            met: cpu(d) <= cpu(tg),
            miss: `${pctOf(cpu(d) / cpu(tg) - 1)} more`,
          },
    ),
    target('stub Bot API: updates downloaded again ≤ 0.05 per message (delegram-inbox)', () =>
      again(d) == null
        ? none
        : {
            measured: `${again(d)} per message${plain ? `; plain delegram ${again(plain)}` : ''}${gr ? `; grammy-runner ${again(gr)}` : ''}`,
            met: again(d) <= 0.05,
            miss: `${again(d)} per message`,
          },
    ),
    target(
      "stub Bot API: on-receipt msg/s ≥ the default mode's (delegram, confirming after handling)",
      () =>
        rOn == null
          ? none
          : {
              measured: `${rOn}× (delegram-on-receipt ${k(mps(onr))} msg/s vs delegram ${k(mps(plain))}; delegram-inbox ${k(mps(d))})`,
              met: mps(onr) >= mps(plain),
              miss: `${pctShort(rOn, 1)} slower`,
            },
    ),
    target(
      'stub Bot API: bot CPU per message within 1.6× of the no-framework bound (delegram-inbox)',
      () =>
        rBare == null
          ? none
          : {
              measured: `${rBare}× (delegram-inbox ${cpu(d)} µs vs bare ${cpu(bare)} µs)${plain ? `; plain delegram ${ratio(cpu(plain), cpu(bare))}×` : ''}`,
              met: cpu(d) <= 1.6 * cpu(bare),
              miss: `${pctOf(cpu(d) / (1.6 * cpu(bare)) - 1)} over 1.6×`,
            },
    ),
  ];
}

const sec = (x) =>
  x == null ? '–' : (x / 1000).toFixed(x >= 100_000 ? 0 : x >= 10_000 || x === 0 ? 1 : 2);
const above = (r) => `${Math.round((r - 1) * 100)}% above`;

/** The flow scenario's targets: no 429s, completion near the minimum, order kept (delegram). */
function flowTargets(list) {
  const d = row('delegram', list);
  const g = row('grammy', list);
  if (!d && !g) return [];
  const none = { measured: 'not measured', met: null, miss: '' };
  const times = (r) =>
    `${r.ratio.median}× (${sec(r.completionMs.median)} s vs ${sec(r.minimumMs.median)} s, ${above(r.ratio.median)})`;
  const errors = (r) =>
    `${r.replies.outOfOrder} replies out of sequence, ${r.newsletters.missing} newsletters missing, ${r.newsletters.duplicates} duplicated; reply p50 / p99 ${sec(r.p50.median)} / ${sec(r.p99.median)} s`;
  const rounds = d?.rounds > 1 ? ` (${d.rounds} rounds)` : '';
  return [
    {
      scenario: 'flow',
      name: 'flow control: no 429 from the emulator during a broadcast (delegram)',
      profile: 'delegram',
      ...(d
        ? {
            measured: `delegram ${d.refused.max === 0 ? `0${rounds}` : `${d.refused.median} (median; up to ${d.refused.max})`}${g ? `; grammY + throttler + auto-retry ${k(g.refused.median)}` : ''}`,
            met: d.refused.max === 0,
            miss: `${d.refused.max} 429s in a round`,
          }
        : none),
    },
    {
      scenario: 'flow',
      name: 'flow control: broadcast within 5% of the minimum at the bot-wide rate (delegram)',
      profile: 'delegram',
      ...(d
        ? {
            measured: `delegram ${times(d)}${g ? `; grammY ${times(g)}` : ''}; minimum: the newsletters and the replies sent meanwhile at ${d.botPerSecond}/s (the newsletters alone: ${sec(d.aloneMinimumMs)} s, delegram took ${d.aloneRatio.median}× that)`,
            met: d.ratio.median <= 1.05,
            miss: above(d.ratio.median),
          }
        : none),
    },
    {
      scenario: 'flow',
      name: 'flow control: per-chat order kept, one newsletter per chat (delegram)',
      profile: 'delegram',
      ...(d
        ? {
            measured: `delegram ${errors(d)}${g ? `; grammY ${errors(g)}` : ''}`,
            met:
              d.replies.outOfOrder === 0 &&
              d.newsletters.missing === 0 &&
              d.newsletters.duplicates === 0,
            miss: `${d.replies.outOfOrder + d.newsletters.missing + d.newsletters.duplicates} violations`,
          }
        : none),
    },
  ];
}

/** The stub scenario's table: throughput, CPU per message against the bare bound, re-downloads. */
function stubSection(list) {
  const s0 = list.find((r) => !r.failed);
  if (!s0) return ['### 7. End to end against a stub Bot API: no result.', ''];
  const L = [];
  L.push(
    `### 7. End to end against a minimal stub Bot API (plain node:http, no emulator logic), ${k(s0.chats)} private chats, ${k(s0.messages)} messages, at most ${s0.inFlight} unanswered per chat; median of ${s0.mps.runs.length} run${s0.mps.runs.length === 1 ? '' : 's'} (min–max)${s0.rounds ? `, in ${s0.rounds} round${s0.rounds === 1 ? '' : 's'}: one process per row and round, rows in an order rotated each round, each process warmed up before its timed run` : ' after a warm-up'}`,
  );
  L.push('');
  L.push(
    '| bot | versions | messages/s | bot CPU µs per message | bot CPU / bare | updates downloaded again per message | p50 latency ms | p99 latency ms | stub CPU ms | bot peak RSS MB | verified |',
  );
  L.push('|---|---|---|---|---|---|---|---|---|---|---|');
  const bare = row('bare', list)?.botCpuUsPerMessage.median;
  const f2 = (x) => (x == null ? '–' : x.toFixed(2));
  for (const r of list) {
    if (r.failed) {
      L.push(`| ${r.row} | | | | | | | | | | ${ok(r)} |`);
      continue;
    }
    L.push(
      `| ${r.name} | ${versions(r.versions)} | ${cell(r.mps)} | ${cell(r.botCpuUsPerMessage)} | ${ratio(r.botCpuUsPerMessage.median, bare) ?? '–'} | ${cell(r.redownloadsPerMessage, f2)} | ${cell(r.p50, ms)} | ${cell(r.p99, ms)} | ${cell(r.stubCpuMs, ms)} | ${r.botMaxRssMB} | ${ok(r)} |`,
    );
  }
  L.push('');
  const mps = (name) => row(name, list)?.mps.median;
  const delegrams = list
    .filter((r) => !r.failed && r.name.startsWith('delegram'))
    .map((r) => r.name);
  // every delegram row against the polling frameworks; the webhook rows also against grammY's
  const pairs = delegrams.flatMap((a) =>
    [...(row(a, list).webhook ? ['grammy-webhook'] : []), 'grammy-runner', 'telegraf']
      .filter((b) => mps(b))
      .map((b) => `${a} / ${b}: ${ratio(mps(a), mps(b))}×`),
  );
  if (pairs.length) {
    L.push(`Ratios (same run, medians of messages/s): ${pairs.join('; ')}.`);
    L.push('');
  }
  const hooks = list.filter((r) => !r.failed && r.webhook);
  if (hooks.length > 0) {
    L.push(
      `The webhook rows (${hooks.map((r) => r.name).join(', ')}) are posted the updates by the stub as Telegram does: at most 40 requests in flight (the default \`max_connections\`), a chat's next update only once the previous one was answered 2xx, a failed one posted again after 50 ms (counted as downloaded again); their replies still go out with sendMessage. Retries per run (median): ${hooks.map((r) => `${r.name} ${k(r.retries.median)}`).join(', ')}.`,
    );
    L.push('');
  }
  L.push('Rows:');
  for (const r of list) if (!r.failed) L.push(`- ${r.name}: ${r.describe}`);
  L.push('');
  return L;
}

/** Median and minimum of the bot's sends per whole second of each run (the last, partial one left out). */
function steadyRate(r) {
  const seconds = r.runs.flatMap((x) => x.perSecond.slice(0, -1));
  if (seconds.length === 0) return '–';
  const sorted = [...seconds].sort((a, b) => a - b);
  const under = seconds.filter((n) => n < 0.9 * r.botPerSecond).length;
  return `${sorted[sorted.length >> 1]} (min ${sorted[0]}; ${under} of ${seconds.length} s under ${Math.round(0.9 * r.botPerSecond)})`;
}

/** The flow scenario's table: 429s, completion against the minimum, order, reply latency. */
function flowSection(list) {
  const f0 = list.find((r) => !r.failed);
  if (!f0) return ['### 6. Outgoing flow control: no result.', ''];
  const L = [];
  L.push(
    `### 6. Outgoing flow control: a newsletter to ${k(f0.chats)} private chats while ${f0.users} other chats converse (each user one message every ${f0.gapMs} ms), emulator flood control on with every rate × ${f0.scale} (${f0.botPerSecond}/s per bot, ${f0.scale}/s per private chat after a burst of 10, ${20 * f0.scale}/min per group); median of ${f0.rounds} run${f0.rounds === 1 ? '' : 's'} (min–max)${f0.rounds > 1 ? ', one process per row and round, rows rotated' : ''}`,
  );
  L.push('');
  L.push(
    `| bot | versions | 429s from the emulator | broadcast s | minimum s at ${f0.botPerSecond}/s | broadcast / minimum | bot sends per second | newsletters missing / duplicated | replies out of sequence | replies missing / duplicated | reply p50 ms | reply p99 ms | bot CPU ms | verified |`,
  );
  L.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of list) {
    if (r.failed) {
      L.push(`| ${r.row} | | | | | | | | | | | | | ${ok(r)} |`);
      continue;
    }
    L.push(
      `| ${r.name} | ${versions(r.versions)} | ${cell(r.refused)} | ${cell(r.completionMs, sec)} | ${cell(r.minimumMs, sec)} | ${cell(r.ratio, (x) => x.toFixed(2))} | ${steadyRate(r)} | ${r.newsletters.missing} / ${r.newsletters.duplicates} | ${r.replies.outOfOrder} | ${r.replies.missing} / ${r.replies.duplicates} | ${cell(r.p50, ms)} | ${cell(r.p99, ms)} | ${cell(r.botCpuMs, ms)} | ${ok(r)} |`,
    );
  }
  L.push('');
  const replyRate = (1000 / f0.gapMs) * f0.users;
  L.push(
    `The minimum is the time the bot-wide limit needs for everything the bot sent while the broadcast ran: its newsletters and the replies to the conversing users (about ${replyRate}/s of the ${f0.botPerSecond}/s, so the newsletters get the rest). The newsletters alone would need ${k(f0.chats)} / ${f0.botPerSecond} = ${sec(f0.aloneMinimumMs)} s. A limit over a sliding second lets a bot send its first ${f0.botPerSecond} at once, so a short run can come in just under the minimum. 429s and reply latencies cover the whole run: the broadcast and the replies still queued when it ended. Errors are summed over the runs; "bot sends per second" counts newsletters and replies as the emulator saw them, per whole second of every run.`,
  );
  L.push('');
  L.push('Rows:');
  for (const r of list) if (!r.failed) L.push(`- ${r.name}: ${r.describe}`);
  L.push('');
  return L;
}

/** The state scenario's table: messages per second and CPU per message, per store. */
function stateSection(list) {
  const s0 = list.find((r) => !r.failed);
  if (!s0) return ['### 4. Durable state: no result.', ''];
  const L = [];
  L.push(
    `### 4. Durable state: the end-to-end counter with its count in a store, ${k(s0.chats)} chats, ${k(s0.messages)} messages; median of ${s0.mps.runs.length} runs (min–max)${s0.rounds ? `, in ${s0.rounds} rounds, rows rotated` : ''}`,
  );
  L.push('');
  L.push(
    '| bot | versions | messages/s | bot CPU µs per message | p50 latency ms | p99 latency ms | bot peak RSS MB | verified |',
  );
  L.push('|---|---|---|---|---|---|---|---|');
  for (const r of list) {
    if (r.failed) {
      L.push(`| ${r.row} | | | | | | | ${ok(r)} |`);
      continue;
    }
    const perMessage = Math.round((r.botCpuMs.median * 1000) / r.messages);
    L.push(
      `| ${r.name} | ${versions(r.versions)} | ${cell(r.mps)} | ${perMessage} | ${cell(r.p50, ms)} | ${cell(r.p99, ms)} | ${r.botMaxRssMB} | ${ok(r)} |`,
    );
  }
  L.push('');
  L.push(
    'One redis-server 7 on loopback for every Redis row (persistence off: the rows measure the frameworks, not the disk), emptied before each run; SQLite on a fresh file per process in the system temporary directory.',
  );
  L.push('');
  L.push('Rows:');
  for (const r of list) if (!r.failed) L.push(`- ${r.name}: ${r.describe}`);
  L.push('');
  return L;
}

function dispatchSection(list) {
  const d0 = list.find((r) => !r.failed);
  if (!d0) return ['Dispatch: no result.', ''];
  const L = [];
  L.push(
    `### 1. Dispatch with per-chat order: ${k(d0.n)} updates over ${k(d0.k)} chats, median of ${d0.modes.window?.ups.runs.length ?? '?'} runs (min–max)${d0.rounds ? `, in ${d0.rounds} rounds: one process per row and round, rows alternating, each process warmed up before its timed run` : ' after a warm-up'}`,
  );
  L.push('');
  L.push(
    `| row | versions | upd/s, window ${d0.window} | upd/s, burst (all at once) | peak heap MB (window / burst) | overlaps | verified |`,
  );
  L.push('|---|---|---|---|---|---|---|');
  for (const r of list) {
    if (r.failed) {
      L.push(`| ${r.row} | | | | | | ${ok(r)} |`);
      continue;
    }
    const w = r.modes.window;
    const b = r.modes.burst;
    L.push(
      `| ${r.name} | ${versions(r.versions)} | ${cell(w?.ups)} | ${cell(b?.ups)} | ${w?.peakHeapMB ?? '–'} / ${b?.peakHeapMB ?? '–'} | ${Math.max(w?.overlaps ?? 0, b?.overlaps ?? 0)} | ${ok(r)} |`,
    );
  }
  L.push('');
  const get = (name, mode) => row(name, list)?.modes[mode]?.ups.median;
  const pairs = [
    ['delegram', 'grammy-runner'],
    ['delegram', 'grammy'],
    ['delegram-loop', 'grammy-runner'],
    ['delegram', 'telegraf'],
    ['delegram', 'bare-idle'],
  ];
  L.push('Ratios (same run, medians; window / burst):');
  L.push('');
  for (const [a, b] of pairs) {
    L.push(
      `- ${a} / ${b}: ${ratio(get(a, 'window'), get(b, 'window')) ?? '–'}× / ${ratio(get(a, 'burst'), get(b, 'burst')) ?? '–'}×`,
    );
  }
  L.push('');
  L.push('Rows:');
  for (const r of list) if (!r.failed) L.push(`- \`${r.name}\`: ${r.describe}`);
  L.push('');
  L.push(
    `Peak heap includes the process baseline (the ${k(d0.n)} pre-parsed updates): about ${d0.heapBaseMB} MB.`,
  );
  L.push('');
  return L;
}

/** Where the spawn time goes, from the figures of the run (GC pauses inside the timed windows). */
function spawnNotes(res) {
  const sp = res.rows.find((r) => r.name === 'delegram')?.spawn;
  if (sp?.empty == null) {
    return [
      "The first-vs-last figures of one population pass move with the machine's load (the plain Map shows the same swing); the back-to-back pairs are the figure the target uses.",
      '',
    ];
  }
  const pct = (x) => `${Math.round(x * 100)}%`;
  return [
    `Spawn windows are ${k(sp.spawnsPerWindow)} new chats each, fed ${res.batch} at a time: a scavenge lasts as long as a few thousand spawns, so a window must span several for its rate to mean something (a 1k window is fast or slow depending on whether one fell into it).`,
    '',
    ...(sp.cpuFullOverEmpty == null
      ? []
      : [
          `By CPU time per spawn instead of wall time (the machine's load stretches the latter), the same pairs give ${sp.cpuFullOverEmpty}× (median).`,
          '',
        ]),
    `GC pauses took ${pct(sp.empty.gcShare)} of the spawn time into the empty bot and ${pct(sp.full.gcShare)} into the full one (scavenges ${sp.empty.minorGcs} / ${sp.full.minorGcs}, full collections ${sp.empty.majorGcs} / ${sp.full.majorGcs} inside the windows). During the population pass (0 to ${k(res.k)} live), GC took ${pct(sp.gcShare)} of the time: ${sp.minorGcs} scavenges and ${sp.majorGcs} full collections (${sp.majorGcMs} ms of pauses). The pass's first window follows the forced full GC of the heap measurement, and the heap grows back during it.`,
    '',
  ];
}

function delegatesSection(res) {
  if (!res || res.failed) return ['### 2. Live delegates: no result.', ''];
  const L = [];
  L.push(`### 2. Live delegates: ${k(res.k)} chats, one live delegate each (idle timeout 10 min)`);
  L.push('');
  L.push(
    '| row | heap B per live unit | heap MB total | spawn/s first / last window of the population pass | spawn/s into an empty bot / into the full one (back to back) | verified |',
  );
  L.push('|---|---|---|---|---|---|');
  for (const r of res.rows) {
    const sp = r.spawn;
    const pair =
      sp.atEmpty == null ? '–' : `${k(sp.atEmpty)} / ${k(sp.atFull)} (${sp.fullOverEmpty}×)`;
    L.push(
      `| ${r.name} | ${r.bytesPer} | ${r.heapDeltaMB} | ${k(sp.first ?? sp.first1k)} / ${k(sp.last ?? sp.last1k)} (${sp.lastOverFirst}×) | ${pair} | ${r.verifyOk ? 'ok' : 'FAILED'} |`,
    );
  }
  L.push('');
  L.push(...spawnNotes(res));
  const d = res.rows.find((r) => r.name === 'delegram');
  if (d) {
    const x = d.expiry;
    L.push(
      `Expiry (${x.clock}; the clock jumps, so this is the cost of closing, not a wait): all ${k(x.closed)} delegates closed (${k(x.closedIdle)} with reason \`idle\`) ${ms(x.allClosedMs)} ms after the jump; heap collected after ${ms(x.collectedMs)} ms, ${x.heapAfterMinusBaselineMB} MB above the baseline taken before the population; \`delegateCount\` ${x.delegates}, idle timers ${x.timers}.`,
    );
    L.push('');
  }
  L.push('Rows:');
  for (const r of res.rows) L.push(`- ${r.name}: ${r.describe}`);
  L.push('');
  return L;
}

function e2eSection(list) {
  const e0 = list.find((r) => !r.failed);
  if (!e0) return ['### 3. End to end: no result.', ''];
  const L = [];
  L.push(
    `### 3. End to end over HTTP: emulator (flood control off), ${k(e0.chats)} chats, ${k(e0.messages)} messages, at most ${e0.inFlight} unanswered per chat; median of ${e0.mps.runs.length} runs (min–max)${e0.rounds ? `, in ${e0.rounds} rounds: one process per row and round, rows in an order rotated each round, each process warmed up before its timed run` : ' after a warm-up'}`,
  );
  L.push('');
  L.push(
    '| bot | versions | messages/s | p50 latency ms | p99 latency ms | bot CPU ms | emulator CPU ms | bot peak RSS MB | verified |',
  );
  L.push('|---|---|---|---|---|---|---|---|---|');
  for (const r of list) {
    if (r.failed) {
      L.push(`| ${r.row} | | | | | | | | ${ok(r)} |`);
      continue;
    }
    L.push(
      `| ${r.name} | ${versions(r.versions)} | ${cell(r.mps)} | ${cell(r.p50, ms)} | ${cell(r.p99, ms)} | ${cell(r.botCpuMs, ms)} | ${cell(r.emulatorCpuMs, ms)} | ${r.botMaxRssMB} | ${ok(r)} |`,
    );
  }
  L.push('');
  const mps = (name) => row(name, list)?.mps.median;
  const pairs = [
    ['delegram', 'grammy'],
    ['delegram-on-receipt', 'grammy'],
    ['delegram', 'grammy-100'],
    ['delegram-on-receipt', 'delegram'],
  ].filter(([a, b]) => mps(a) && mps(b));
  if (pairs.length) {
    L.push(
      `Ratios (same run, medians of messages/s): ${pairs.map(([a, b]) => `${a} / ${b}: ${ratio(mps(a), mps(b))}×`).join('; ')}.`,
    );
    L.push('');
  }
  for (const r of list) {
    if (r.failed || !r.loop) continue;
    const peak = r.loop.peakInProgress
      ? `, at most ${k(r.loop.peakInProgress.median)} updates in progress at once (median of the runs' peaks)`
      : '';
    L.push(
      r.loop.repeats.median === 0
        ? `${r.name}'s loop per run: ${k(r.loop.polls.median)} polls (median), no update brought twice${peak}.`
        : `${r.name}'s loop per run: ${k(r.loop.polls.median)} polls (median), which brought ${k(r.loop.repeats.median)} updates again that were still in progress (${(r.loop.repeats.median / r.messages).toFixed(2)} per message; skipped by id: the price of confirming only finished updates)${peak}.`,
    );
    L.push('');
  }
  L.push('Rows:');
  for (const r of list) if (!r.failed) L.push(`- ${r.name}: ${r.describe}`);
  L.push('');
  return L;
}

function inlineSection(list) {
  const i0 = list.find((r) => !r.failed);
  if (!i0) return ['### 5. Inline bursts: no result.', ''];
  const L = [];
  L.push(
    `### 5. Inline bursts: ${k(i0.users)} users × ${i0.queries / i0.users} queries ${i0.gapMs} ms apart, each search ${i0.computeMs} ms (simulated time)`,
  );
  L.push('');
  L.push(
    '| variant | computations started | ran to the end | answers sent | stale answers sent | users whose last query was answered | CPU ms (median) | verified |',
  );
  L.push('|---|---|---|---|---|---|---|---|');
  for (const r of list) {
    if (r.failed) {
      L.push(`| ${r.row} | | | | | | | ${ok(r)} |`);
      continue;
    }
    L.push(
      `| ${r.name} | ${r.started} | ${r.completed} | ${r.answers} | ${r.stale} | ${r.finalAnswered} / ${r.users} | ${cell(r.cpuMs, ms)} | ${ok(r)} |`,
    );
  }
  L.push('');
  L.push('Rows:');
  for (const r of list) if (!r.failed) L.push(`- ${r.name}: ${r.describe}`);
  const src = list.find((r) => r.counters?.importedFrom && r.counters.importedFrom !== 'delegram');
  if (src) {
    L.push('');
    L.push(
      `Note: \`Answerer\` was not yet exported from \`delegram\`'s index when this ran; it was loaded from \`packages/core/${src.counters.importedFrom}\` (the same built code).`,
    );
  }
  L.push('');
  return L;
}

// Who the busy (not idle) samples of a process belong to: the frameworks' own code, the HTTP
// client, or Node's internals (http, streams, timers) and native code such as socket writes.
const OWN = /^(delegram|@delegram\/.*|xstate|eventemitter3|debug|grammy|@grammyjs\/.*|telegraf)$/;
function busyShares(packages) {
  const idle = packages.find((x) => x.name === '(idle)')?.pct ?? 0;
  const busy = 100 - idle;
  if (busy <= 0) return '';
  const sum = (test) => packages.filter((x) => test(x.name)).reduce((a, x) => a + x.pct, 0);
  const share = (pct) => `${Math.round((pct / busy) * 100)}%`;
  const own = sum((n) => OWN.test(n));
  const http = sum((n) => n === 'node-fetch');
  const node = sum((n) => n === 'node' || n === '(native)' || n === '(program)');
  const gc = sum((n) => n === '(garbage collector)');
  return `Of the busy time (${Math.round(busy)}% of the samples): own code of the frameworks and the emulator ${share(own)}, node-fetch ${share(http)}, Node internals and native code (http, streams, timers, socket writes) ${share(node)}, garbage collection ${share(gc)}.`;
}

function profileSection(profiles) {
  const L = [];
  for (const p of profiles) {
    L.push(`#### CPU profile: ${p.target}`);
    L.push('');
    L.push(`\`${p.command}\``);
    L.push('');
    if (p.summaries.length === 0) L.push('(profile run failed)');
    for (const s of p.summaries) {
      L.push(
        `${s.process}, ${s.totalMs} ms sampled. Self time by package: ${s.packages.map((x) => `${x.name} ${x.pct}%`).join(', ')}.`,
      );
      L.push('');
      const busy = busyShares(s.packages);
      if (busy) L.push(busy, '');
      L.push('| self % | frame |');
      L.push('|---|---|');
      for (const f of s.frames) L.push(`| ${f.pct} | ${f.name.replace(/\|/g, '\\|')} |`);
      L.push('');
    }
  }
  return L;
}

/** The whole report. */
export function renderReport({ results, machine, started, finished, command, quick, sizes }) {
  const L = [];
  L.push('# Benchmarks: delegram against grammY and Telegraf');
  L.push('');
  L.push(
    '<!-- Generated by packages/bench (`pnpm bench`); edit packages/bench/src/lib/report.mjs, not this file. -->',
  );
  L.push('');
  if (quick) {
    L.push(
      '**Quick run (smoke sizes): these figures only show that every scenario works. Run `pnpm bench` for the real sizes.**',
    );
    L.push('');
  }
  L.push(
    `- Command: \`${command}\` (builds api, emulator and core first; then \`node packages/bench/src/run.mjs\`)`,
  );
  L.push(
    `- Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memGiB} GiB, ${machine.os}, node ${machine.node}; load average ${machine.load} at the start, ${machine.loadEnd} at the end`,
  );
  L.push(`- Run: ${started.toISOString()} to ${finished.toISOString()}`);
  L.push(`- Sizes: ${JSON.stringify(sizes)}`);
  L.push('');
  L.push('## Targets (ratios from this run)');
  L.push('');
  L.push('| target | measured | met |');
  L.push('|---|---|---|');
  const targets = targetsOf(results);
  for (const t of targets) {
    L.push(
      `| ${t.name} | ${t.measured} | ${t.met == null ? '–' : t.met ? 'yes' : `**no**: ${t.miss}`} |`,
    );
  }
  L.push('');
  if (targets.some((t) => t.met === false)) {
    L.push('Missed targets are profiled below (section "Where the time goes").');
    L.push('');
  }
  L.push('## Results');
  L.push('');
  if (results.dispatch.length) L.push(...dispatchSection(results.dispatch));
  if (results.delegates) L.push(...delegatesSection(results.delegates));
  if (results.e2e.length) L.push(...e2eSection(results.e2e));
  if (results.state?.length) L.push(...stateSection(results.state));
  if (results.inline.length) L.push(...inlineSection(results.inline));
  if (results.flow?.length) L.push(...flowSection(results.flow));
  if (results.stub?.length) L.push(...stubSection(results.stub));
  if (results.profiles.length) {
    L.push('## Where the time goes');
    L.push('');
    L.push(...profileSection(results.profiles));
  }
  if (!quick && existsSync(ANALYSIS)) {
    const text = readFileSync(ANALYSIS, 'utf8').trim().split('\n');
    const forRun = text[0]?.match(/^<!-- run: (.*) -->$/)?.[1];
    L.push('## Reading the figures');
    L.push('');
    L.push(
      forRun === started.toISOString()
        ? '_Written by hand for this run (packages/bench/analysis.md)._'
        : `_Written by hand for the run of ${forRun ?? 'an earlier run'}, not this one: figures may have moved (packages/bench/analysis.md)._`,
    );
    L.push('');
    L.push(...text.filter((line) => !line.startsWith('<!-- run:')));
    L.push('');
  }
  L.push(...METHOD);
  return L.join('\n');
}

const METHOD = `## Method

Every framework does the same work against the same stubs with the same verification, and each
framework runs in its own \`node --expose-gc\` process (so heap figures do not mix). Each figure is
the median of the timed runs after one warm-up run, with min–max. Dispatch runs in rounds (one
process per row and round, rows alternating), so a change in the machine's load hits every row
alike. The machine is shared and noisy: compare rows of one run, and read differences under about
20% as noise.

1. **Dispatch** (\`packages/bench/src/dispatch/\`). Synthetic text updates (real JSON shape, chat
   ids above 2^32, chat chosen uniformly at random with seed 42, parsed once before timing) go
   straight into each framework's update entry point. The handler keeps a per-chat counter and
   awaits \`sendMessage(chat, String(count))\` through the framework's own API object, which an
   in-process stub answers after one event-loop turn (\`setImmediate\`). delegram: an \`Api\`
   transformer; grammY: an API transformer; Telegraf: \`Telegram.prototype.callApi\`. The stub
   checks on arrival that no two replies of one chat overlap and that replies count 1, 2, 3, …;
   after the run every chat's reply count and the stored counter must equal its update count.
   *window* keeps at most 500 updates unanswered (a poller or webhook with backpressure); *burst*
   feeds all at once. The pollers (\`delegram-loop\`, \`grammy-runner\`) are fed through a
   stubbed \`getUpdates\` (≤ 100 per call, offsets honoured).
2. **Live delegates** (\`packages/bench/src/delegates/\`). One message in each chat creates a
   \`ChatHandler\` delegate holding \`{ count }\` (idle timeout 10 min). Bytes per delegate:
   \`heapUsed\` after two full GCs, before vs after, divided by the number of chats. Spawn rate:
   new delegates per second over the first and the last 10,000 chats of the population pass
   (updates fed 1,000 at a time, after a throwaway warm-up population), and windows of 10,000
   spawns into an empty bot vs into the full one, back to back, 15 pairs with the order
   alternating (median of the pair ratios), which a change in load cannot skew. Both bots share one
   process and one handler class and are warmed up alike; each window's delegates are closed after
   it (untimed), so the bots stay at 0 and 100k live. Expiry uses a \`ManualClock\`: it is
   advanced by 10 minutes at once, and the figure is the wall time until every delegate has closed
   and the heap is back at its baseline.
3. **End to end** (\`packages/bench/src/e2e/\`). The emulator (flood control off) and the simulated
   users run in one process, the bot in a child process polling it over loopback HTTP with its
   framework's own HTTP client. Each user keeps at most 2 messages unanswered until it sent its
   share; latency is taken on the emulator's side, from just before a user's message enters the
   emulator to the moment the bot's reply appears in its world. Every reply must be the chat's
   next number. Each run uses a fresh emulator and bot process; a probe message is answered before
   the clock starts.
4. **Durable state** (the same \`e2e.mjs\`, rows \`delegram-*\` and \`grammy-*\` by store).
   The end-to-end counter, its count kept in durable state: delegram's \`state\` field (saved
   after each message with the update id, effectively once) on \`MemoryStore\`, \`SqliteStore\`
   and \`RedisStore\`; grammY's \`session()\` on its memory storage and on
   \`@grammyjs/storage-redis\`. Same emulator, same machine, one run, rows rotated per round.
5. **Inline bursts** (\`packages/bench/src/inline/\`). Simulated time: a \`ManualClock\` drives
   the typing schedule (user *u* starts at *u* mod 50 ms), the search's duration (it honours an
   \`AbortSignal\` where the framework gives one) and delegram's own timers. Updates enter as a
   \`MessageLoop\` handler (delegram) or \`bot.handleUpdate\` (grammY) would receive them;
   \`answerInlineQuery\` goes to an in-process stub. A *stale* answer is one for a query that was no
   longer the user's newest. grammY has no per-user cancellation, so its handler computes and
   answers every query.

6. **Outgoing flow control** (\`packages/bench/src/flow/\`). The emulator with its flood control
   on and every rate × 10 (300 messages/s per bot, 10/s per private chat after a burst of 10,
   200/min per group, \`retry_after\` in whole seconds) runs in one process with the simulated
   users, the bot in a child process polling it over loopback HTTP. Once a probe message is
   answered, the bot broadcasts one text to 10,000 private chats while 50 other users each send
   their next number every 200 ms (Telegram's one per 2 s, scaled) until the bot reports the
   broadcast done; the bot replies \`reply <n>\`. On the emulator's side: the 429s it answered,
   when the last newsletter appeared, whether every chat got exactly one, whether each user's
   replies came in sequence, and each reply's latency. delegram: its flow control with the
   defaults × 10 and \`broadcast()\` (bulk priority; replies are interactive); grammY: the
   throttler with its defaults × 10, auto-retry, and a loop of \`sendMessage\` with 100 in flight.
   One run per process on a fresh emulator, rows rotated over the rounds.
7. **Against a stub Bot API** (\`packages/bench/src/stub/\`). The same counter as scenario 3,
   but the bot's counterpart is a minimal stub of the Bot API (plain \`node:http\`: it parses the
   body, applies \`offset\`, \`limit\` and \`timeout\`, and checks each reply on arrival) instead
   of the emulator, so the bot's own cost is most of what there is: the table gives its CPU per
   message beside a no-framework bot's (\`bare\`), the bound. 1,000 private chats, each user
   keeping at most 2 messages unanswered; latency from the moment the stub queues a user's
   message to its reply. The stub counts every update it hands out again while it is still
   unconfirmed (the cost of confirming only finished updates). Webhook rows: the stub posts the
   updates to the bot's server as Telegram does (40 connections, one update per chat at a time
   until answered 2xx, failures retried). A fresh stub and bot process per run, rows rotated over
   the rounds.

Reproduce: \`pnpm bench\` (about half an hour on a loaded 2-core machine, plus about 25 minutes
for the flow scenario, whose rows run as long as the rate limits make them) or \`pnpm bench --quick\`
(smoke sizes); one scenario: \`node packages/bench/src/run.mjs --only dispatch\`; one row by
hand: \`node --expose-gc packages/bench/src/dispatch/dispatch.mjs grammy-runner --n 200000\`.
`.split('\n');
