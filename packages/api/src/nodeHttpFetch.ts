import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { Agent, IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { FetchHeadersLike, FetchRequestInit, FetchResponseLike } from './FetchLike.js';

const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/** What {@link nodeHttpRequest} takes besides a fetch's options. */
export interface NodeHttpInit extends Omit<FetchRequestInit, 'signal'> {
  /** Aborts the request (and the body read) when it fires. */
  readonly signal?: AbortSignal | undefined;
  /** Fails the request with a timeout error past this many ms (none when 0 or absent). */
  readonly timeoutMs?: number | undefined;
}

/** The error a {@link nodeHttpRequest} past its `timeoutMs` fails with. */
export class RequestTimeoutError extends Error {
  /** Always `'RequestTimeoutError'`. */
  override readonly name = 'RequestTimeoutError';
  /** Always `'request-timeout'`, as node-fetch's `FetchError.type`. */
  readonly type = 'request-timeout';

  /**
   * @param timeoutMs - the timeout that passed
   */
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs}ms`);
  }
}

class NodeHeaders implements FetchHeadersLike {
  constructor(private readonly raw: IncomingMessage['headers']) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

class NodeResponse implements FetchResponseLike {
  readonly status: number;
  readonly headers: FetchHeadersLike;

  constructor(readonly body: IncomingMessage) {
    this.status = body.statusCode ?? 0;
    this.headers = new NodeHeaders(body.headers);
  }

  text(): Promise<string> {
    const body = this.body;
    return new Promise<string>((resolve, reject) => {
      let text = '';
      body.setEncoding('utf8');
      body.on('data', (chunk: string) => (text += chunk));
      body.once('end', () => resolve(text));
      body.once('error', reject);
    });
  }
}

/**
 * One HTTP request on `node:http` / `node:https` directly, with the parts of a fetch response
 * the Bot API client reads. {@link nodeHttpFetch} is this as a {@link FetchLike}.
 *
 * @param url - an absolute http(s) URL
 * @param init - method, headers, body, agent, and an optional signal and timeout
 * @returns the response, once its headers are in
 */
export function nodeHttpRequest(url: string, init: NodeHttpInit): Promise<FetchResponseLike> {
  return new Promise<FetchResponseLike>((resolve, reject) => {
    const signal = init.signal;
    if (signal?.aborted === true) {
      reject(abortError(signal));
      return;
    }
    const secure = url.startsWith('https:');
    const parsed = parseUrl(url);
    const chosen = typeof init.agent === 'function' ? init.agent(parsed) : init.agent;
    const agent: Agent = chosen ?? (secure ? httpsAgent : httpAgent);
    const headers: Record<string, string | number> = { ...init.headers };
    const body = init.body;
    if (typeof body === 'string') headers['content-length'] = Buffer.byteLength(body);
    const send = secure ? httpsRequest : httpRequest;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (): void => {
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const req = send(parsed, { method: init.method, headers, agent }, (res) => {
      // The timeout and the signal go on covering the body until it is read (or dropped).
      res.once('close', finish);
      resolve(new NodeResponse(res));
    });
    const fail = (error: Error): void => {
      if (settled) return;
      finish();
      req.destroy(error);
      reject(error);
    };
    const onAbort = (): void => fail(abortError(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    const timeoutMs = init.timeoutMs ?? 0;
    if (timeoutMs > 0 && timeoutMs <= 2_147_483_647) {
      timer = setTimeout(() => fail(new RequestTimeoutError(timeoutMs)), timeoutMs);
    }
    req.once('error', (error) => {
      if (settled) return;
      finish();
      reject(error);
    });
    if (body === undefined) req.end();
    else if (typeof body === 'string') req.end(body);
    else body.pipe(req);
  });
}

/**
 * A {@link FetchLike} on `node:http` / `node:https` directly, with keep-alive agents: an opt-in
 * transport that skips node-fetch's `Request`, `Headers` and `Response` objects and its body
 * stream, about a third less CPU per call (see `docs/benchmarks.md`). The default stays
 * node-fetch. The `agent` option is honoured as with node-fetch.
 *
 * @example
 * ```ts
 * const bot = new Bot(token, { api: { fetch: nodeHttpFetch } });
 * ```
 * @param url - an absolute http(s) URL
 * @param init - the request options the client passes
 * @returns the response, once its headers are in
 */
export function nodeHttpFetch(url: string, init: FetchRequestInit): Promise<FetchResponseLike> {
  return nodeHttpRequest(url, init);
}

const parsedUrls = new Map<string, URL>();

/** A method URL parsed once (a bot calls a handful of them); `http.request` only reads it. */
function parseUrl(url: string): URL {
  let parsed = parsedUrls.get(url);
  if (parsed === undefined) {
    parsed = new URL(url);
    if (parsedUrls.size < 1024) parsedUrls.set(url, parsed);
  }
  return parsed;
}

function abortError(signal: AbortSignal): Error {
  const error = new Error('The operation was aborted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}
