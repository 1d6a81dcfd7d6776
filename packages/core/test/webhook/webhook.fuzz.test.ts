import { ManualClock } from '@delegram/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/Bot.js';
import type { ErrorInfo } from '../../src/BotEvents.js';
import { fetchWebhookHandler } from '../../src/webhook/fetchWebhookHandler.js';
import { WebhookServer } from '../../src/webhook/WebhookServer.js';
import { anyJson, fuzzParams } from '../../../api/test/support/fuzz.js';
import { FakeTelegram } from '../support/FakeTelegram.js';
import { rawConnect, readAnswer, requestHead } from '../support/rawHttp.js';
import { textMessage } from '../support/updates.js';

const SECRET = 'S3cret_token-1';
const MAX = 4096;

const bot = new Bot(new FakeTelegram().asApi(), { clock: new ManualClock() });
const errors: [unknown, ErrorInfo][] = [];
bot.on('error', (error, info) => errors.push([error, info]));
let handled = 0;
const options = { secretToken: SECRET, maxBodyBytes: MAX, handler: () => void (handled += 1) };
let server: WebhookServer;
let port: number;
beforeAll(async () => {
  server = new WebhookServer(bot, options);
  port = (await server.start()).port;
});
afterAll(() => server.stop());

/** A body: a good update, JSON of any shape, bytes, or something too big; in some encoding. */
const body = fc.oneof(
  fc.nat(1000).map((id) => JSON.stringify({ update_id: id, message: textMessage('hi') })),
  anyJson().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc
    .integer({ min: MAX - 10, max: MAX * 3 })
    .map((n) => JSON.stringify({ update_id: 1, x: 'y'.repeat(n) })),
);
const request = fc.record({
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
  secret: fc.constantFrom(SECRET, SECRET, '', 'wrong', `${SECRET}x`),
  type: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/json; charset=latin1',
    undefined,
  ),
  body,
  /** How the body is sent: with its true length, chunked, or cut off (the client aborts). */
  framing: fc.constantFrom('length', 'chunked', 'aborted', 'lying-length'),
});

const ALLOWED = [200, 400, 401, 405, 413, 415];

describe('webhook handlers against requests of every shape (property)', () => {
  it('WebhookServer answers each with a 2xx/4xx status, never a crash, and stays up', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = handled;
        const errorsBefore = errors.length;
        const socket = await rawConnect(port);
        const bytes = Buffer.from(r.body, 'utf8');
        const headers: Record<string, string | number> = {};
        if (r.secret !== '') headers['x-telegram-bot-api-secret-token'] = r.secret;
        if (r.type !== undefined) headers['content-type'] = r.type;
        if (r.framing === 'chunked') headers['transfer-encoding'] = 'chunked';
        else headers['content-length'] = bytes.length + (r.framing === 'lying-length' ? 50 : 0);
        const head = requestHead('/', headers).replace(/^POST/, r.method);
        if (r.framing === 'chunked') {
          socket.write(head + `${bytes.length.toString(16)}\r\n`);
          socket.write(bytes);
          socket.write('\r\n0\r\n\r\n');
        } else if (r.framing === 'aborted') {
          socket.write(head);
          socket.write(bytes.subarray(0, bytes.length >> 1));
          socket.destroy();
          return; // the next case (and the good request below) shows the server still serves
        } else socket.write(Buffer.concat([Buffer.from(head), bytes]));
        const answered =
          r.framing === 'lying-length' && r.method === 'POST' && r.secret === SECRET
            ? await Promise.race([
                readAnswer(socket),
                new Promise<null>((ok) => setTimeout(() => ok(null), 30)),
              ])
            : await readAnswer(socket);
        socket.destroy();
        if (answered === null) return; // waiting for the 50 bytes promised: fine, and cut above
        expect(ALLOWED).toContain(answered.status);
        if (answered.status !== 200) expect(handled).toBe(before);
        expect(errors.slice(errorsBefore).filter(([, i]) => i.source === 'webhook')).toEqual([]);
      }),
      fuzzParams(200),
    );
    // Still serving after everything above.
    const socket = await rawConnect(port);
    const good = JSON.stringify({ update_id: 1, message: textMessage('ok') });
    socket.write(
      requestHead('/', {
        'x-telegram-bot-api-secret-token': SECRET,
        'content-type': 'application/json',
        'content-length': good.length,
      }) + good,
    );
    expect((await readAnswer(socket)).status).toBe(200);
    socket.destroy();
  });

  it('fetchWebhookHandler answers each with a 2xx/4xx status', async () => {
    const handle = fetchWebhookHandler(bot, options);
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {};
        if (r.secret !== '') headers['x-telegram-bot-api-secret-token'] = r.secret;
        if (r.type !== undefined) headers['content-type'] = r.type;
        const withBody = r.method !== 'GET';
        const res = await handle(
          new Request('http://localhost/', {
            method: r.method,
            headers,
            ...(withBody ? { body: r.body } : {}),
          }),
        );
        expect(ALLOWED).toContain(res.status);
      }),
      fuzzParams(200),
    );
  });
});
