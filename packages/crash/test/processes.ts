import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One run of the crash bot in a child process. */
export class BotProcess {
  readonly child: ChildProcess;
  /** The last statistics line it printed. */
  last: Record<string, unknown> | undefined;
  readonly output: string[] = [];
  readonly ready: Promise<void>;
  readonly exited: Promise<number | null>;

  /**
   * @param script - the built crash bot
   * @param env - its environment
   */
  constructor(script: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.ready = new Promise((resolve, reject) => {
      const lines = createInterface({ input: this.child.stdout! });
      lines.on('line', (line) => {
        if (line === 'ready') resolve();
        else if (line.startsWith('{')) this.last = JSON.parse(line) as Record<string, unknown>;
        else this.output.push(line);
      });
      void this.exited.then(() =>
        reject(new Error(`the bot exited early:\n${this.output.join('')}`)),
      );
    });
  }

  /** SIGKILL: a crash. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: a clean stop (it prints its final statistics). */
  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await this.exited;
  }
}
