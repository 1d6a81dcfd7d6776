// The benchmark's verification must catch a framework that breaks per-chat order, loses a reply or
// answers twice, and every dispatch adapter must pass it on a small workload: otherwise the
// figures in docs/benchmarks.md would compare frameworks doing different work.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { HANDLER } from '../src/dispatch/handler.mjs';
import { flowLedger } from '../src/flow/ledger.mjs';
import { targetsOf } from '../src/lib/report.mjs';
import { stubTelegram } from '../src/lib/stubTelegram.mjs';
import { startStubServer } from '../src/stub/stubServer.mjs';
import { keyedChain, tracker } from '../src/lib/track.mjs';
import { chatIdOf, makeUpdates } from '../src/lib/updates.mjs';

// Every module of adapters/ that exports an adapter (grammyBot.mjs is a helper of two of them).
const ADAPTER_DIR = new URL('../src/dispatch/adapters/', import.meta.url);
const ADAPTERS = (
  await Promise.all(
    readdirSync(ADAPTER_DIR).map(async (file) => [
      file.replace(/\.mjs$/, ''),
      (await import(new URL(file, ADAPTER_DIR).href)).adapter,
    ]),
  )
).filter(([, adapter]) => adapter !== undefined);

const N = 3_000;
const K = 60;

/** Feeds every update at once, then waits for the adapter to drain, and verifies. */
async function burst(adapter) {
  const { updates, perChat } = makeUpdates(N, K, 7);
  const env = stubTelegram(K);
  const inst = await adapter.setup(HANDLER, env);
  for (const update of updates) {
    env.stats.fed += 1;
    inst.feed(update);
  }
  await inst.drain();
  const verify = env.verify(perChat, inst.count);
  await inst.close?.();
  return verify;
}

/** A per-chat counter with no ordering at all: replies of one chat overlap. */
const unordered = {
  async setup(handler, env) {
    const state = new Map();
    const t = tracker((e) => env.error(e));
    return {
      feed(update) {
        const chat = update.message.chat.id;
        const s = state.get(chat) ?? handler.initial();
        state.set(chat, s);
        t.track(
          (async () => {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
            await env.callApi('sendMessage', { chat_id: chat, text: handler.onText(s) });
          })(),
        );
      },
      drain: () => t.drained(),
      count: (id) => state.get(id)?.count,
    };
  },
};

describe('bench verification', () => {
  it('accepts replies 1..n per chat, one at a time', async () => {
    const env = stubTelegram(2);
    for (const text of ['1', '2', '3'])
      await env.callApi('sendMessage', { chat_id: chatIdOf(0), text });
    await env.callApi('sendMessage', { chat_id: chatIdOf(1), text: '1' });
    const verify = env.verify(Int32Array.of(3, 1), (id) => (id === chatIdOf(0) ? 3 : 1));
    expect(verify).toMatchObject({ ok: true, missing: 0, overlaps: 0, seqErrors: 0 });
  });

  it('flags a reply out of order, a missing reply, a wrong stored count and an unknown chat', async () => {
    const env = stubTelegram(2);
    await env.callApi('sendMessage', { chat_id: chatIdOf(0), text: '2' });
    await expect(env.callApi('sendMessage', { chat_id: 1, text: '1' })).rejects.toThrow(
      /unknown chat/,
    );
    const verify = env.verify(Int32Array.of(1, 1), () => 5);
    expect(verify.ok).toBe(false);
    expect(verify).toMatchObject({ seqErrors: 1, missing: 1, stateMismatch: 2 });
  });

  it('flags two replies of one chat in flight at once', async () => {
    const env = stubTelegram(1);
    await Promise.all([
      env.callApi('sendMessage', { chat_id: chatIdOf(0), text: '1' }),
      env.callApi('sendMessage', { chat_id: chatIdOf(0), text: '2' }),
    ]);
    const verify = env.verify(Int32Array.of(2));
    expect(verify).toMatchObject({ ok: false, sequential: false, overlaps: 1 });
  });

  it('fails a framework that does not keep per-chat order', async () => {
    const verify = await burst(unordered);
    expect(verify.ok).toBe(false);
    expect(verify.overlaps + verify.seqErrors).toBeGreaterThan(0);
  });

  it('runs a keyed chain one at a time per key and forgets idle keys', async () => {
    const chain = keyedChain();
    const log = [];
    const step = (key, i) => async () => {
      log.push(`${key}${i}+`);
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`${key}${i}-`);
    };
    await Promise.all([
      chain.run('a', step('a', 1)),
      chain.run('a', step('a', 2)),
      chain.run('b', step('b', 1)),
    ]);
    expect(log.indexOf('a1-')).toBeLessThan(log.indexOf('a2+'));
    expect(log.indexOf('b1+')).toBeLessThan(log.indexOf('a1-'));
  });

  for (const [name, adapter] of ADAPTERS) {
    it(`passes the ${name} dispatch adapter: every chat's replies in order, counters stored`, async () => {
      const verify = await burst(adapter);
      expect(verify).toMatchObject({ ok: true, replied: N, overlaps: 0, seqErrors: 0, errors: 0 });
    });
  }

  it('finds the dispatch adapters', () => {
    expect(ADAPTERS.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'bare-idle',
        'delegram',
        'delegram-loop',
        'grammy',
        'grammy-runner',
        'telegraf',
      ]),
    );
  });
});

