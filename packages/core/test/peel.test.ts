import { describe, expect, it } from 'vitest';
import { BadFlavorError } from '../src/errors.js';
import { fleece, isEvent, peel } from '../src/peel.js';
import { textMessage, update } from './support/updates.js';

describe('peel', () => {
  it("returns the event's data", () => {
    const data = { at: 5 };
    expect(peel({ _alarm: data })).toBe(data);
  });

  it('refuses what is not an event', () => {
    expect(() => peel({ _a: {}, _b: {} })).toThrow(BadFlavorError);
  });
});

describe('fleece', () => {
  it('returns the flavor and the data', () => {
    expect(fleece({ _alarm: { at: 5 } })).toEqual(['_alarm', { at: 5 }]);
  });
});

describe('isEvent', () => {
  it('is true only for an object with a single underscore key', () => {
    expect(isEvent({ _idle: {} })).toBe(true);
    expect(isEvent(update('message', textMessage()))).toBe(false);
    expect(isEvent({ idle: {} })).toBe(false);
    expect(isEvent({ _a: {}, _b: {} })).toBe(false);
    expect(isEvent({})).toBe(false);
    expect(isEvent(null)).toBe(false);
    expect(isEvent('_idle')).toBe(false);
  });
});
