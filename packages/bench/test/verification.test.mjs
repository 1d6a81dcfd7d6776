// The benchmark's verification must catch a framework that breaks per-chat order, loses a reply or
// answers twice, and every dispatch adapter must pass it on a small workload: otherwise the
// figures in docs/benchmarks.md would compare frameworks doing different work.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HANDLER } from '../src/dispatch/handler.mjs';
import { targetsOf } from '../src/lib/report.mjs';
import { stubTelegram } from '../src/lib/stubTelegram.mjs';
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

  it('reports every target of the issue for the committed run', () => {
    const names = targetsOf(latest.results).map((t) => t.name);
    expect(names).toHaveLength(4);
    expect(targetsOf(latest.results).every((t) => typeof t.met === 'boolean')).toBe(true);
  });
});