describe('flow ledger', () => {
  const make = () => {
    let t = 0;
    const ledger = flowLedger({
      audience: [101, 102, 103],
      talkers: [7, 8],
      newsletter: 'News',
      now: () => (t += 10),
    });
    return ledger;
  };

  it('accepts one newsletter per chat and every reply in sequence', () => {
    const ledger = make();
    for (const id of [101, 102, 103]) ledger.seen(id, 'News');
    for (const id of [7, 8]) {
      const a = ledger.sent(id);
      const b = ledger.sent(id);
      ledger.seen(id, `reply ${a}`);
      ledger.seen(id, `reply ${b}`);
    }
    expect(ledger.pending()).toBe(0);
    const r = ledger.result();
    expect(r.newsletters).toMatchObject({ delivered: 3, missing: 0, duplicates: 0, wrongText: 0 });
    expect(r.replies).toMatchObject({ sent: 4, answered: 4, missing: 0, duplicates: 0 });
    expect(r.replies.outOfOrder).toBe(0);
    expect(r.stray).toBe(0);
    expect(r.replies.p50).toBe(20);
  });

  it('flags a missing and a doubled newsletter, replies out of sequence, doubled or missing, and strays', () => {
    const ledger = make();
    ledger.seen(101, 'News');
    ledger.seen(101, 'News');
    ledger.seen(102, 'Other text');
    for (let i = 0; i < 3; i++) ledger.sent(7);
    ledger.seen(7, 'reply 2');
    ledger.seen(7, 'reply 1');
    ledger.seen(7, 'reply 1');
    ledger.sent(8);
    ledger.seen(8, 'reply 5');
    ledger.seen(999, 'reply 1');
    const r = ledger.result();
    expect(r.newsletters).toMatchObject({ delivered: 1, missing: 2, duplicates: 1, wrongText: 1 });
    expect(r.replies).toMatchObject({ sent: 4, answered: 2, missing: 2, duplicates: 1 });
    expect(r.replies.outOfOrder).toBe(1);
    expect(r.stray).toBe(2);
    expect(ledger.pending()).toBe(2);
  });
});

