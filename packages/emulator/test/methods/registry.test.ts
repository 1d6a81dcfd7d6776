import { METHOD_SPECS } from '@delegram/api';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METHODS, UNSUPPORTED_METHODS } from '../../src/methods/registry.js';

describe('UNSUPPORTED_METHODS', () => {
  it('is every spec method without an implementation, and the README lists exactly those', () => {
    const missing = Object.keys(METHOD_SPECS).filter((m) => METHODS[m.toLowerCase()] === undefined);
    expect(UNSUPPORTED_METHODS).toEqual(missing);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(
      readme.indexOf('<!-- unsupported -->'),
      readme.indexOf('Implemented with deliberately simple behaviour'),
    );
    const listed = [...section.matchAll(/`([a-z][A-Za-z]+)`/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...UNSUPPORTED_METHODS].sort());
    expect(section).toContain(`These ${UNSUPPORTED_METHODS.length} methods`);
  });
});
