// The life cycle shared by the end-to-end bot processes: read the emulator's address from the
// environment, start the bot, tell the parent (IPC) when it polls, stop on request and report the
// process's CPU time and peak RSS.

/**
 * Runs `start({ apiRoot, token })`, which returns `stop()` (which may resolve to the framework's
 * own counters, passed on to the parent); talks to the parent over IPC.
 */
export async function botProcess(start) {
  const apiRoot = process.env.BENCH_API_ROOT;
  const token = process.env.BENCH_TOKEN;
  if (!apiRoot || !token || typeof process.send !== 'function') {
    throw new Error('a bench bot process is started by e2e.mjs (BENCH_API_ROOT, BENCH_TOKEN, IPC)');
  }
  let cpu0 = process.cpuUsage();
  const stop = await start({ apiRoot, token });
  process.on('message', async (m) => {
    if (m?.type === 'mark') {
      cpu0 = process.cpuUsage(); // the timed part starts: count CPU from here
      process.send({ type: 'marked' });
      return;
    }
    if (m?.type !== 'stop') return;
    const cpu = process.cpuUsage(cpu0);
    const stats = await stop();
    const usage = process.resourceUsage();
    process.send(
      {
        type: 'stopped',
        cpuMs: (cpu.user + cpu.system) / 1000,
        maxRssMB: Math.round(usage.maxRSS / 1024),
        ...(stats === undefined ? {} : { stats }),
      },
      () => process.exit(0),
    );
  });
  process.send({ type: 'ready' });
}
