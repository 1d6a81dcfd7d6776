import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { Agent as HttpsAgent, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortError } from '../src/AbortError.js';
import { Api } from '../src/Api.js';
import { ManualClock } from '../src/clock.js';
import type { FetchLike } from '../src/FetchLike.js';
import { HttpError } from '../src/HttpError.js';
import { InputFile } from '../src/InputFile.js';
import { nodeHttpFetch } from '../src/nodeHttpFetch.js';
import { BadRequestError, TooManyRequestsError } from '../src/TelegramError.js';
import { fail, field, ok, parseMultipart, startBotServer } from './support/botServer.js';
import type { BotServer } from './support/botServer.js';
import { failure } from './support/failure.js';
import { errorTexts, leaks } from './support/tokenForms.js';

// The same behaviour on both transports: the default (node-fetch, with its timeout when there is
// no caller signal and the clock is the system clock) and the opt-in nodeHttpFetch (node:http
// directly), on both of their paths (the direct one and the one with an AbortController).

const TOKEN = '424242:TRANSPORTtransport_token-value_4242zz';

let server: BotServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noLeak = (error: unknown): void => {
  for (const text of errorTexts(error)) expect(leaks(text, TOKEN)).toBe(false);
};

describe.each<[string, FetchLike | undefined]>([
  ['node-fetch (default)', undefined],
  ['nodeHttpFetch', nodeHttpFetch],
])('transport %s', (_name, fetch) => {
  const api = (options: ConstructorParameters<typeof Api>[1] = {}): Api =>
    new Api(TOKEN, {
      apiRoot: server!.apiRoot,
      ...(fetch === undefined ? {} : { fetch }),
      ...options,
    });

  it('posts JSON and returns the result', async () => {
    server = await startBotServer((r, res) => ok(res, { echo: JSON.parse(r.body.toString()) }));
    await expect(api().call('sendMessage', { chat_id: 1, text: 'hé 👋' })).resolves.toEqual({
      echo: { chat_id: 1, text: 'hé 👋' },
    });
    const request = server.requests[0]!;
    expect(request.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(Number(request.headers['content-length'])).toBe(request.body.length);
  });

  it('maps error envelopes, Retry-After and answers that are not JSON', async () => {
    let n = 0;
    server = await startBotServer((_r, res) => {
      n += 1;
      if (n === 1) return fail(res, 400, 'Bad Request: chat not found');
      if (n === 2) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
        res.end(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests' }));
        return;
      }
      res.writeHead(502).end('<html>bad gateway</html>');
    });
    const a = api();
    expect(await failure(a.call('sendMessage', { chat_id: 1, text: 'x' }))).toBeInstanceOf(
      BadRequestError,
    );
    const limited = await failure(a.call('sendMessage', { chat_id: 1, text: 'x' }));
    expect(limited).toBeInstanceOf(TooManyRequestsError);
    expect((limited as TooManyRequestsError).parameters.retryAfter).toBe(7);
    const bad = await failure(a.call('sendMessage', { chat_id: 1, text: 'x' }));
    expect(bad).toMatchObject({ kind: 'bad-response', status: 502 });
  });

  it('times out on the system clock without a caller signal (the direct path)', async () => {
    server = await startBotServer(() => undefined); // never answers
    const error = await failure(
      api({ timeoutMs: 150 }).call('sendMessage', { chat_id: 1, text: 'x' }),
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ kind: 'timeout', method: 'sendMessage' });
    noLeak(error);
  });

  it('times out on an injected clock (the path with an AbortController)', async () => {
    server = await startBotServer(() => undefined);
    const clock = new ManualClock();
    const call = failure(
      api({ clock, timeoutMs: 1_000 }).call('sendMessage', { chat_id: 1, text: 'x' }),
    );
    await server.received(1);
    await clock.advance(1_000);
    expect(await call).toMatchObject({ kind: 'timeout' });
  });

  it("stops a call when the caller's signal fires", async () => {
    server = await startBotServer(() => undefined);
    const controller = new AbortController();
    const call = failure(api().call('sendMessage', { chat_id: 1, text: 'x' }, controller.signal));
    await server.received(1);
    controller.abort();
    expect(await call).toBeInstanceOf(AbortError);
  });

  it('reports a refused connection as a network HttpError without the token', async () => {
    server = await startBotServer(() => undefined);
    const root = server.apiRoot;
    await server.close();
    server = undefined;
    const error = await failure(
      new Api(TOKEN, { apiRoot: root, ...(fetch === undefined ? {} : { fetch }) }).call(
        'getMe',
        {},
      ),
    );
    expect(error).toMatchObject({ kind: 'network' });
    noLeak(error);
    server = await startBotServer(() => undefined); // for afterEach
  });

  it('uploads files as multipart and downloads them back', async () => {
    const bytes = Buffer.alloc(200_000, 3);
    server = await startBotServer((r, res) => {
      if (r.path.endsWith('/sendDocument')) {
        const parts = parseMultipart(r);
        const doc = parts.find((p) => p.name === 'document')!;
        return ok(res, { size: doc.data.length, chat: field(parts, 'chat_id') });
      }
      if (r.path.endsWith('/getFile')) return ok(res, { file_id: 'f', file_path: 'docs/a.bin' });
      res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
    });
    const a = api();
    await expect(
      a.call('sendDocument', { chat_id: 5, document: new InputFile(bytes, { filename: 'a.bin' }) }),
    ).resolves.toEqual({ size: bytes.length, chat: '5' });
    const stream = await a.fileStream('f');
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('talks https (a self-signed certificate trusted through the agent)', async () => {
    const cert = readFileSync(new URL('./fixtures/localhost.crt', import.meta.url));
    const key = readFileSync(new URL('./fixtures/localhost.key', import.meta.url));
    const tls = createHttpsServer({ cert, key }, (req, res) => {
      if (req.url?.includes('/file/')) {
        res.writeHead(200).end('file bytes');
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.stringify({
          ok: true,
          result: req.url?.endsWith('/getFile')
            ? { file_id: 'f', file_path: 'a.txt' }
            : JSON.parse(Buffer.concat(chunks).toString()),
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const agent = new HttpsAgent({ ca: cert, keepAlive: true });
    try {
      const a = new Api(TOKEN, {
        apiRoot: `https://127.0.0.1:${(tls.address() as AddressInfo).port}`,
        agent,
        ...(fetch === undefined ? {} : { fetch }),
      });
      await expect(a.call('sendMessage', { chat_id: 2, text: 'tls' })).resolves.toEqual({
        chat_id: 2,
        text: 'tls',
      });
      const chunks: Buffer[] = [];
      for await (const chunk of await a.fileStream('f')) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('file bytes');
    } finally {
      agent.destroy();
      tls.closeAllConnections();
      await new Promise((resolve) => tls.close(resolve));
    }
  });

  it('uses the agent given, also a function choosing one per URL', async () => {
    server = await startBotServer((_r, res) => ok(res, true));
    const agent = new Agent({ keepAlive: true });
    const seen: string[] = [];
    await api({ agent }).call('getMe', {});
    await api({
      agent: (url) => {
        seen.push(url.pathname.replace(TOKEN, '<t>'));
        return agent;
      },
    }).call('getMe', {});
    expect(seen).toEqual(['/bot<t>/getMe']);
    agent.destroy();
  });
});
