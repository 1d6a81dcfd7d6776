import { describe, expect, it, vi } from 'vitest';
import { NoHandlerError } from '../../src/routing/NoHandlerError.js';
import { Router } from '../../src/routing/Router.js';
import { defaultRoute, noMatch } from '../../src/routing/routeKeys.js';

type Msg = { text?: string; kind?: string };

describe('Router', () => {
  it('calls the entry for a plain key with the message', () => {
    const hello = vi.fn(() => 'said hello');
    const router = new Router((m: Msg) => m.text, { hello });
    expect(router.route({ text: 'hello' })).toBe('said hello');
    expect(hello).toHaveBeenCalledWith({ text: 'hello' });
  });

  it('reads [key], [key, args] and [key, args, kwargs] results', () => {
    const calls: unknown[][] = [];
    const entry = (...a: unknown[]): void => void calls.push(a);
    const msg = { text: 'x' };
    new Router(() => ['a'] as const, { a: entry }).route(msg);
    new Router(() => ['a', [1, 2]] as const, { a: entry }).route(msg);
    new Router(() => ['a', [1], { k: true }] as const, { a: entry }).route(msg);
    expect(calls).toEqual([[msg], [msg, 1, 2], [msg, 1, { k: true }]]);
  });

  it('passes the extra route arguments after the key arguments', () => {
    const entry = vi.fn();
    new Router(() => ['a', [1]] as const, { a: entry }).route({}, 'incoming');
    expect(entry).toHaveBeenCalledWith({}, 1, 'incoming');
  });

  it('falls back to the default entry, and null keys go to it directly', () => {
    const fallback = vi.fn(() => 'default');
    const router = new Router((m: Msg) => m.text ?? null, {
      a: () => 'a',
      [defaultRoute]: fallback,
    });
    expect(router.route({ text: 'zzz' })).toBe('default');
    expect(router.route({})).toBe('default');
    expect(fallback).toHaveBeenCalledTimes(2);
  });

  it('keeps the no-match key apart from the default', () => {
    const router = new Router((m: Msg) => (m.text === undefined ? [noMatch] : m.text), {
      [noMatch]: () => 'not text',
      [defaultRoute]: () => 'unknown text',
    });
    expect(router.route({})).toBe('not text');
    expect(router.route({ text: 'what' })).toBe('unknown text');
  });

  it('throws NoHandlerError naming the key when nothing matches', () => {
    const router = new Router((m: Msg) => m.text, { a: () => 1 });
    expect(() => router.route({ text: 'b' })).toThrow(NoHandlerError);
    expect(() => router.route({ text: 'b' })).toThrow(/No handler for key: b/);
  });

  it('never mistakes Object.prototype members for entries', () => {
    const router = new Router((m: Msg) => m.text, { [defaultRoute]: () => 'default' });
    expect(router.route({ text: 'constructor' })).toBe('default');
    expect(router.route({ text: 'toString' })).toBe('default');
  });

  it('looks numbers up by their string form, and any key in a Map', () => {
    const key = { id: 1 };
    expect(new Router(() => 42, { '42': () => 'n' }).route({})).toBe('n');
    const table = new Map<unknown, () => string>([[true, () => 'yes']]);
    expect(new Router(() => true, table as never).route(key)).toBe('yes');
  });

  it('returns the promise of an async handler so callers can await it', async () => {
    const order: string[] = [];
    const router = new Router(() => 'a', {
      a: async () => {
        await Promise.resolve();
        order.push('handled');
        return 'done';
      },
    });
    const result = router.route({});
    order.push('returned');
    await expect(result).resolves.toBe('done');
    expect(order).toEqual(['returned', 'handled']);
  });

  it('nests routers: a router is an entry, and its route can be handed around unbound', () => {
    const inner = new Router((m: Msg) => m.text, {
      hi: (_m: Msg, extra: unknown) => `hi ${String(extra)}`,
    });
    const outer = new Router((m: Msg) => m.kind, { chat: inner, alt: inner.route });
    expect(outer.route({ kind: 'chat', text: 'hi' }, 'there')).toBe('hi there');
    expect(outer.route({ kind: 'alt', text: 'hi' }, 'again')).toBe('hi again');
  });

  it('maps a message to its entry without calling it', () => {
    const a = vi.fn();
    const router = new Router((m: Msg) => m.text, { a });
    expect(router.map({ text: 'a' })).toBe(a);
    expect(a).not.toHaveBeenCalled();
  });

  it('uses a replaced key function or table at once', () => {
    const router = new Router((m: Msg) => m.text, { a: () => 1 });
    router.routingTable = { a: () => 2 };
    expect(router.route({ text: 'a' })).toBe(2);
  });

  it('rejects malformed key results with advice', () => {
    const router = new Router(() => [] as unknown as string, { a: () => 1 });
    expect(() => router.route({})).toThrow(/\[key\], \[key, args\] or \[key, args, kwargs\]/);
  });
});
