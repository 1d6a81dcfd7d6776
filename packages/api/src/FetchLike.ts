import type { Agent } from 'node:http';
import type { Readable } from 'node:stream';

/** The request options the client hands to {@link FetchLike}. */
export interface FetchRequestInit {
  /** `POST` for method calls, `GET` for downloads. */
  method: 'GET' | 'POST';
  /** `Content-Type` and friends. */
  headers: Record<string, string>;
  /** A JSON string or a streaming multipart body. */
  body?: string | Readable;
  /** Fires on timeout or when the caller aborts. */
  signal: AbortSignal;
  /** node-fetch's agent option (keep-alive by default, or the user's `agent`). */
  agent?: Agent | ((url: URL) => Agent) | undefined;
  /** Needed by the WHATWG `fetch` for streaming bodies; node-fetch ignores it. */
  duplex: 'half';
}

/** The part of a fetch `Headers` object the client reads. */
export interface FetchHeadersLike {
  /** The value of a header, or `null` when absent. */
  get(name: string): string | null;
}

/** The parts of a fetch `Response` the client reads. */
export interface FetchResponseLike {
  /** The HTTP status. */
  readonly status: number;
  /** Response headers (only `get` is used, for `Retry-After`). */
  readonly headers: FetchHeadersLike;
  /** Reads the whole body as text. */
  text(): Promise<string>;
  /** The body as a stream (a Node `Readable` or a WHATWG `ReadableStream`). */
  readonly body: unknown;
}

/**
 * A `fetch` function: node-fetch's (the default), Node's global `fetch`, or a test double.
 *
 * @example
 * ```ts
 * const api = new Api(token, { fetch: (url, init) => globalThis.fetch(url, init) });
 * ```
 */
export type FetchLike = (url: string, init: FetchRequestInit) => Promise<FetchResponseLike>;
