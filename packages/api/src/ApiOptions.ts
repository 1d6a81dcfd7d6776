import type { Agent } from 'node:http';

import type { Clock } from './clock.js';
import type { FetchLike } from './FetchLike.js';

/** Where the official Bot API lives. */
export const DEFAULT_API_ROOT = 'https://api.telegram.org';

/**
 * Options of an {@link Api} client. All are optional.
 *
 * @example
 * ```ts
 * const api = new Api(token, {
 *   apiRoot: 'http://127.0.0.1:8081', // a self-hosted Bot API server or the emulator
 *   timeoutMs: 20_000,
 *   agent: new HttpsProxyAgent('http://proxy:3128'),
 * });
 * ```
 */
export interface ApiOptions {
  /** Base URL of the Bot API server, without a trailing slash. Default `https://api.telegram.org`. */
  apiRoot?: string;
  /** Use Telegram's test environment: calls go to `/bot<token>/test/<method>`. Default `false`. */
  testEnvironment?: boolean;
  /**
   * How long one call may take, in milliseconds, from sending to the parsed answer. `getUpdates`
   * gets its long-poll `timeout` on top. Calls that upload files use `uploadTimeoutMs` instead.
   * `Infinity` disables it. Default 60 000.
   */
  timeoutMs?: number;
  /** Like `timeoutMs`, for calls that upload files. Default 600 000 (ten minutes). */
  uploadTimeoutMs?: number;
  /**
   * The `fetch` to send requests with. Default: node-fetch with a keep-alive agent. Handy for
   * tests and for running on Node's global `fetch`.
   */
  fetch?: FetchLike;
  /**
   * An HTTP(S) agent for node-fetch, e.g. a proxy agent, or a function choosing one per URL.
   * Replaces the default keep-alive agents.
   */
  agent?: Agent | ((url: URL) => Agent);
  /** The clock for timeouts and `autoRetry` waits. Default `systemClock`. */
  clock?: Clock;
}
