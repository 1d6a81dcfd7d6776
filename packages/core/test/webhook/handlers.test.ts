import { Agent, request as httpRequest } from 'node:http';
import { ManualClock } from '@delegram/api';
import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from '../../src/Bot.js';
import { StateSaveError } from '../../src/state/errors.js';
import type { ErrorInfo } from '../../src/BotEvents.js';
import type { Incoming } from '../../src/Incoming.js';
import { fetchWebhookHandler } from '../../src/webhook/fetchWebhookHandler.js';
import { webhookReply } from '../../src/webhook/WebhookOptions.js';
import { WebhookServer } from '../../src/webhook/WebhookServer.js';
import { deferred, FakeTelegram, until } from '../support/FakeTelegram.js';
import { textMessage } from '../support/updates.js';

const SECRET = 'S3cret_token-1';
const body = (id = 1): string => JSON.stringify({ update_id: id, message: textMessage('hi') });

function setup(): { bot: Bot; seen: Incoming[]; errors: [unknown, ErrorInfo][] } {
  const bot = new Bot(new FakeTelegram().asApi(), { clock: new ManualClock() });
  const seen: Incoming[] = [];
  const errors: [unknown, ErrorInfo][] = [];
  bot.on('error', (error, info) => errors.push([error, info]));
  return { bot, seen, errors };
}

interface Sent {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function post(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunks?: Buffer[];
  },
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? 'POST',
        headers: options.headers ?? { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may answer 413 and close before the whole body was sent.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      reject(error);
    });
    if (options.chunks) for (const chunk of options.chunks) req.write(chunk);
    req.end(options.body);
  });
}

describe('WebhookServer (node:http handler)', () => {
  let server: WebhookServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  async function start(
    extra: Record<string, unknown> = {},
  ): Promise<{ url: string; seen: Incoming[]; errors: [unknown, ErrorInfo][] }> {
    const { bot, seen, errors } = setup();
    server = new WebhookServer(bot, {
      path: '/tg',
      secretToken: SECRET,
      maxBodyBytes: 2048,
      handler: (_msg, incoming) => void seen.push(incoming),
      ...extra,
    });
    const { url } = await server.start();
    return { url, seen, errors };
  }
  const auth = { 'x-telegram-bot-api-secret-token': SECRET, 'content-type': 'application/json' };

  it('accepts an update with the right secret and hands it to the handler', async () => {
    const { url, seen } = await start();
    const res = await post(url, { headers: auth, body: body(5) });
    expect(res.status).toBe(200);
    await until(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ flavor: 'chat', kind: 'message' });
  });

  it('rejects every bad request without touching the handler', async () => {
    const { url, seen } = await start();
    expect((await post(url, { method: 'GET', headers: auth })).status).toBe(405);
    const put = await post(url, { method: 'PUT', headers: auth, body: body() });
    expect(put.status).toBe(405);
    expect(put.headers['allow']).toBe('POST');
    expect((await post(url, { body: body() })).status).toBe(401);
    const wrong = { ...auth, 'x-telegram-bot-api-secret-token': 'S3cret_token-2' };
    expect((await post(url, { headers: wrong, body: body() })).status).toBe(401);
    expect(
      (
        await post(url, {
          headers: { ...auth, 'x-telegram-bot-api-secret-token': 'S3cret' },
          body: body(),
        })
      ).status,
    ).toBe(401);
    expect((await post(url, { headers: auth, body: '{"update_id": 1, "message"' })).status).toBe(
      400,
    );
    expect((await post(url, { headers: auth, body: '[1,2]' })).status).toBe(400);
    expect((await post(url, { headers: auth, body: '{"message": {}}' })).status).toBe(400);
    expect((await post(url, { headers: auth, body: 'x'.repeat(3000) })).status).toBe(413);
    const chunked = { ...auth, 'transfer-encoding': 'chunked' };
    const big = await post(url, {
      headers: chunked,
      chunks: [Buffer.alloc(1500, 32), Buffer.alloc(1500, 32)],
    });
    expect(big.status).toBe(413);
    expect((await post(url.replace('/tg', '/other'), { headers: auth, body: body() })).status).toBe(
      404,
    );
    expect(seen).toHaveLength(0);
  });

  it('waits for the handler and answers with a method when asked', async () => {
    const gate = deferred();
    const entered = deferred();
    const { bot } = setup();
    server = new WebhookServer(bot, {
      wait: true,
      handler: {
        chat: async (msg) => {
          entered.resolve();
          await gate.promise;
          return webhookReply('sendMessage', { chat_id: msg.chat.id, text: 'pong' });
        },
      },
    });
    const { url } = await server.start();
    let answered = false;
    const pending = post(url, { body: body() }).then((r) => {
      answered = true;
      return r;
    });
    await entered.promise;
    expect(answered).toBe(false);
    gate.resolve();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body)).toEqual({ method: 'sendMessage', chat_id: 42, text: 'pong' });
  });

  it('answers 500 in wait mode for an update whose durable state was not saved, so Telegram sends it again', async () => {
    const { bot, errors } = setup();
    server = new WebhookServer(bot, {
      wait: true,
      handler: () => Promise.reject(new StateSaveError('state:Counter:42')),
    });
    const { url } = await server.start();
    const res = await post(url, { body: body() });
    expect(res.status).toBe(500);
    expect(errors[0]?.[1]).toMatchObject({ source: 'handler', outcome: 'retry' });
  });

  it('reports a failing handler with its update and still answers 200', async () => {
    const { bot, errors } = setup();
    server = new WebhookServer(bot, {
      wait: true,
      handler: () => {
        throw new Error('boom');
      },
    });
    const { url } = await server.start();
    const res = await post(url, { body: body(9) });
    expect(res.status).toBe(200);
    expect(errors[0]![1]).toMatchObject({ source: 'handler', update: { update_id: 9 } });
  });
});

