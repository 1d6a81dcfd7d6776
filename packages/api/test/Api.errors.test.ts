import { inspect } from 'node:util';

import createDebug from 'debug';
import { afterEach, describe, expect, it } from 'vitest';

import { AbortError } from '../src/AbortError.js';
import { Api } from '../src/Api.js';
import { ManualClock } from '../src/clock.js';
import { HttpError } from '../src/HttpError.js';
import { InputFile } from '../src/InputFile.js';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TelegramError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../src/TelegramError.js';
import { fail, ok, startBotServer } from './support/botServer.js';
import type { BotServer } from './support/botServer.js';
import { failure } from './support/failure.js';

const TOKEN = '987654:SECRETsecret_token-value_9876543210zz';

let server: BotServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Api errors', () => {
  it.each([
    [400, 'Bad Request: chat not found', BadRequestError, 'BadRequestError'],
    [401, 'Unauthorized', UnauthorizedError, 'UnauthorizedError'],
    [403, 'Forbidden: bot was blocked by the user', ForbiddenError, 'ForbiddenError'],
    [404, 'Not Found: method not found', NotFoundError, 'NotFoundError'],
    [409, 'Conflict: terminated by other getUpdates request', ConflictError, 'ConflictError'],
    [429, 'Too Many Requests: retry after 7', TooManyRequestsError, 'TooManyRequestsError'],
    [500, 'Internal Server Error', TelegramError, 'TelegramError'],
  ])('maps error code %i to its class', async (code, description, Class, name) => {
    server = await startBotServer((_, res) =>
      fail(res, code, description, code === 429 ? { retry_after: 7 } : undefined),
    );
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    const error = await failure(api.sendMessage(1, 'x'));
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(TelegramError);
    expect(error).toMatchObject({ name, method: 'sendMessage', errorCode: code, description });
    expect(error.message).toBe(`sendMessage failed: ${code} ${description}`);
    expect((error as TelegramError).parameters).toEqual(code === 429 ? { retryAfter: 7 } : {});
  });

  it('surfaces migrate_to_chat_id and the Retry-After header', async () => {
    server = await startBotServer((r, res) => {
      if (r.path.endsWith('/sendMessage')) {
        fail(res, 400, 'Bad Request: group chat was upgraded to a supergroup chat', {
          migrate_to_chat_id: -1001234567890,
        });
      } else {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '11' });
        res.end('{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 11"}');
      }
    });
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    const migrated = (await failure(api.sendMessage(1, 'x'))) as TelegramError;
    expect(migrated.parameters.migrateToChatId).toBe(-1001234567890);
    const flood = (await failure(api.getMe())) as TelegramError;
    expect(flood.parameters.retryAfter).toBe(11);
  });

  it('leaves retryAfter unset when a 429 names no wait at all', async () => {
    server = await startBotServer((_, res) => fail(res, 429, 'Too Many Requests'));
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    const error = (await failure(api.getMe())) as TelegramError;
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error.parameters).toEqual({});
  });

  it('gives an HttpError with the status for a non-JSON answer', async () => {
    server = await startBotServer((_, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    const error = await failure(api.getMe());
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      name: 'HttpError',
      method: 'getMe',
      kind: 'bad-response',
      status: 502,
    });
    expect(error.message).toContain('Bad Gateway');
  });

  it('gives an HttpError keeping the cause when the connection fails', async () => {
    const api = new Api(TOKEN, { apiRoot: 'http://127.0.0.1:1' });
    const error = await failure(api.getMe());
    expect(error).toMatchObject({ name: 'HttpError', kind: 'network', method: 'getMe' });
    expect((error as HttpError).status).toBeUndefined();
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('keeps the token out of a non-JSON excerpt that cuts through it', async () => {
    server = await startBotServer((r, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(`${'x'.repeat(180)}${r.path}`); // the token starts 184 characters in
    });
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    const error = await failure(api.getMe());
    expect(error).toMatchObject({ name: 'HttpError', kind: 'bad-response', status: 502 });
    expect(error.message).toContain('/bot<');
    expect(error.message).not.toContain('SECRET');
  });

  it('keeps the token out of the cause when a fetch rejects with a string', async () => {
    const api = new Api(TOKEN, {
      fetch: (url) => Promise.reject(`cannot reach ${url}`), // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors
    });
    const error = await failure(api.getMe());
    expect(error).toMatchObject({ name: 'HttpError', kind: 'network' });
    expect(error.message).toContain('/bot<token>/getMe');
    expect(error.cause).toBe('cannot reach https://api.telegram.org/bot<token>/getMe');
    expect(inspect(error, { depth: 10 })).not.toContain('SECRETsecret');
  });

  it('times out on the api clock, with getUpdates given its poll timeout on top', async () => {
    server = await startBotServer(() => undefined); // never answers
    const clock = new ManualClock();
    const api = new Api(TOKEN, { apiRoot: server.apiRoot, clock, timeoutMs: 5_000 });
    const me = failure(api.getMe());
    await server.received(1);
    await clock.advance(4_999);
    const poll = failure(api.getUpdates({ timeout: 30 }));
    await server.received(2);
    await clock.advance(1);
    const error = await me;
    expect(error).toMatchObject({ name: 'HttpError', kind: 'timeout', method: 'getMe' });
    expect(error.message).toBe('getMe: no answer within 5000ms');
    await clock.advance(34_998);
    let settled = false;
    void poll.then(() => (settled = true));
    await clock.advance(0);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect(await poll).toMatchObject({ kind: 'timeout', method: 'getUpdates' });
    expect(clock.pending).toBe(0);
  });

  it('takes a timeout too long for a Node timer as no timeout, not as 1 ms', async () => {
    server = await startBotServer((_, res) => {
      setTimeout(() => ok(res, true), 50);
    });
    const api = new Api(TOKEN, { apiRoot: server.apiRoot, timeoutMs: Number.MAX_SAFE_INTEGER });
    await expect(api.logOut()).resolves.toBe(true);
  });

  it('gives calls that upload files their own, longer timeout', async () => {
    server = await startBotServer(() => undefined);
    const clock = new ManualClock();
    const api = new Api(TOKEN, {
      apiRoot: server.apiRoot,
      clock,
      timeoutMs: 1_000,
      uploadTimeoutMs: 10_000,
    });
    const upload = failure(api.sendDocument(1, new InputFile(Buffer.from('doc'))));
    let settled = false;
    void upload.then(() => (settled = true));
    await server.received(1);
    await clock.advance(9_999);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect(await upload).toMatchObject({ kind: 'timeout', method: 'sendDocument' });
  });

  it('does not send a call whose signal is already aborted', async () => {
    server = await startBotServer((_, res) => ok(res, true));
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    const error = await failure(api.getMe(AbortSignal.abort(new Error('stop'))));
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ name: 'AbortError', method: 'getMe' });
    expect((error.cause as Error).message).toBe('stop');
    expect(server.requests).toHaveLength(0);
  });

  it('aborts a call in flight', async () => {
    server = await startBotServer(() => undefined);
    const clock = new ManualClock();
    const api = new Api(TOKEN, { apiRoot: server.apiRoot, clock });
    const controller = new AbortController();
    const pending = failure(api.getUpdates({ timeout: 50 }, controller.signal));
    await server.received(1);
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(AbortError);
    expect(error).not.toBeInstanceOf(HttpError);
    expect(clock.pending).toBe(0);
  });
});

