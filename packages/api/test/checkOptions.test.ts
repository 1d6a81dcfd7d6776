import { describe, expect, it } from 'vitest';

import { Api } from '../src/Api.js';
import { autoRetry } from '../src/autoRetry.js';
import { checkOptions, closestKey, is } from '../src/checkOptions.js';
import { OptionsError } from '../src/OptionsError.js';

const TOKEN = '123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

function thrown(run: () => unknown): OptionsError {
  try {
    run();
  } catch (error) {
    if (error instanceof OptionsError) return error;
    throw error;
  }
  throw new Error('expected an OptionsError');
}

describe('checkOptions', () => {
  const rules = { timeoutMs: is.number, retryTransient: is.boolean, random: is.function };

  it('accepts known keys, undefined values and no options at all', () => {
    expect(() => checkOptions('f', undefined, rules)).not.toThrow();
    expect(() => checkOptions('f', {}, rules)).not.toThrow();
    expect(() => checkOptions('f', { timeoutMs: 5, random: undefined }, rules)).not.toThrow();
  });

  it('names an unknown key and suggests the closest valid one', () => {
    const error = thrown(() => checkOptions('f(options)', { timeotMs: 5 }, rules));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({
      name: 'OptionsError',
      owner: 'f(options)',
      key: 'timeotMs',
      expected: 'a known option',
      suggestion: 'timeoutMs',
    });
    expect(error.message).toContain("did you mean 'timeoutMs'?");
    expect(thrown(() => checkOptions('f', { TimeoutMS: 5 }, rules)).suggestion).toBe('timeoutMs');
    expect(thrown(() => checkOptions('f', { zzz: 5 }, rules)).suggestion).toBeUndefined();
  });

  it('names a key of the wrong type without showing its value', () => {
    const error = thrown(() => checkOptions('f', { timeoutMs: 'secret-value' }, rules));
    expect(error).toMatchObject({ key: 'timeoutMs', expected: 'a number', received: 'a string' });
    expect(error.message).not.toContain('secret-value');
  });

  it('refuses a value that is not an options object', () => {
    for (const value of [null, 5, 'x', [1]]) {
      expect(thrown(() => checkOptions('f', value, rules))).toMatchObject({ key: '' });
    }
  });

  it('finds close keys by edit distance, swaps included', () => {
    expect(closestKey('maxAtempts', ['maxAttempts', 'maxDelayMs'])).toBe('maxAttempts');
    expect(closestKey('maxAttemtps', ['maxAttempts', 'maxDelayMs'])).toBe('maxAttempts');
    expect(closestKey('q', ['maxAttempts'])).toBeUndefined();
  });
});

describe('autoRetry and Api options', () => {
  it('refuses autoRetry({ maxRetries }) suggesting maxAttempts', () => {
    const error = thrown(() => autoRetry({ maxRetries: 1 } as never));
    expect(error).toMatchObject({ owner: 'autoRetry(options)', key: 'maxRetries' });
    expect(error.suggestion).toBe('maxAttempts');
  });

  it('refuses a misspelt or mistyped Api option', () => {
    expect(thrown(() => new Api(TOKEN, { apiroot: 'http://x' } as never)).suggestion).toBe(
      'apiRoot',
    );
    expect(thrown(() => new Api(TOKEN, { baseUrl: 'http://x' } as never)).suggestion).toBe(
      'apiRoot',
    );
    expect(thrown(() => new Api(TOKEN, { timeoutMs: '5' } as never))).toMatchObject({
      key: 'timeoutMs',
      expected: 'a number',
    });
    expect(thrown(() => new Api(TOKEN, { clock: {} } as never)).key).toBe('clock');
  });
});
