import { inspect } from 'node:util';

import createDebug from 'debug';
import { afterEach, describe, expect, it } from 'vitest';

import { Api } from '../src/Api.js';
import { TelegramError } from '../src/TelegramError.js';
import { fail, startBotServer } from './support/botServer.js';
import type { BotServer } from './support/botServer.js';
import { errorTexts, leaks, tokenForms } from './support/tokenForms.js';

const TOKEN = '987654:SECRETsecret_token-value_9876543210zz';

let server: BotServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Collects `delegram:*` debug lines while `run` runs. */
async function withDebugLines<T>(run: (lines: string[]) => Promise<T>): Promise<T> {
  const lines: string[] = [];
  const previousLog = createDebug.log;
  const previous = createDebug.disable();
  createDebug.enable('delegram:*');
  createDebug.log = (...args: unknown[]) => lines.push(args.map((a) => String(a)).join(' '));
  try {
    return await run(lines);
  } finally {
    createDebug.log = previousLog;
    createDebug.disable();
    if (previous !== '') createDebug.enable(previous);
  }
}

describe('Api token redaction of server texts', () => {
  it.each(Object.entries(tokenForms(TOKEN)))(
    'keeps the token out of an error whose description echoes it (%s)',
    async (_form, echoed) => {
      await withDebugLines(async (lines) => {
        server = await startBotServer((_, res) =>
          fail(res, 400, `Bad Request: no route ${echoed}`),
        );
        const api = new Api(TOKEN, { apiRoot: server.apiRoot });
        const error = await api.getMe().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(TelegramError);
        expect((error as TelegramError).description).toContain('Bad Request: no route');
        for (const text of [...errorTexts(error), ...lines]) expect(leaks(text, TOKEN)).toBe(false);
        expect(
          lines.some((line) => line.includes('failed in')),
          lines.join('\n'),
        ).toBe(true);
      });
    },
  );

  it('redacts a percent-encoded echo to <token>', async () => {
    server = await startBotServer((r, res) => fail(res, 404, `Not Found: ${r.path}`));
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    const error = (await api.getMe().catch((e: unknown) => e)) as TelegramError;
    expect(error.description).toBe('Not Found: /bot<token>/getMe');
  });
});

describe('Api serialisation', () => {
  it('never shows the token in JSON.stringify or util.inspect', () => {
    const api = new Api(TOKEN, { apiRoot: 'http://127.0.0.1:9' });
    const json = JSON.stringify(api);
    expect(JSON.parse(json)).toEqual({ apiRoot: 'http://127.0.0.1:9', testEnvironment: false });
    const shown = [
      json,
      inspect(api, { depth: 10, showHidden: true }),
      JSON.stringify({ nested: { api } }),
      inspect({ nested: { api } }, { depth: 10 }),
      `${inspect(api)}`,
    ];
    for (const text of shown) expect(leaks(text, TOKEN)).toBe(false);
  });
});
