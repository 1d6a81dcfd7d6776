import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the test server saw it. */
export interface Recorded {
  readonly httpMethod: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

/** What a handler gets: the request (body read unless `streamBody`) and the response. */
export type Handler = (
  request: Recorded,
  res: ServerResponse,
  req: IncomingMessage,
) => void | Promise<void>;

/** A loopback HTTP server for tests that records requests and lets a handler answer them. */
export interface BotServer {
  readonly apiRoot: string;
  readonly requests: Recorded[];
  /** Resolves when the n-th request (1-based) has arrived. */
  received(n: number): Promise<Recorded>;
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1. With `streamBody`, the handler gets an empty body and reads
 * `req` itself (for big uploads).
 */
export async function startBotServer(
  handler: Handler,
  options: { streamBody?: boolean } = {},
): Promise<BotServer> {
  const requests: Recorded[] = [];
  const waiters: { n: number; resolve: (r: Recorded) => void }[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      if (options.streamBody !== true) for await (const c of req) chunks.push(c as Buffer);
      const recorded: Recorded = {
        httpMethod: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      for (const w of waiters.filter((x) => x.n <= requests.length)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(requests[w.n - 1]!);
      }
      await handler(recorded, res, req);
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    requests,
    received: (n) =>
      requests.length >= n
        ? Promise.resolve(requests[n - 1]!)
        : new Promise((resolve) => waiters.push({ n, resolve })),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Answers with a JSON value and the given status. */
export function reply(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Answers `{ ok: true, result }`. */
export function ok(res: ServerResponse, result: unknown): void {
  reply(res, 200, { ok: true, result });
}

/** Answers a Bot API error envelope with HTTP status = error code. */
export function fail(
  res: ServerResponse,
  code: number,
  description: string,
  parameters?: Record<string, number>,
): void {
  reply(res, code, {
    ok: false,
    error_code: code,
    description,
    ...(parameters ? { parameters } : {}),
  });
}

/** One part of a multipart/form-data body. */
export interface Part {
  readonly name: string;
  readonly filename: string | undefined;
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

/** Parses a multipart/form-data body (test helper; trusts the input). */
export function parseMultipart(request: Recorded): Part[] {
  const type = request.headers['content-type'] ?? '';
  const match = /boundary=(.+)$/.exec(type);
  if (match === null) throw new Error(`not multipart: ${type}`);
  const delimiter = Buffer.from(`--${match[1]!}`);
  const body = request.body;
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  for (;;) {
    const after = start + delimiter.length;
    if (body.subarray(after, after + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', after);
    const head = body.subarray(after + 2, headerEnd).toString('utf8');
    const next = body.indexOf(delimiter, headerEnd);
    const data = body.subarray(headerEnd + 4, next - 2);
    const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    const contentType = /content-type: ([^\r\n]+)/i.exec(head)?.[1];
    parts.push({ name, filename, contentType, data: Buffer.from(data) });
    start = next;
  }
  return parts;
}

/** The text of a named field. */
export function field(parts: readonly Part[], name: string): string | undefined {
  return parts.find((p) => p.name === name)?.data.toString('utf8');
}
