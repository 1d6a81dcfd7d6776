import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer: an HTTP status and the body text, sent as is. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A 200 answer `{ ok: true, result }`. */
export const okAnswer = (result: unknown): ScriptedAnswer => ({
  status: 200,
  body: JSON.stringify({ ok: true, result }),
});

/**
 * A loopback Bot API for hostile-server tests: every request is answered with the next scripted
 * answer, whatever its method. With nothing scripted, a long poll (`timeout > 0`) is held until an
 * answer is scripted or the client goes away, and anything else gets `{ ok: true, result: [] }`.
 */
export class ScriptedTelegram {
  /** Every request, in order: the method and the parameters sent. */
  readonly requests: { method: string; params: Record<string, unknown> }[] = [];
  private readonly script: ScriptedAnswer[] = [];
  private held: (() => void) | undefined;
  private server: Server | undefined;

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

  /** Queues answers, sent to the next requests in order. */
  answer(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
    this.held?.();
  }

  /** Answers not sent yet. */
  get pending(): number {
    return this.script.length;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const method = (req.url ?? '').split('/').pop() ?? '';
    let params: Record<string, unknown> = {};
    try {
      params = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      // a multipart body: the method is what matters here
    }
    this.requests.push({ method, params });
    if (
      this.script.length === 0 &&
      typeof params['timeout'] === 'number' &&
      params['timeout'] > 0
    ) {
      await new Promise<void>((resolve) => {
        this.held = resolve;
        res.once('close', resolve);
      });
      this.held = undefined;
      if (res.destroyed) return;
    }
    const next = this.script.shift() ?? okAnswer([]);
    res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
    res.end(next.body);
  }
}
