import { ManualClock } from '@delegram/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../src/Bot.js';
import type { ErrorInfo } from '../src/BotEvents.js';
import { MessageLoop } from '../src/MessageLoop.js';
import { anyJson, fuzzParams } from '../../api/test/support/fuzz.js';
import { msg, pumpUntil } from './support/loopKit.js';
import { okAnswer, ScriptedTelegram } from './support/ScriptedTelegram.js';
import type { ScriptedAnswer } from './support/ScriptedTelegram.js';

const TOKEN = '123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

let server: ScriptedTelegram;
let apiRoot: string;
beforeAll(async () => {
  server = new ScriptedTelegram();
  apiRoot = await server.start();
});
afterAll(() => server.stop());

/** An update-ish value: right, wrong at some depth, or anything at all. */
const updateShape = fc.oneof(
  anyJson(),
  fc.record({ update_id: fc.oneof(anyJson(), fc.double(), fc.integer()), message: anyJson() }),
  fc.record({ update_id: fc.nat(1000), callback_query: anyJson() }),
  fc.record({ update_id: fc.nat(1000), message: fc.record({ chat: anyJson(), text: anyJson() }) }),
  fc.dictionary(fc.string({ maxLength: 12 }), anyJson(), { maxKeys: 3 }),
);

/** A getUpdates answer a broken or hostile server may send, short of a 4xx (which stops). */
const badAnswer: fc.Arbitrary<ScriptedAnswer> = fc.oneof(
  anyJson().map(okAnswer),
  fc.array(updateShape, { maxLength: 5 }).map(okAnswer),
  anyJson().map((v) => ({ status: 200, body: JSON.stringify(v) })),
  fc.tuple(fc.array(updateShape, { maxLength: 3 }), fc.nat(80)).map(([u, cut]) => ({
    status: 200,
    body: JSON.stringify({ ok: true, result: u }).slice(0, cut),
  })),
  fc.string({ maxLength: 50 }).map((body) => ({ status: 502, body })),
  fc.constantFrom(500, 503).map((status) => ({
    status,
    body: JSON.stringify({ ok: false, error_code: status, description: 'oops' }),
  })),
);

describe('MessageLoop against getUpdates answers of every shape (property)', () => {
  it('keeps running, reports each bad answer, and then handles the next good batch', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(badAnswer, { minLength: 1, maxLength: 4 }), async (answers) => {
        server.requests.length = 0;
        const clock = new ManualClock(1_700_000_000_000);
        const bot = new Bot(TOKEN, { clock, api: { apiRoot } });
        const errors: ErrorInfo[] = [];
        bot.on('error', (_e, info) => errors.push(info));
        server.answer(...answers, okAnswer([{ update_id: 5000, ...msg('last') }]));
        const seen: unknown[] = [];
        const loop = new MessageLoop(
          bot,
          (_m, incoming) => {
            if (incoming.update?.update_id === 5000) seen.push(incoming.update);
          },
          { timeout: 1, backoff: { initialMs: 10, maxMs: 20, random: () => 0 } },
        );
        let failure: unknown;
        const running = loop.run().catch((e: unknown) => (failure = e));
        await Promise.race([running, pumpUntil(clock, () => seen.length > 0, 50)]);
        await loop.stop();
        await running;
        expect(failure).toBeUndefined();
        expect(seen).toHaveLength(1);
        expect(errors.every((i) => i.outcome === 'retry' || i.outcome === 'continue')).toBe(true);
        expect(server.pending).toBe(0);
      }),
      fuzzParams(40),
    );
  });
});