describe('Api token redaction', () => {
  it('keeps the token out of every error, cause, stack and debug line', async () => {
    const lines: string[] = [];
    const previousLog = createDebug.log;
    const previousNamespaces = createDebug.disable();
    createDebug.enable('delegram:*');
    createDebug.log = (...args: unknown[]) => lines.push(args.map((a) => String(a)).join(' '));
    try {
      server = await startBotServer((r, res, req) => {
        if (r.path.includes('/echo')) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`cannot route ${r.path}`); // a proxy that echoes the URL
        } else if (r.path.includes('/drop')) {
          req.socket.destroy();
        } else if (r.path.includes('/slow')) {
          // never answers
        } else {
          fail(res, 401, 'Unauthorized');
        }
      });
      const clock = new ManualClock();
      const api = new Api(TOKEN, { apiRoot: server.apiRoot, clock, timeoutMs: 1_000 });
      const call = (method: string) =>
        (api.call as (m: string, p: unknown, s?: AbortSignal) => Promise<unknown>)(method, {});
      const errors: Error[] = [
        await failure(call('getMe')),
        await failure(call('echo')),
        await failure(call('drop')),
        await failure(new Api(TOKEN, { apiRoot: 'http://127.0.0.1:1' }).getMe()),
      ];
      const slow = failure(call('slow'));
      await server.received(4);
      await clock.advance(1_000);
      errors.push(await slow);
      const controller = new AbortController();
      const aborted = failure(api.getMe(controller.signal));
      await server.received(5);
      controller.abort();
      errors.push(await aborted);
      try {
        new Api(`${TOKEN}/x`);
      } catch (e) {
        errors.push(e as Error);
      }
      expect(errors.map((e) => e.name)).toEqual([
        'UnauthorizedError',
        'HttpError',
        'HttpError',
        'HttpError',
        'HttpError',
        'AbortError',
        'TypeError',
      ]);
      expect(errors[1]?.message).toContain('cannot route /bot<token>/echo');
      expect(lines.length).toBeGreaterThan(5);
      for (const error of errors) {
        const texts = [inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)];
        for (let e: unknown = error; e instanceof Error; e = e.cause) {
          texts.push(e.message, e.stack ?? '', String(e));
        }
        for (const text of texts) expect(text).not.toContain(TOKEN);
        expect(texts.join('\n')).not.toContain('SECRETsecret');
      }
      for (const line of lines) expect(line).not.toContain('SECRETsecret');
    } finally {
      createDebug.log = previousLog;
      createDebug.disable();
      if (previousNamespaces !== '') createDebug.enable(previousNamespaces);
    }
  });
});
