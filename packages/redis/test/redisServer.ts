import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      );
    });
  });
}

function pinged(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A real redis-server started by a test on a free 127.0.0.1 port in its own temporary directory,
 * stopped by its pid. Persistence is off unless `aof` (append-only file, `appendfsync always`:
 * what survives the server's own SIGKILL).
 */
export class RedisServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'delegram-redis-'));
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly aof: boolean,
  ) {}

  /** Starts a server and waits until it answers PING. */
  static async start(options: { aof?: boolean; port?: number } = {}): Promise<RedisServer> {
    const server = new RedisServer(options.port ?? (await freePort()), options.aof === true);
    await server.restart();
    return server;
  }

  /** The server's URL. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The server's pid, while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server again (same port and directory) after {@link RedisServer.kill}. */
  async restart(): Promise<void> {
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--dir',
      this.dir,
    ];
    args.push('--appendonly', this.aof ? 'yes' : 'no');
    if (this.aof) args.push('--appendfsync', 'always');
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.child = child;
    const failed = new Promise<never>((_, reject) =>
      child.once('error', (error) =>
        reject(new Error(`redis-server did not start: ${error.message}`)),
      ),
    );
    const deadline = Date.now() + 10_000;
    while (!(await Promise.race([pinged(this.port), failed]))) {
      if (Date.now() > deadline)
        throw new Error(`redis-server on ${this.port} did not answer PING`);
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  /** SIGKILL: the server crashes. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }

  /** Stops the server by its pid and removes its directory. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child !== undefined && child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