describe('bench targets', () => {
  const latest = JSON.parse(
    readFileSync(new URL('../results/latest.json', import.meta.url), 'utf8'),
  );
  const withDispatch = (delegram, runner) => {
    const copy = structuredClone(latest);
    copy.results.dispatch.find((r) => r.name === 'delegram').modes.window.ups.median = delegram;
    copy.results.dispatch.find((r) => r.name === 'grammy-runner').modes.window.ups.median = runner;
    return targetsOf(copy.results).find((t) => t.scenario === 'dispatch');
  };

  it('meets the dispatch target at 1.5× grammY + runner and misses it below', () => {
    expect(withDispatch(150_000, 100_000)).toMatchObject({ met: true });
    const missed = withDispatch(140_000, 100_000);
    expect(missed).toMatchObject({ met: false, miss: '7% short of 1.5×' });
  });

  const flowRow = (name, over = {}) => ({
    row: name,
    name,
    rounds: 3,
    botPerSecond: 300,
    aloneMinimumMs: 33_333,
    refused: { median: 0, min: 0, max: 0 },
    completionMs: { median: 204_000, min: 203_000, max: 206_000 },
    minimumMs: { median: 200_000, min: 199_000, max: 201_000 },
    ratio: { median: 1.02, min: 1.01, max: 1.03 },
    aloneRatio: { median: 6.1, min: 6.1, max: 6.2 },
    p50: { median: 4, min: 3, max: 5 },
    p99: { median: 90, min: 80, max: 120 },
    newsletters: { missing: 0, duplicates: 0, wrongText: 0 },
    replies: { outOfOrder: 0, missing: 0, duplicates: 0 },
    ...over,
  });
  const flowTargets = (delegram) =>
    targetsOf({
      flow: [delegram, flowRow('grammy', { refused: { median: 40, min: 30, max: 50 } })],
    })
      .filter((t) => t.scenario === 'flow')
      .map((t) => t.met);

  it('judges the flow targets on the delegram row: 429s, completion within 5%, order', () => {
    expect(flowTargets(flowRow('delegram'))).toEqual([true, true, true]);
    expect(flowTargets(flowRow('delegram', { refused: { median: 0, min: 0, max: 2 } }))).toEqual([
      false,
      true,
      true,
    ]);
    const slow = flowRow('delegram', { ratio: { median: 1.06, min: 1.05, max: 1.08 } });
    expect(flowTargets(slow)).toEqual([true, false, true]);
    const doubled = flowRow('delegram', {
      newsletters: { missing: 0, duplicates: 1, wrongText: 0 },
    });
    expect(flowTargets(doubled)).toEqual([true, true, false]);
    const unordered = flowRow('delegram', {
      replies: { outOfOrder: 1, missing: 0, duplicates: 0 },
    });
    expect(flowTargets(unordered)).toEqual([true, true, false]);
  });

  const stubRow = (name, over = {}) => ({
    row: name,
    name,
    rounds: 3,
    mps: { median: 3000, min: 2900, max: 3100 },
    botCpuUsPerMessage: { median: 300, min: 290, max: 310 },
    redownloadsPerMessage: { median: 0, min: 0, max: 0 },
    ...over,
  });
  const stubTargets = (inbox, onReceipt = 6000) =>
    targetsOf({
      stub: [
        stubRow('bare', { botCpuUsPerMessage: { median: 200, min: 200, max: 200 } }),
        stubRow('telegraf', { mps: { median: 2000, min: 2000, max: 2000 } }),
        stubRow('grammy-runner', { mps: { median: 2000, min: 2000, max: 2000 } }),
        stubRow('delegram', { redownloadsPerMessage: { median: 0.8, min: 0.7, max: 0.9 } }),
        stubRow('delegram-on-receipt', { mps: { median: onReceipt, min: 0, max: 0 } }),
        stubRow('delegram-inbox', inbox),
      ],
    })
      .filter((t) => t.scenario === 'stub')
      .map((t) => t.met);

  it('judges the stub targets on the delegram-inbox row', () => {
    const fast = { mps: { median: 3000, min: 3000, max: 3000 } };
    expect(stubTargets(fast)).toEqual([true, true, true, true, true]);
    // 1.45× grammY + runner; and behind on-receipt
    expect(stubTargets({ mps: { median: 2900, min: 0, max: 0 } }, 2800)).toEqual([
      false,
      true,
      true,
      false,
      true,
    ]);
    // more CPU per message than Telegraf (300 µs) and over 1.6× bare (320 µs)
    const heavy = { ...fast, botCpuUsPerMessage: { median: 330, min: 0, max: 0 } };
    expect(stubTargets(heavy)).toEqual([true, false, true, true, false]);
    const repeats = { ...fast, redownloadsPerMessage: { median: 0.06, min: 0, max: 0 } };
    expect(stubTargets(repeats)).toEqual([true, true, false, true, true]);
  });

  it('reports the stub targets as not measured when the delegram-inbox row failed', () => {
    const list = targetsOf({
      stub: [stubRow('grammy-runner'), { row: 'delegram-inbox', failed: true, code: 1 }],
    });
    expect(list).toHaveLength(5);
    expect(list.every((t) => t.met === null)).toBe(true);
  });

  it('reports every target of the issue for the committed run', () => {
    const names = targetsOf(latest.results).map((t) => t.name);
    // dispatch, delegates (2), e2e, state (2), flow (3); the e2e inbox target once the committed
    // run has that row; and stub (5) once it has the stub scenario
    const inboxRow = (latest.results.e2e ?? []).some((r) => r.name === 'delegram-inbox');
    expect(names).toHaveLength(9 + (inboxRow ? 1 : 0) + (latest.results.stub?.length ? 5 : 0));
    expect(targetsOf(latest.results).every((t) => typeof t.met === 'boolean')).toBe(true);
  });
});

