import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got, with a way to answer it. */
export interface ReceivedHook {
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
  /** Answers the request (status, body, headers). */
  reply(status: number, body?: string, headers?: Record<string, string>): void;
}

/**
 * A bot's webhook endpoint for tests: records each POST and lets the test answer it when it
 * wants, so ordering and retries can be observed without sleeping.
 */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  private readonly server: Server;
  private waiters: { count: number; resolve: () => void }[] = [];
  url = '';

  /** @param autoReply - answers every request at once when given */
  constructor(private readonly autoReply?: (hook: ReceivedHook) => void) {
    this.server = createServer((req, res) => void this.take(req, res));
  }

  async start(path = '/hook'): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
    return this;
  }

  /** Resolves once `count` requests in total have arrived. */
  async waitFor(count: number): Promise<ReceivedHook[]> {
    if (this.received.length < count) {
      await new Promise<void>((resolve) => this.waiters.push({ count, resolve }));
    }
    return this.received;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async take(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.received.push({
      headers: req.headers,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      reply: (status, body = '', headers = {}) => {
        res.writeHead(status, headers);
        res.end(body);
      },
    });
    this.autoReply?.(this.received[this.received.length - 1]!);
    const ready = this.waiters.filter((w) => w.count <= this.received.length);
    this.waiters = this.waiters.filter((w) => w.count > this.received.length);
    for (const w of ready) w.resolve();
  }
}
