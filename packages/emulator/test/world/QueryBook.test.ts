import { ManualClock } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/ApiError.js';
import { QueryBook } from '../../src/world/QueryBook.js';

describe('QueryBook', () => {
  it('hands the first answer from the right bot to the asker, then refuses more', async () => {
    const book = new QueryBook<string>(new ManualClock(), '9');
    const { id, answer } = book.create(1, 1_000);
    expect(id).toMatch(/^9\d{12}$/);
    expect(() => book.answer(2, id, 'wrong bot')).toThrow(ApiError);
    book.answer(1, id, 'yes');
    expect(await answer).toBe('yes');
    expect(() => book.answer(1, id, 'again')).toThrow(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
  });

  it('expires on the clock', async () => {
    const clock = new ManualClock();
    const book = new QueryBook<string>(clock, '1');
    const { id, answer } = book.create(1, 1_000);
    await clock.advance(999);
    expect(book.isOpen(id)).toBe(true);
    await clock.advance(1);
    expect(await answer).toBeUndefined();
    expect(book.pending).toBe(0);
    expect(() => book.answer(1, id, 'late')).toThrow(ApiError);
  });
});
