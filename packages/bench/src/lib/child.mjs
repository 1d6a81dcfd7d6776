// Runs one benchmark script in its own node process (`--expose-gc`, so heap figures never mix)
// and returns the JSON object printed on its last stdout line.
import { spawn } from 'node:child_process';

/**
 * @param script - absolute path of the script
 * @param args - its arguments
 * @param nodeFlags - extra node flags (e.g. `--cpu-prof`)
 * @returns the parsed result, or `{ failed: true, code, tail }`
 */
export function runChild(script, args, nodeFlags = []) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
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