describe('WebhookServer.stop()', () => {
  it('answers a request in progress, then closes its kept-alive connection at once', async () => {
    const { bot } = setup();
    const gate = deferred();
    const server = new WebhookServer(bot, { wait: true, handler: () => gate.promise });
    const { port } = await server.start();
    const agent = new Agent({ keepAlive: true });
    const answered = new Promise<{ status: number; connection: string | undefined }>(
      (resolve, reject) => {
        const headers = { 'content-type': 'application/json' };
        const req = httpRequest({ port, method: 'POST', agent, headers }, (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }),
          );
        });
        req.on('error', reject);
        req.end(body(4));
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    let stopped = false;
    const stopping = server.stop().then(() => (stopped = true));
    gate.resolve();
    expect(await answered).toEqual({ status: 200, connection: 'close' });
    // Node keeps an idle connection 5 s: stop() must not wait that out.
    await Promise.race([stopping, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    agent.destroy();
    expect(stopped).toBe(true);
  });
});

describe('fetchWebhookHandler', () => {
  const make = (init: RequestInit & { headers?: Record<string, string> }): Request =>
    new Request('http://localhost/tg', {
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
    });

  it('answers 200 and hands over the update, and refuses bad requests untouched', async () => {
    const { bot, seen } = setup();
    const handle = fetchWebhookHandler(bot, {
      secretToken: SECRET,
      maxBodyBytes: 1000,
      handler: (_m, i) => void seen.push(i),
    });
    const ok = await handle(
      make({
        method: 'POST',
        headers: { 'x-telegram-bot-api-secret-token': SECRET },
        body: body(),
      }),
    );
    expect(ok.status).toBe(200);
    expect(seen).toHaveLength(1);
    const h = { 'x-telegram-bot-api-secret-token': SECRET };
    expect((await handle(make({ method: 'GET', headers: h }))).status).toBe(405);
    expect((await handle(make({ method: 'POST', body: body() }))).status).toBe(401);
    expect((await handle(make({ method: 'POST', headers: h, body: 'nope' }))).status).toBe(400);
    expect(
      (await handle(make({ method: 'POST', headers: h, body: 'x'.repeat(1001) }))).status,
    ).toBe(413);
    expect(seen).toHaveLength(1);
  });

  it('reports an update whose payload is not an object instead of handling it', async () => {
    const { bot, seen, errors } = setup();
    const handle = fetchWebhookHandler(bot, { handler: (_m, i) => void seen.push(i) });
    const res = await handle(make({ method: 'POST', body: '{"update_id": 3, "message": null}' }));
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(0);
    expect(errors[0]![1]).toMatchObject({ source: 'webhook', outcome: 'continue' });
  });
});
