import { afterEach, describe, expect, it } from 'vitest';

import { AbortError } from '../src/AbortError.js';
import { Api } from '../src/Api.js';
import { autoRetry } from '../src/autoRetry.js';
import type { AutoRetryOptions } from '../src/autoRetry.js';
import { ManualClock } from '../src/clock.js';
import { HttpError } from '../src/HttpError.js';
import { InputFile } from '../src/InputFile.js';
import { TelegramError } from '../src/TelegramError.js';
import type { Transformer } from '../src/Transformer.js';
import { fail, ok, startBotServer } from './support/botServer.js';
import type { BotServer } from './support/botServer.js';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

const TOKEN = '123456:AAE-test_token_value_0123456789abcd';

let server: BotServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Records when each attempt starts (clock time) and lets the test await each failure. */
function attempts(clock: ManualClock) {
  const starts: number[] = [];
  const failures: ((value: unknown) => void)[] = [];
  const failed: Promise<unknown>[] = [];
  for (let i = 0; i < 20; i++) failed.push(new Promise((resolve) => failures.push(resolve)));
  const transformer: Transformer = async (prev, method, payload, signal) => {
    const n = starts.push(clock.now());
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      failures[n - 1]!(error);
      throw error;
    }
  };
  return { starts, transformer, failed: (n: number) => failed[n - 1]! };
}

async function setup(answers: ((res: ServerResponse) => void)[], options: AutoRetryOptions = {}) {
  let i = 0;
  server = await startBotServer((_, res) => (answers[i++] ?? ((r) => ok(r, true)))(res));
  const clock = new ManualClock();
  const record = attempts(clock);
  const api = new Api(TOKEN, { apiRoot: server.apiRoot, clock, timeoutMs: 1_000_000 });
  api.use(record.transformer, autoRetry({ random: () => 0.5, ...options }));
  return { api, clock, record };
}

const flood = (seconds: number) => (res: ServerResponse) =>
  fail(res, 429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });

describe('autoRetry', () => {
  it('waits exactly retry_after on a 429, then succeeds', async () => {
    const { api, clock, record } = await setup([flood(3)]);
    const result = api.deleteWebhook();
    await record.failed(1);
    await clock.advance(2_999);
    expect(record.starts).toEqual([0]);
    await clock.advance(1);
    expect(await result).toBe(true);
    expect(record.starts).toEqual([0, 3_000]);
  });

  it('backs off exponentially with jitter, capped, on 5xx and network errors', async () => {
    const drop = (res: ServerResponse) => res.socket?.destroy();
    const gateway = (res: ServerResponse) => {
      res.writeHead(502);
      res.end('<html>');
    };
    const { api, clock, record } = await setup(
      [(r) => fail(r, 500, 'Internal Server Error'), drop, gateway, gateway],
      { baseDelayMs: 1_000, maxDelayMs: 3_000 },
    );
    const result = api.getMe();
    // ceilings 1000, 2000, 3000 (capped), 3000; random() = 0.5
    for (const [n, delay] of [
      [1, 500],
      [2, 1_000],
      [3, 1_500],
      [4, 1_500],
    ] as const) {
      await record.failed(n);
      await clock.advance(delay - 1);
      expect(record.starts).toHaveLength(n);
      await clock.advance(1);
    }
    expect(await result).toBe(true);
    expect(record.starts).toEqual([0, 500, 1_500, 3_000, 4_500]);
  });

  it.each([400, 401, 403, 404, 409])('never retries a %i', async (code) => {
    const { api, record } = await setup([(r) => fail(r, code, 'no')]);
    const error = await api.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramError);
    expect(record.starts).toHaveLength(1);
    expect(server!.requests).toHaveLength(1);
  });

  it('throws a 429 whose retry_after is above maxRetryAfterMs at once', async () => {
    const { api, record } = await setup([flood(120)], { maxRetryAfterMs: 60_000 });
    const error = await api.getMe().catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: 429, parameters: { retryAfter: 120 } });
    expect(record.starts).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const { api, clock, record } = await setup([flood(1), flood(1), flood(1)], { maxAttempts: 3 });
    const result = api.getMe().catch((e: unknown) => e);
    for (const n of [1, 2]) {
      await record.failed(n);
      await clock.advance(1_000);
    }
    const error = await result;
    expect(error).toBeInstanceOf(TelegramError);
    expect(record.starts).toEqual([0, 1_000, 2_000]);
  });

  it('stops waiting with an AbortError when the signal fires', async () => {
    const { api, clock, record } = await setup([flood(10)]);
    const controller = new AbortController();
    const result = api.getMe(controller.signal).catch((e: unknown) => e);
    await record.failed(1);
    await clock.advance(5_000);
    controller.abort();
    expect(await result).toBeInstanceOf(AbortError);
    expect(clock.pending).toBe(0);
    expect(record.starts).toHaveLength(1);
  });

  it('leaves network errors alone when retryTransient is off', async () => {
    const { api, record } = await setup([(r) => r.socket?.destroy()], { retryTransient: false });
    expect(await api.getMe().catch((e: unknown) => e)).toBeInstanceOf(HttpError);
    expect(record.starts).toHaveLength(1);
  });

  it('does not retry an upload whose stream is used up, but retries one from a Buffer', async () => {
    const { api, clock, record } = await setup([
      (r) => fail(r, 500, 'Internal Server Error'),
      (r) => fail(r, 500, 'Internal Server Error'),
    ]);
    const streamed = new InputFile(Readable.from([Buffer.from('once')]));
    const error = await api.sendDocument(1, streamed).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: 500 });
    expect(record.starts).toHaveLength(1);
    const buffered = api.sendDocument(1, new InputFile(Buffer.from('again')));
    await record.failed(2);
    await clock.advance(250);
    expect(await buffered).toBe(true);
    expect(record.starts).toEqual([0, 0, 250]);
  });

  it('rejects nonsense limits', () => {
    expect(() => autoRetry({ maxAttempts: 0 })).toThrow(/maxAttempts must be a positive number/);
  });
});
