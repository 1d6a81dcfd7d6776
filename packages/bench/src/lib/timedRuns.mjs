// The run sequence of the end-to-end scenarios (e2e, state, stub): a warm-up, then the timed runs.

/**
 * Runs a warm-up (JIT, connection pools) on a tenth of the messages (at least one per chat, to
 * keep the full run short), then `runs` timed runs, logging each (`line(x)` says what a run
 * measured; the bot's own counters are added when it reported them).
 *
 * @returns the warm-up's result and the timed runs' results
 */
export async function timedRuns(run, { chats, messages, runs, log, line }) {
  const warm = await run(Math.max(chats, messages / 10));
  log(`warm-up: ${warm.mps} msg/s, p50 ${warm.p50} ms, p99 ${warm.p99} ms, ok ${warm.ok}`);
  const timed = [];
  for (let r = 0; r < runs; r++) {
    const x = await run();
    timed.push(x);
    log(`run ${r + 1}: ${line(x)}` + (x.botStats ? `, bot ${JSON.stringify(x.botStats)}` : ''));
  }
  return { warm, runs: timed };
}
