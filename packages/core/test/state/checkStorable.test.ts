import { StateSerializationError } from 'delegram';
import { describe, expect, it } from 'vitest';
import { checkStorable } from '../../src/state/checkStorable.js';

function refusal(value: unknown): StateSerializationError {
  try {
    checkStorable(value);
  } catch (error) {
    if (error instanceof StateSerializationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkStorable', () => {
  it('accepts plain JSON data, null-prototype objects and undefined properties', () => {
    const shared = { n: 1 };
    expect(() =>
      checkStorable({
        a: 1,
        b: 'x',
        c: [true, null, { d: -0.5 }],
        e: undefined,
        f: Object.assign(Object.create(null) as object, { g: 2 }),
        h: [shared, shared],
      }),
    ).not.toThrow();
  });

  it.each([
    [{ a: () => 1 }, 'state.a', 'function'],
    [{ a: [1, Symbol('s')] }, 'state.a[1]', 'symbol'],
    [{ big: 10n }, 'state.big', 'BigInt'],
    [{ when: new Date(0) }, 'state.when', 'getTime'],
    [{ m: new Map() }, 'state.m', 'Object.fromEntries'],
    [{ s: new Set([1]) }, 'state.s', '[...set]'],
    [{ list: [1, undefined] }, 'state.list[1]', 'null'],
    [{ n: Number.NaN }, 'state.n', 'NaN'],
    [{ n: [Infinity] }, 'state.n[0]', 'Infinity'],
    [{ 'odd key': { x: new (class Point {})() } }, 'state["odd key"].x', 'a Point'],
  ])('refuses %o at %s', (value, path, words) => {
    const error = refusal(value);
    expect(error.path).toBe(path);
    expect(error.message).toContain(words);
  });

  it('refuses a cycle, naming where it closes', () => {
    const a: Record<string, unknown> = { b: { c: {} } };
    (a['b'] as Record<string, Record<string, unknown>>)['c']!['back'] = a;
    expect(refusal(a).path).toBe('state.b.c.back');
  });

  it('refuses undefined as a whole state', () => {
    expect(refusal(undefined).path).toBe('state');
  });
});