describe('stub Bot API server', () => {
  const call = async (stub, method, body) => {
    const res = await fetch(`${stub.apiRoot}/bot${stub.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    return res.json();
  };
  const texts = (answer) => answer.result.map((u) => u.message.text);

  it('hands out unconfirmed updates again and counts them, until an offset confirms them', async () => {
    const stub = await startStubServer({ chats: 2, perChat: 3 });
    try {
      stub.start();
      const first = await call(stub, 'getUpdates', { limit: 3 });
      expect(texts(first)).toEqual(['m1', 'm2', 'm1']);
      const again = await call(stub, 'getUpdates', {});
      expect(again.result).toHaveLength(4);
      const next = again.result[1].update_id + 1;
      const later = await call(stub, 'getUpdates', { offset: next });
      expect(later.result.map((u) => u.update_id)[0]).toBe(next);
      expect(stub.result().repeats).toBe(3 + 2);
    } finally {
      await stub.close();
    }
  });

  it('checks each reply against the next number of its chat, then sends the next message', async () => {
    const stub = await startStubServer({ chats: 1, perChat: 3, inFlight: 1 });
    try {
      stub.start();
      const [u] = (await call(stub, 'getUpdates', {})).result;
      const sent = await call(stub, 'sendMessage', { chat_id: u.message.chat.id, text: '1' });
      expect(sent.result).toMatchObject({ chat: { id: u.message.chat.id }, text: '1' });
      const { result } = await call(stub, 'getUpdates', { offset: u.update_id + 1 });
      expect(texts({ result })).toEqual(['m2']);
      await call(stub, 'sendMessage', { chat_id: u.message.chat.id, text: '3' });
      expect(stub.result()).toMatchObject({ bad: 1, ok: false });
      const unknown = await call(stub, 'sendMessage', { chat_id: 42, text: '1' });
      expect(unknown).toMatchObject({ ok: false, error_code: 400 });
      expect(stub.result().stray).toBe(1);
    } finally {
      await stub.close();
    }
  });

  it('holds a long poll until an update comes, and answers an unknown method 404', async () => {
    const stub = await startStubServer({ chats: 1, perChat: 1 });
    try {
      const poll = call(stub, 'getUpdates', { timeout: 30 });
      await vi.waitFor(() => expect(stub.heldPolls).toBe(1));
      stub.start();
      expect(texts(await poll)).toEqual(['m1']);
      expect(await call(stub, 'sendPhoto', {})).toEqual({
        ok: false,
        error_code: 404,
        description: 'Not Found: method not found',
      });
    } finally {
      await stub.close();
    }
  });
});
