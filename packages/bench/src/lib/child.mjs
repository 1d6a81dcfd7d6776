// Runs one benchmark script in its own node process (`--expose-gc`, so heap figures never mix)
// and returns the JSON object printed on its last stdout line.
import { spawn } from 'node:child_process';

/**
 * @param script - absolute path of the script
 * @param args - its arguments
 * @param nodeFlags - extra node flags (e.g. `--cpu-prof`)
 * @param env - more environment variables (e.g. the state scenario's Redis address)
 * @returns the parsed result, or `{ failed: true, code, tail }`
 */
export function runChild(script, args, nodeFlags = [], env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last));
      } catch {
        resolve({ failed: true, code, tail: out.slice(-1000) });
      }
    });
  });
}
