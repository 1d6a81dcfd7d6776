import createDebug from 'debug';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Api } from '../src/Api.js';
import { ManualClock } from '../src/clock.js';
import { startBotServer } from './support/botServer.js';
import type { BotServer } from './support/botServer.js';
import { anyJson, fuzzParams } from './support/fuzz.js';
import { errorTexts, leaks, tokenForms } from './support/tokenForms.js';

const TOKEN = '987654:SECRETsecret_token-value_9876543210zz';

/** What the server answers next: status, headers and body as raw text. */
let next: { status: number; type: string; body: string } = { status: 200, type: 'x', body: '' };
let server: BotServer;
beforeAll(async () => {
  server = await startBotServer((_, res) => {
    res.writeHead(next.status, { 'content-type': next.type });
    res.end(next.body);
  });
});
afterAll(() => server.close());

/** Some text from a hostile server, with the token somewhere in some encoding, or not. */
const echo = fc.oneof(
  fc.constantFrom(...Object.values(tokenForms(TOKEN))),
  fc.constant('/bot<token>/getMe'),
  fc.string({ maxLength: 40 }),
);
const text = fc
  .tuple(fc.string({ maxLength: 30 }), echo, fc.string({ maxLength: 30 }))
  .map((p) => p.join(''));

/** Every shape of answer: error envelopes, broken envelopes, arbitrary JSON, truncated JSON, HTML. */
const answer = fc.oneof(
  fc
    .record({
      ok: fc.constant(false),
      error_code: fc.oneof(fc.constantFrom(400, 401, 403, 404, 409, 429, 500, 502), fc.integer()),
      description: text,
      parameters: fc.option(fc.record({ retry_after: fc.oneof(fc.nat(), anyJson()) }), {
        nil: undefined,
      }),
    })
    .map((e) => JSON.stringify(e)),
  fc
    .record({ ok: anyJson(), error_code: anyJson(), description: fc.oneof(text, anyJson()) })
    .map((e) => JSON.stringify(e)),
  anyJson().map((v) => JSON.stringify(v)),
  fc
    .tuple(text, fc.nat(60))
    .map(([t, cut]) =>
      JSON.stringify({ ok: false, error_code: 400, description: t }).slice(0, cut),
    ),
  text.map((t) => `<html><body>502 Bad Gateway ${t}</body></html>`),
);

describe('Api against answers of every shape (property)', () => {
  it('never shows the token in any error form or debug line', async () => {
    const lines: string[] = [];
    const previousLog = createDebug.log;
    const previous = createDebug.disable();
    createDebug.enable('delegram:*');
    createDebug.log = (...args: unknown[]) => lines.push(args.map((a) => String(a)).join(' '));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 200, max: 599 }),
          fc.constantFrom('application/json', 'text/html', 'text/plain'),
          answer,
          fc.constantFrom('getMe', 'sendMessage', 'getUpdates'),
          async (status, type, body, method) => {
            next = { status, type, body };
            lines.length = 0;
            const api = new Api(TOKEN, { apiRoot: server.apiRoot, clock: new ManualClock() });
            const call = (api.call as (m: string, p: unknown) => Promise<unknown>).bind(api);
            const outcome = await call(method, { chat_id: 1, text: 'x' }).then(
              (result) => ({ result }),
              (error: unknown) => ({ error }),
            );
            const texts = 'error' in outcome ? errorTexts(outcome.error) : [];
            for (const t of [...texts, ...lines]) expect(leaks(t, TOKEN), t).toBe(false);
          },
        ),
        fuzzParams(150),
      );
    } finally {
      createDebug.log = previousLog;
      createDebug.disable();
      if (previous !== '') createDebug.enable(previous);
    }
  });
});
