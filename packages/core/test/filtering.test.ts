import { describe, expect, it } from 'vitest';
import { keyMatching, match, matchAll } from '../src/filtering.js';
import type { TemplateValue } from '../src/filtering.js';

const msg = {
  message_id: 7,
  chat: { id: 123, type: 'private' },
  from: { id: 5, first_name: 'Alice' },
  text: 'hello there',
  entities: [{ type: 'bold', offset: 0, length: 5 }],
};

describe('match', () => {
  it('calls a function template with the whole message', () => {
    expect(match(msg, (m) => (m as typeof msg).text.startsWith('hello'))).toBe(true);
    expect(match(msg, () => false)).toBe(false);
  });

  it('treats only a literal true from a predicate as a match', () => {
    expect(match(msg, (() => 'yes') as unknown as () => boolean)).toBe(false);
  });

  it('compares literal values with strict equality', () => {
    expect(match(msg, { text: 'hello there' })).toBe(true);
    expect(match(msg, { message_id: '7' })).toBe(false);
  });

  it('matches nested object templates recursively', () => {
    expect(match(msg, { chat: { id: 123 } })).toBe(true);
    expect(match(msg, { chat: { id: 124 } })).toBe(false);
    expect(match(msg, { text: { id: 1 } })).toBe(false);
  });

  it('fails when a template key is missing from the data', () => {
    expect(match(msg, { photo: (p) => p === undefined })).toBe(false);
    expect(match({}, { constructor: (c: unknown) => typeof c === 'function' })).toBe(false);
  });

  it('calls callable values with the sub-value', () => {
    expect(match(msg, { from: { id: (id) => typeof id === 'number' && id > 3 } })).toBe(true);
    expect(match(msg, { from: { id: (id) => id === 6 } })).toBe(false);
  });

  it('tests RegExp values against strings only', () => {
    expect(match(msg, { text: /^hello/ })).toBe(true);
    expect(match(msg, { message_id: /7/ })).toBe(false);
  });

  it('compares arrays element by element', () => {
    expect(match(msg, { entities: [{ type: 'bold', offset: 0, length: 5 }] })).toBe(true);
    expect(match(msg, { entities: [{ type: 'bold', offset: 0 }] })).toBe(false);
    expect(match(msg, { entities: [] })).toBe(false);
  });

  it('lets a RegExp key select data keys, any of which may match', () => {
    const event = { _idle: { source: { space: 3, id: 42 }, seconds: 10 } };
    expect(match(event, keyMatching(/^_.+/, { source: { space: 3, id: 42 } }))).toBe(true);
    expect(match(event, keyMatching(/^_.+/, { source: { space: 4, id: 42 } }))).toBe(false);
    expect(match(msg, keyMatching(/^_.+/, {}))).toBe(false);
  });

  it('accepts global RegExps repeatedly without lastIndex surprises', () => {
    const template = keyMatching(/^_/g, () => true);
    const results = [1, 2, 3].map(() => match({ _e: 1 }, template));
    expect(results).toEqual([true, true, true]);
  });

  it('mixes string and RegExp keys in a Map template', () => {
    const template = new Map<string | RegExp, TemplateValue>([
      ['chat', { id: 123 }],
      [/^te/, 'hello there'],
    ]);
    expect(match(msg, template)).toBe(true);
    expect(match({ ...msg, chat: { id: 1 } }, template)).toBe(false);
  });
});

describe('matchAll', () => {
  it('requires every template to match', () => {
    expect(matchAll(msg, [{ chat: { id: 123 } }, { from: { id: 5 } }])).toBe(true);
    expect(matchAll(msg, [{ chat: { id: 123 } }, { from: { id: 6 } }])).toBe(false);
  });

  it('is true for an empty list', () => {
    expect(matchAll(msg, [])).toBe(true);
  });
});
