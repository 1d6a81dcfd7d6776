// A bench bot in a child process (fork with IPC): its messages in order, and mark/stop/kill.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './stats.mjs';

/**
 * Forks a bench bot script and talks to it over IPC: `ready` is its first message, `mark()`
 * and `stop()` send those commands and wait for the answer (`stop()` also for the exit), and
 * `send(message)` sends anything else and resolves with the next message it answers. `exited`
 * resolves with the exit code when the process ends.
 *
 * @param {URL} script - the bot's script
 * @param {Record<string, string>} env - added to the environment
 */
export function forkBot(script, env) {
  const child = fork(fileURLToPath(script), [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages = [];
  const waiters = [];
  child.on('message', (m) => {
    const w = waiters.shift();
    if (w) w(m);
    else messages.push(m);
  });
  const next = () =>
    messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((r) => waiters.push(r));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    ready: next(),
    async mark() {
      child.send({ type: 'mark' });
      await withTimeout(next(), 30_000, 'bot mark');
    },
    send(message) {
      child.send(message);
      return next();
    },
    async stop() {
      child.send({ type: 'stop' });
      const report = await withTimeout(next(), 30_000, 'bot stop');
      await exited;
      return report;
    },
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}
