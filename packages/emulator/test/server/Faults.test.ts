import { describe, expect, it } from 'vitest';
import { Faults } from '../../src/server/Faults.js';

function firings(faults: Faults, calls: number): number[] {
  const fired: number[] = [];
  for (let i = 0; i < calls; i++) if (faults.pick('getUpdates') !== undefined) fired.push(i);
  return fired;
}

describe('Faults', () => {
  it('fires every call by default and matches method names without case', () => {
    const faults = new Faults().set('GetUpdates', { kind: 500 });
    expect(faults.pick('getupdates')?.kind).toBe(500);
    expect(faults.pick('sendMessage')).toBeUndefined();
  });

  it('fires only for the next N calls when times is given', () => {
    const faults = new Faults().set('getUpdates', { kind: 'drop', times: 2 });
    expect(firings(faults, 5)).toEqual([0, 1]);
  });

  it('fires at about the given rate, the same way for the same seed', () => {
    const a = firings(new Faults({ seed: 7 }).set('getUpdates', { kind: 502, rate: 0.3 }), 1000);
    const b = firings(new Faults({ seed: 7 }).set('getUpdates', { kind: 502, rate: 0.3 }), 1000);
    const c = firings(new Faults({ seed: 8 }).set('getUpdates', { kind: 502, rate: 0.3 }), 1000);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.length).toBeGreaterThan(250);
    expect(a.length).toBeLessThan(350);
  });

  it("applies '*' to methods without a rule of their own, and clears", () => {
    const faults = new Faults().set('*', { kind: { latencyMs: 10 } }).set('getMe', { kind: 429 });
    expect(faults.pick('sendMessage')?.kind).toEqual({ latencyMs: 10 });
    expect(faults.pick('getMe')?.kind).toBe(429);
    faults.clear('getMe');
    expect(faults.pick('getMe')?.kind).toEqual({ latencyMs: 10 });
    faults.clear();
    expect(faults.pick('getMe')).toBeUndefined();
  });

  it('refuses rules that make no sense', () => {
    expect(() => new Faults().set('x', { kind: 500, rate: 2 })).toThrow(
      /rate must be between 0 and 1/,
    );
    expect(() => new Faults().set('x', { kind: 500, times: 0 })).toThrow(
      /times must be a positive integer/,
    );
    expect(() => new Faults().set('x', { kind: 404 as never })).toThrow(/kind must be/);
  });
});
