import { createReadStream } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import type { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { isAbsolute } from 'node:path';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';

import createDebug from 'debug';
import nodeFetch from 'node-fetch';
import type { RequestInit as NodeFetchInit } from 'node-fetch';

import { AbortError } from './AbortError.js';
import { DEFAULT_API_ROOT } from './ApiOptions.js';
import type { ApiOptions } from './ApiOptions.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { encodePayload } from './encodePayload.js';
import type { FetchLike } from './FetchLike.js';
import { HttpError } from './HttpError.js';
import { InputFileError } from './InputFileError.js';
import { redactError, redactToken } from './redactToken.js';
import { nodeHttpFetch, nodeHttpRequest } from './nodeHttpFetch.js';
import { parseAnswer } from './parseAnswer.js';
import { TelegramError } from './TelegramError.js';

const log = createDebug('delegram:api');

type NodeFetchSignal = NonNullable<NodeFetchInit['signal']>;

const httpAgent = new HttpAgent({ keepAlive: true });
const JSON_TYPE = 'application/json';
const MAX_NODE_TIMER_MS = 2_147_483_647;
/** The request headers of every JSON call (node-fetch copies them; nothing writes to them). */
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': JSON_TYPE });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/**
 * node-fetch 2, as grammY uses it: it writes a string body with one `write` and hands the
 * response on with `.pipe()`, where node-fetch 3 runs both through `stream.pipeline` (an
 * AbortController and a DOMException per call), which cost about twice the CPU per call
 * (`packages/bench/src/e2e/clientCost.mjs`). node-fetch 2 gives an agent function a legacy URL
 * object; the user's function gets a WHATWG `URL`, as documented.
 */
const defaultFetch: FetchLike = (url, init) => {
  const agent = init.agent;
  return nodeFetch(url, {
    method: init.method,
    headers: init.headers,
    ...(init.body === undefined ? {} : { body: init.body }),
    // node-fetch 2 takes Node's AbortSignal (it checks the class name); its typings declare their
    // own AbortSignal shape, which differs only under exactOptionalPropertyTypes.
    signal: init.signal as unknown as NodeFetchSignal,
    agent: typeof agent === 'function' ? (parsed) => agent(new URL(parsed.href)) : agent,
  });
};

/**
 * The HTTP side of {@link Api}: turns one method call into one request and its answer into a
 * result or a typed error. Owns URLs (and so the token), timeouts, aborts and redaction.
 *
 * @internal
 */
export class ApiTransport {
  /** The clock timeouts run on. */
  readonly clock: Clock;
  /** A true private field: not enumerable, so no `JSON.stringify` or `inspect` shows it. */
  readonly #token: string;
  private readonly root: string;
  private readonly test: boolean;
  private readonly timeoutMs: number;
  private readonly uploadTimeoutMs: number;
  private readonly fetch: FetchLike;
  private readonly agent: Agent | ((url: URL) => Agent);
  /** Method URLs already built (they hold the token: never shown). */
  readonly #urls = new Map<string, string>();
  /** Whether calls without a caller signal may take {@link ApiTransport.directCall}. */
  private readonly direct: boolean;

  constructor(token: string, options: ApiOptions) {
    this.#token = token;
    const root = options.apiRoot ?? DEFAULT_API_ROOT;
    let parsed: URL;
    try {
      parsed = new URL(root);
    } catch {
      throw new TypeError(
        `Api: apiRoot must be an absolute http(s) URL such as ${DEFAULT_API_ROOT}`,
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new TypeError(`Api: apiRoot must use http: or https:, got ${parsed.protocol}`);
    }
    this.root = root.replace(/\/+$/, '');
    this.test = options.testEnvironment ?? false;
    this.timeoutMs = checkTimeout('timeoutMs', options.timeoutMs ?? 60_000);
    this.uploadTimeoutMs = checkTimeout('uploadTimeoutMs', options.uploadTimeoutMs ?? 600_000);
    this.fetch = options.fetch ?? defaultFetch;
    this.agent = options.agent ?? (parsed.protocol === 'http:' ? httpAgent : httpsAgent);
    this.clock = options.clock ?? systemClock;
    this.direct =
      this.clock === systemClock &&
      (this.fetch === nodeHttpFetch ||
        (this.fetch === defaultFetch && typeof this.agent !== 'function'));
  }

  /** What `JSON.stringify` shows: where it calls, never the token. */
  toJSON(): { apiRoot: string; testEnvironment: boolean } {
    return { apiRoot: this.root, testEnvironment: this.test };
  }

  /** What `util.inspect` (and `console.log`) shows: {@link ApiTransport.toJSON}. */
  [inspect.custom](): string {
    return `ApiTransport ${inspect(this.toJSON())}`;
  }

  /** The URL of a method, with the token in it (never put it in an error). */
  private methodUrl(method: string): string {
    let url = this.#urls.get(method);
    if (url === undefined) {
      url = `${this.root}/bot${this.#token}${this.test ? '/test' : ''}/${method}`;
      if (this.#urls.size < 512) this.#urls.set(method, url);
    }
    return url;
  }

  /**
   * A call with a JSON body and no caller signal, on node-fetch (or {@link nodeHttpFetch}) and
   * the system clock: the transport runs the timeout itself (a plain timer, which is what the
   * system clock is), so the call needs no AbortController, timer of ours and abort listeners,
   * a sixth of node-fetch's cost per call (`packages/bench/src/e2e/clientCost.mjs`). Errors are
   * mapped as on the other path.
   */
  private async directCall(
    method: string,
    contentType: string,
    body: string,
    timeoutMs: number,
  ): Promise<unknown> {
    try {
      const headers = contentType === JSON_TYPE ? JSON_HEADERS : { 'content-type': contentType };
      // 0 is no timeout, also for a delay too long for a Node timer (which would fire at once).
      const timeout = timeoutMs <= MAX_NODE_TIMER_MS ? timeoutMs : 0;
      const url = this.methodUrl(method);
      const response =
        this.fetch === nodeHttpFetch
          ? await nodeHttpRequest(url, {
              method: 'POST',
              headers,
              body,
              agent: this.agent,
              duplex: 'half',
              timeoutMs: timeout,
            })
          : // node-fetch counts the timeout from when the request has a socket, for the headers,
            // and again for the body.
            await nodeFetch(url, {
              method: 'POST',
              headers,
              body,
              agent: this.agent as Agent,
              timeout,
            });
      return await parseAnswer(method, response, this.#token);
    } catch (error) {
      const type = (error as { type?: unknown } | null)?.type;
      if (type === 'request-timeout' || type === 'body-timeout') {
        throw new HttpError(method, 'timeout', `no answer within ${timeoutMs}ms`, {
          cause: redactError(error, this.#token),
        });
      }
      throw networkError(method, error, this.#token);
    }
  }

  /** The URL of a file to download, with the token in it. */
  private fileUrl(filePath: string): string {
    const path = filePath.split('/').map(encodeURIComponent).join('/');
    return `${this.root}/file/bot${this.#token}${this.test ? '/test' : ''}/${path}`;
  }

  /**
   * Sends one Bot API call and returns its `result`.
   *
   * @throws TelegramError (or a subclass) for error answers, HttpError when no usable answer
   *   arrived, AbortError when `signal` fired
   */
  async call(method: string, payload: unknown, signal?: AbortSignal): Promise<unknown> {
    const started = this.clock.now();
    try {
      if (signal?.aborted === true) throw new AbortError(method, signal.reason);
      const encoded = await encodePayload(method, payload);
      if (encoded.files > 0) log('%s: uploading %d file(s) as multipart', method, encoded.files);
      let timeoutMs = encoded.files > 0 ? this.uploadTimeoutMs : this.timeoutMs;
      const poll = (payload as { timeout?: unknown } | undefined)?.timeout;
      if (method === 'getUpdates' && typeof poll === 'number' && poll > 0) timeoutMs += poll * 1000;
      let result: unknown;
      if (signal === undefined && typeof encoded.body === 'string' && this.direct) {
        result = await this.directCall(method, encoded.contentType, encoded.body, timeoutMs);
        log('%s: ok in %dms', method, this.clock.now() - started);
        return result;
      }
      try {
        result = await this.withDeadline(method, timeoutMs, signal, async (inner, fail) => {
          // A streamed body that fails (a file read error) must end the request: `.pipe()` does
          // not pass the error on, so the request would wait for bytes until the timeout.
          if (typeof encoded.body !== 'string') encoded.body.once('error', fail);
          const response = await this.fetch(this.methodUrl(method), {
            method: 'POST',
            headers: { 'content-type': encoded.contentType },
            body: encoded.body,
            signal: inner,
            agent: this.agent,
            duplex: 'half',
          });
          return parseAnswer(method, response, this.#token);
        });
      } finally {
        // Once the call is settled nobody reads the rest of an upload: a connection cut midway
        // or an answer that came before the last byte would leave the sources (file handles)
        // open. Destroying an upload that was sent in full does nothing.
        if (typeof encoded.body !== 'string') encoded.body.destroy();
      }
      log('%s: ok in %dms', method, this.clock.now() - started);
      return result;
    } catch (error) {
      log(
        '%s: failed in %dms: %s',
        method,
        this.clock.now() - started,
        redactToken(describe(error), this.#token),
      );
      throw error;
    }
  }

  /**
   * Starts a streamed GET of a file from the Bot API's file endpoint (or reads an absolute path
   * from disk, as a local Bot API server in `--local` mode answers).
   *
   * @param filePath - `file_path` from `getFile`
   * @param signal - aborting it stops the download, also while the stream is being read
   * @returns the file's bytes
   */
  async download(filePath: string, signal?: AbortSignal): Promise<Readable> {
    const method = 'download';
    const started = this.clock.now();
    if (signal?.aborted === true) throw new AbortError(method, signal.reason);
    if (isAbsolute(filePath)) {
      log('%s: reading a local file', method);
      const local = createReadStream(filePath, signal === undefined ? {} : { signal });
      // Node's own abort error is not our AbortError: map it, as for an HTTP download.
      const read = async function* (): AsyncGenerator<Uint8Array> {
        try {
          yield* local as AsyncIterable<Buffer>;
        } catch (error) {
          if (isAborted(signal)) throw new AbortError(method, signal.reason);
          throw error;
        }
      };
      const readable = Readable.from(read(), { objectMode: false });
      readable.once('close', () => local.destroy());
      return readable;
    }
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let body: AsyncIterable<unknown>;
    // `inner` stops following the caller once the headers are in, but the request must keep
    // following it while the body streams: a WHATWG fetch's body is locked by the reading loop,
    // so only the request's signal can stop it.
    const request = new AbortController();
    try {
      body = await this.withDeadline(method, this.timeoutMs, controller.signal, async (inner) => {
        inner.addEventListener('abort', () => request.abort(inner.reason), { once: true });
        controller.signal.addEventListener('abort', () => request.abort(controller.signal.reason), {
          once: true,
        });
        const response = await this.fetch(this.fileUrl(filePath), {
          method: 'GET',
          headers: {},
          signal: request.signal,
          agent: this.agent,
          duplex: 'half',
        });
        if (response.status !== 200) {
          await parseAnswer(method, response, this.#token);
          throw new HttpError(method, 'bad-response', `file answered HTTP ${response.status}`, {
            status: response.status,
          });
        }
        if (!isAsyncIterable(response.body)) {
          throw new HttpError(method, 'bad-response', 'the file answer has no body', {
            status: response.status,
          });
        }
        return response.body;
      });
    } catch (error) {
      signal?.removeEventListener('abort', onAbort);
      log(
        '%s: failed in %dms: %s',
        method,
        this.clock.now() - started,
        redactToken(describe(error), this.#token),
      );
      throw error;
    }
    log('%s: streaming after %dms', method, this.clock.now() - started);
    // The timeout covered the headers; the caller's signal keeps covering the body.
    const stop = (): void => {
      const b = body as { destroy?: (e?: Error) => void; cancel?: () => Promise<void> };
      if (typeof b.destroy === 'function') b.destroy(new AbortError(method, signal?.reason));
      else if (typeof b.cancel === 'function') b.cancel().catch(() => undefined);
    };
    controller.signal.addEventListener('abort', stop, { once: true });
    const token = this.#token;
    let complete = false;
    const stream = async function* (): AsyncGenerator<Uint8Array> {
      try {
        for await (const chunk of body) {
          yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
        }
        complete = true;
      } catch (error) {
        if (isAborted(signal)) throw new AbortError(method, signal.reason);
        throw networkError(method, error, token);
      }
      if (isAborted(signal)) throw new AbortError(method, signal.reason);
    };
    const readable = Readable.from(stream(), { objectMode: false });
    // On 'close', not in the generator's `finally`: a stream destroyed before its first read
    // never starts the generator, and would keep the listener on the caller's signal and the
    // unread answer.
    readable.once('close', () => {
      signal?.removeEventListener('abort', onAbort);
      controller.signal.removeEventListener('abort', stop);
      const b = body as {
        destroy?: () => void;
        cancel?: () => Promise<void>;
        on?: (event: 'error', listener: () => void) => void;
      };
      if (typeof b.destroy === 'function') b.destroy();
      else if (typeof b.cancel === 'function') b.cancel().catch(() => undefined);
      if (!complete) {
        // Stopped before the end: end the request as well, or its connection stays busy with
        // the unread rest of the file. (node-fetch reports the abort on the body: hear it.)
        b.on?.('error', () => undefined);
        request.abort(new AbortError(method));
      }
    });
    return readable;
  }

  /**
   * Runs `send` with a signal that fires on timeout (on this transport's clock), when `signal`
   * does, or when `send` calls `fail(error)`, and maps what it throws to AbortError / HttpError
   * with the token removed (a `fail`ed call throws the error given to `fail`, mapped).
   */
  private async withDeadline<T>(
    method: string,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    send: (inner: AbortSignal, fail: (error: unknown) => void) => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted === true) throw new AbortError(method, signal.reason);
    const controller = new AbortController();
    let failure: { error: unknown } | undefined;
    const fail = (error: unknown): void => {
      failure ??= { error };
      controller.abort(error);
    };
    let timedOut = false;
    const timer = Number.isFinite(timeoutMs)
      ? this.clock.setTimeout(() => {
          timedOut = true;
          controller.abort(new Error(`timed out after ${timeoutMs}ms`));
        }, timeoutMs)
      : undefined;
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await send(controller.signal, fail);
    } catch (error) {
      if (isAborted(signal)) throw new AbortError(method, signal.reason);
      if (failure !== undefined) throw networkError(method, failure.error, this.#token);
      if (timedOut) {
        throw new HttpError(method, 'timeout', `no answer within ${timeoutMs}ms`, {
          cause: redactError(error, this.#token),
        });
      }
      throw networkError(method, error, this.#token);
    } finally {
      if (timer !== undefined) this.clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

function networkError(method: string, error: unknown, token: string): Error {
  if (
    error instanceof TelegramError ||
    error instanceof HttpError ||
    error instanceof AbortError ||
    error instanceof InputFileError
  ) {
    return error;
  }
  const cause = redactError(error, token);
  const text = cause instanceof Error ? cause.message : String(cause);
  return new HttpError(method, 'network', `request failed: ${redactToken(text, token)}`, {
    cause,
  });
}

function isAborted(signal: AbortSignal | undefined): signal is AbortSignal {
  return signal?.aborted === true;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

function checkTimeout(name: string, value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new TypeError(`Api: ${name} must be a positive number of milliseconds (or Infinity)`);
  }
  return value;
}

function describe(error: unknown): string {
  if (error instanceof TelegramError)
    return `${error.name} ${error.errorCode} ${error.description}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
