import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/answerer/paginate.js';

describe('paginate', () => {
  const all = Array.from({ length: 12 }, (_, i) => i);

  it('cuts pages from the offset and gives the next offset until the end', () => {
    expect(paginate(all, '', 5)).toEqual({ results: [0, 1, 2, 3, 4], next_offset: '5' });
    expect(paginate(all, '10', 5)).toEqual({ results: [10, 11], next_offset: '' });
    expect(paginate(all, '12', 5)).toEqual({ results: [], next_offset: '' });
  });

  it('rejects offsets it did not produce and page sizes Telegram refuses', () => {
    expect(() => paginate(all, 'abc')).toThrow(/offset must be/);
    expect(() => paginate(all, '', 51)).toThrow(/pageSize must be an integer from 1 to 50/);
  });
});
