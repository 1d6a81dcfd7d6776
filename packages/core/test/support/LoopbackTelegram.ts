import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Fault rates for getUpdates, drawn from a seeded generator (same faults on every run). */
export interface LoopbackFaults {
  /** Close the connection without answering. */
  drop?: number;
  /** Answer 502 Bad Gateway (an HTML page, as nginx does). */
  badGateway?: number;
  /** Answer 429 with retry_after 1. */
  tooMany?: number;
}

/**
 * A loopback Bot API stand-in for proof tests: `getUpdates` with Telegram's offset semantics
 * (an offset forgets everything below it; the rest is sent again), seeded fault injection, and
 * a record of every offset that confirmed updates. Only `getUpdates` and `deleteWebhook` exist.
 */
export class LoopbackTelegram {
  /** The highest offset received: Telegram has forgotten every update below it. */
  confirmed = 0;
  /** getUpdates requests answered with updates / faulted. */
  readonly counts = { polls: 0, drops: 0, badGateway: 0, tooMany: 0 };
  faults: LoopbackFaults = {};
  private queue: unknown[] = [];
  private nextId = 1;
  private seed = 12345;
  private server: Server | undefined;

  constructor(readonly token: string) {}

  /** Starts listening on 127.0.0.1; returns the apiRoot. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.serve(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Stops listening and drops open connections. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Queues updates with consecutive ids; returns their ids. */
  push(...payloads: Record<string, unknown>[]): number[] {
    return payloads.map((p) => {
      const id = this.nextId++;
      this.queue.push({ update_id: id, ...p });
      return id;
    });
  }

  /** Queues a raw value (a malformed update); `consumesId` gives it the next id. */
  pushRaw(value: unknown): void {
    this.queue.push(value);
  }

  /** Updates still held (not yet confirmed). */
  get pending(): number {
    return this.queue.length;
  }

  private random(): number {
    // mulberry32
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (match === null || match[1] !== this.token) {
      json(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      return;
    }
    const params = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    if (match[2] === 'deleteWebhook') {
      json(200, { ok: true, result: true });
      return;
    }
    if (match[2] !== 'getUpdates') {
      json(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
      return;
    }
    const offset = typeof params['offset'] === 'number' ? params['offset'] : 0;
    const limit = typeof params['limit'] === 'number' ? params['limit'] : 100;
    if (offset > 0) {
      this.queue = this.queue.filter((u) => {
        const id = (u as { update_id?: unknown } | null)?.update_id;
        return typeof id !== 'number' || id >= offset;
      });
      this.confirmed = Math.max(this.confirmed, offset);
    }
    const r = this.random();
    const { drop = 0, badGateway = 0, tooMany = 0 } = this.faults;
    if (r < drop) {
      this.counts.drops += 1;
      req.socket.destroy();
      return;
    }
    if (r < drop + badGateway) {
      this.counts.badGateway += 1;
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (r < drop + badGateway + tooMany) {
      this.counts.tooMany += 1;
      json(
        429,
        {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: 1 },
        },
        { 'retry-after': '1' },
      );
      return;
    }
    this.counts.polls += 1;
    const batch = this.queue.slice(0, limit);
    // Values without an id can never be confirmed; like a proxy that mangled them, send them once.
    this.queue = this.queue.filter(
      (u) =>
        !batch.includes(u) || typeof (u as { update_id?: unknown } | null)?.update_id === 'number',
    );
    json(200, { ok: true, result: batch });
  }
}
