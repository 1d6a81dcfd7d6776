import { inspect } from 'node:util';

import { ManualClock } from '@delegram/api';
import createDebug from 'debug';
import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from '../src/Bot.js';
import type { ErrorInfo } from '../src/BotEvents.js';
import { InvalidTokenError, MalformedBatchError } from '../src/errors.js';
import { MessageLoop } from '../src/MessageLoop.js';
import { msg, pumpUntil } from './support/loopKit.js';
import { okAnswer, ScriptedTelegram } from './support/ScriptedTelegram.js';
import { errorTexts, leaks, tokenForms } from '../../api/test/support/tokenForms.js';

// A hostile or broken Bot API server (a proxy, a local server with a bug) over real loopback HTTP.

const TOKEN = '123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

let server: ScriptedTelegram | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function setup(): Promise<{
  server: ScriptedTelegram;
  clock: ManualClock;
  bot: Bot;
  errors: [unknown, ErrorInfo][];
}> {
  server = new ScriptedTelegram();
  const apiRoot = await server.start();
  const clock = new ManualClock(1_700_000_000_000);
  const bot = new Bot(TOKEN, { clock, api: { apiRoot } });
  const errors: [unknown, ErrorInfo][] = [];
  bot.on('error', (error, info) => errors.push([error, info]));
  return { server, clock, bot, errors };
}

describe('MessageLoop against a broken getUpdates', () => {
  it('reports an ok answer whose result is not a list of updates and retries it with back-off', async () => {
    const { server, clock, bot, errors } = await setup();
    const results: unknown[] = [null, {}, 5, 'updates', true, { length: 1, 0: { update_id: 1 } }];
    const kinds = ['null', 'an object', 'a number', 'a string', 'a boolean', 'an object'];
    server.answer(...results.map(okAnswer), okAnswer([{ update_id: 7, ...msg('hi') }]));
    const seen: number[] = [];
    const loop = new MessageLoop(
      bot,
      (_m, incoming) => void seen.push(incoming.update!.update_id),
      {
        timeout: 1,
        backoff: { initialMs: 100, maxMs: 400, random: () => 0.5 },
      },
    );
    const running = loop.run();
    await Promise.race([running, pumpUntil(clock, () => seen.length === 1, 50)]);
    await loop.stop();
    await running;
    expect(seen).toEqual([7]);
    expect(errors).toHaveLength(results.length);
    errors.forEach(([error, info], i) => {
      expect(error).toBeInstanceOf(MalformedBatchError);
      expect((error as MalformedBatchError).received).toBe(kinds[i]);
      expect(info).toMatchObject({ source: 'loop', outcome: 'retry' });
    });
    // the usual back-off: 75, 150, 300, 300, ... (equal jitter at random 0.5, capped at 400)
    expect(errors.map(([, info]) => info.retryInMs)).toEqual([75, 150, 300, 300, 300, 300]);
    expect(loop.stats.retries).toBe(results.length);
    // every poll asked for the same offset until the batch came: nothing was skipped
    const offsets = server.requests
      .filter((r) => r.method === 'getUpdates')
      .map((r) => r.params['offset']);
    expect(offsets.slice(0, results.length + 1).every((o) => o === undefined)).toBe(true);
    expect(server.requests.at(-1)!.params).toMatchObject({ offset: 8 });
  });

  it('survives a non-list answer while dropping pending updates at start', async () => {
    const { server, clock, bot, errors } = await setup();
    server.answer(
      okAnswer(null),
      okAnswer([{ update_id: 3 }]),
      okAnswer([{ update_id: 4, ...msg('x') }]),
    );
    const seen: number[] = [];
    const loop = new MessageLoop(
      bot,
      (_m, incoming) => void seen.push(incoming.update!.update_id),
      {
        timeout: 1,
        dropPendingUpdates: true,
        backoff: { initialMs: 10, random: () => 0 },
      },
    );
    const running = loop.run();
    await Promise.race([running, pumpUntil(clock, () => seen.length === 1, 50)]);
    await loop.stop();
    await running;
    expect(seen).toEqual([4]);
    expect(errors.map(([e]) => (e as Error).name)).toEqual(['MalformedBatchError']);
  });
});

describe('MessageLoop against a server that echoes the token', () => {
  it.each(Object.entries(tokenForms(TOKEN)))(
    'keeps it out of InvalidTokenError, its cause, the error event and debug lines (%s)',
    async (_form, echoed) => {
      const lines: string[] = [];
      const previousLog = createDebug.log;
      const previous = createDebug.disable();
      createDebug.enable('delegram:*');
      createDebug.log = (...args: unknown[]) => lines.push(args.map((a) => inspect(a)).join(' '));
      try {
        const { server, bot, errors } = await setup();
        server.answer({
          status: 401,
          body: JSON.stringify({
            ok: false,
            error_code: 401,
            description: `Unauthorized: ${echoed}`,
          }),
        });
        const loop = new MessageLoop(bot, () => undefined, { timeout: 0 });
        const failure = await loop.run().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(failure).toBeInstanceOf(InvalidTokenError);
        expect(errors).toHaveLength(1);
        const texts = [...errorTexts(failure), ...errors.flatMap(([e]) => errorTexts(e)), ...lines];
        texts.push(JSON.stringify(bot), inspect(bot, { depth: 6 }));
        for (const text of texts) expect(leaks(text, TOKEN), text).toBe(false);
      } finally {
        createDebug.log = previousLog;
        createDebug.disable();
        if (previous !== '') createDebug.enable(previous);
      }
    },
  );
});
