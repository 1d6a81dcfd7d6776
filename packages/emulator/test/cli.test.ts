// The delegram-emulator command: started as a real process on a free port, it prints where bots
// and people connect, answers getMe for its preset token, and exits cleanly on SIGTERM/SIGINT.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

// The bin as users run it: bin/delegram-emulator.js, which runs dist/cli.js, built from the
// sources (and @delegram/api) first.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const bin = fileURLToPath(new URL('../bin/delegram-emulator.js', import.meta.url));

beforeAll(() => {
  try {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/emulator'],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
  } catch (error) {
    // Type errors elsewhere still emit JavaScript; only a missing bin is fatal here.
    if (!existsSync(cli)) throw error;
  }
}, 180_000);

const TOKEN = '4242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';

function start(args: string[]): {
  child: ChildProcess;
  lines: Promise<Record<string, string>>;
  output: () => string;
} {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const lines = new Promise<Record<string, string>>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/chatPage: \S+\n/.test(out)) {
        resolve(
          Object.fromEntries([...out.matchAll(/^(\w+): (\S+)$/gm)].map((m) => [m[1]!, m[2]!])),
        );
      }
    });
    child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${err}`)));
  });
  lines.catch(() => undefined); // awaited only by the tests that expect a running server
  return { child, lines, output: () => out + err };
}

describe('delegram-emulator (CLI)', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    children.length = 0;
  });

  it('prints the apiRoot and chat page, serves getMe for the preset token and stops on SIGTERM', async () => {
    const run = start([
      '--port',
      '0',
      '--token',
      TOKEN,
      '--bot-username',
      'cli_test_bot',
      '--no-flood-control',
    ]);
    children.push(run.child);
    const info = await run.lines;
    expect(info.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.token).toBe(TOKEN);
    expect(info.chatPage).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const me = (await (await fetch(`${info.apiRoot}/bot${TOKEN}/getMe`)).json()) as {
      ok: boolean;
      result: { id: number; username: string };
    };
    expect(me).toMatchObject({
      ok: true,
      result: { id: 4242, is_bot: true, username: 'cli_test_bot' },
    });
    const page = await fetch(info.chatPage!);
    expect(page.headers.get('content-type')).toContain('text/html');

    run.child.kill('SIGTERM');
    const [code] = await once(run.child, 'exit');
    expect(code).toBe(0);
    expect(run.output()).toContain('stopped');
  });

  it('issues a token when none is given and stops on SIGINT', async () => {
    const run = start(['--port', '0']);
    children.push(run.child);
    const info = await run.lines;
    expect(info.token).toMatch(/^\d+:[\w-]{30,}$/);
    const me = (await (await fetch(`${info.apiRoot}/bot${info.token}/getMe`)).json()) as {
      ok: boolean;
      result: { id: number; username: string };
    };
    expect(me.result.username).toBe('delegram_bot');
    run.child.kill('SIGINT');
    const [code] = await once(run.child, 'exit');
    expect(code).toBe(0);
  });

  it('rejects a bad port with exit code 2 and a hint', async () => {
    const run = start(['--port', 'eighty']);
    children.push(run.child);
    const [code] = await once(run.child, 'exit');
    expect(code).toBe(2);
    expect(run.output()).toContain('--port must be a number');
  });

  it('prints its options for --help', async () => {
    const run = start(['--help']);
    children.push(run.child);
    const [code] = await once(run.child, 'exit');
    expect(code).toBe(0);
    for (const option of ['--port', '--host', '--token', '--bot-username', '--no-flood-control']) {
      expect(run.output()).toContain(option);
    }
  });
});
