import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ManualClock } from '@delegram/api';
import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from '../../src/Bot.js';
import type { Incoming } from '../../src/Incoming.js';
import { fetchWebhookHandler } from '../../src/webhook/fetchWebhookHandler.js';
import { nodeWebhookHandler } from '../../src/webhook/nodeWebhookHandler.js';
import type { WebhookOptions } from '../../src/webhook/WebhookOptions.js';
import { WebhookServer } from '../../src/webhook/WebhookServer.js';
import { FakeTelegram } from '../support/FakeTelegram.js';
import { rawConnect, readAnswer, requestHead } from '../support/rawHttp.js';
import { textMessage } from '../support/updates.js';

const SECRET = 'S3cret_token-1';
const update = (id = 1, text = 'hi'): string =>
  JSON.stringify({ update_id: id, message: textMessage(text) });

function setup(): { bot: Bot; seen: Incoming[] } {
  const bot = new Bot(new FakeTelegram().asApi(), { clock: new ManualClock() });
  const seen: Incoming[] = [];
  return { bot, seen };
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** A node:http server whose middleware parses the body into `req.body` as asked, then delegram. */
async function withMiddleware(
  bot: Bot,
  options: WebhookOptions,
  parse: (text: string) => unknown,
): Promise<number> {
  const handle = nodeWebhookHandler(bot, options);
  const server: Server = createServer((req: IncomingMessage & { body?: unknown }, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      req.body = parse(text);
      void handle(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return (server.address() as AddressInfo).port;
}

/** POSTs `body` chunked (no Content-Length, as a body middleware already read) and answers. */
async function postChunked(port: number, body: string, type = 'application/json') {
  const socket = await rawConnect(port);
  const head = requestHead('/', { 'content-type': type, 'transfer-encoding': 'chunked' });
  socket.write(`${head}${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`);
  const answer = await readAnswer(socket);
  socket.destroy();
  return answer;
}

describe('nodeWebhookHandler with a body parsed by middleware', () => {
  const big = update(1, 'x'.repeat(3000));
  it.each([
    ['a string', (text: string): unknown => text],
    ['a Buffer', (text: string): unknown => Buffer.from(text)],
    ['an object', (text: string): unknown => JSON.parse(text)],
  ])('holds %s to maxBodyBytes', async (_what, parse) => {
    const { bot, seen } = setup();
    const port = await withMiddleware(
      bot,
      { maxBodyBytes: 2048, handler: (_m, i) => void seen.push(i) },
      parse,
    );
    expect((await postChunked(port, big)).status).toBe(413);
    expect((await postChunked(port, update(2))).status).toBe(200);
    expect(seen.map((i) => i.update?.update_id)).toEqual([2]);
  });
});

describe('webhook Content-Type', () => {
  const refused = [
    'text/plain',
    'text/plain;charset=UTF-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=latin1',
    'application/jsonp',
  ];
  const accepted = [
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset="UTF-8"',
  ];

  it('answers 415 for anything but JSON on the node handler and WebhookServer', async () => {
    const { bot, seen } = setup();
    const server = new WebhookServer(bot, {
      secretToken: SECRET,
      handler: (_m, i) => void seen.push(i),
    });
    const { port } = await server.start();
    servers.push({ close: () => server.stop() });
    const post = async (type: string | undefined): Promise<number> => {
      const headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET };
      if (type !== undefined) headers['content-type'] = type;
      const body = update(seen.length + 1);
      const socket = await rawConnect(port);
      socket.write(
        requestHead('/', { ...headers, 'content-length': Buffer.byteLength(body) }) + body,
      );
      const answer = await readAnswer(socket);
      socket.destroy();
      return answer.status;
    };
    for (const type of [...refused, undefined]) expect(await post(type), String(type)).toBe(415);
    expect(seen).toHaveLength(0);
    for (const type of accepted) expect(await post(type), type).toBe(200);
    expect(seen).toHaveLength(accepted.length);
  });

  it('answers 415 for anything but JSON on the fetch handler', async () => {
    const { bot, seen } = setup();
    const handle = fetchWebhookHandler(bot, { handler: (_m, i) => void seen.push(i) });
    const post = (type: string | undefined): Promise<Response> =>
      handle(
        new Request('http://localhost/', {
          method: 'POST',
          body: update(),
          headers: type === undefined ? {} : { 'content-type': type },
        }),
      );
    for (const type of refused) expect((await post(type)).status, type).toBe(415);
    expect(seen).toHaveLength(0);
    for (const type of accepted) expect((await post(type)).status, type).toBe(200);
  });
});

describe('WebhookServer.stop() after an early answer on a kept-alive connection', () => {
  it.each([
    ['413 (Content-Length past the limit)', { 'content-length': 100_000, secret: true }, 413],
    ['401 (no secret, body not sent yet)', { 'content-length': 500, secret: false }, 401],
  ])('is prompt after a %s', async (_what, extra, status) => {
    const { bot } = setup();
    const server = new WebhookServer(bot, { secretToken: SECRET, maxBodyBytes: 2048 });
    const { port } = await server.start();
    const socket = await rawConnect(port);
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      connection: 'keep-alive',
      'content-length': extra['content-length'],
    };
    if (extra.secret !== false) headers['x-telegram-bot-api-secret-token'] = SECRET;
    socket.write(requestHead('/', headers) + '{"update_id":'); // and never the rest
    const answer = await readAnswer(socket);
    expect(answer.status).toBe(status);
    expect(answer.headers['connection']).toBe('close');
    const started = performance.now();
    await server.stop();
    const took = performance.now() - started;
    socket.destroy();
    expect(took).toBeLessThan(500);
  });

  it('cuts a half-open connection and a slow upload at once', async () => {
    const { bot, seen } = setup();
    const server = new WebhookServer(bot, { handler: (_m, i) => void seen.push(i) });
    const { port } = await server.start();
    const halfOpen = await rawConnect(port);
    halfOpen.write('POST / HTTP/1.1\r\nhost: 127.0.0.1\r\n');
    const slow = await rawConnect(port);
    const body = update(1);
    slow.write(
      requestHead('/', { 'content-type': 'application/json', 'content-length': body.length }) +
        body.slice(0, 10),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    await server.stop();
    expect(performance.now() - started).toBeLessThan(500);
    const closed = (socket: Socket): Promise<boolean> =>
      new Promise((resolve) => {
        socket.once('close', () => resolve(true));
        setTimeout(() => resolve(false), 500);
      });
    expect(await Promise.all([closed(halfOpen), closed(slow)])).toEqual([true, true]);
    expect(seen).toHaveLength(0);
    halfOpen.destroy();
    slow.destroy();
  });
});
