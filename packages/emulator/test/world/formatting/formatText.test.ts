import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/ApiError.js';
import { detectEntities } from '../../../src/world/formatting/detectEntities.js';
import { formatText } from '../../../src/world/formatting/formatText.js';
import { parseHtml } from '../../../src/world/formatting/parseHtml.js';
import { parseMarkdown } from '../../../src/world/formatting/parseMarkdown.js';
import { parseMarkdownV2 } from '../../../src/world/formatting/parseMarkdownV2.js';

function description(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error.description;
    throw error;
  }
  throw new Error('did not throw');
}

describe('parseHtml', () => {
  it('turns nested tags into sorted entities', () => {
    expect(parseHtml('<b>bold <i>both</i></b> <code>x</code>')).toEqual({
      text: 'bold both x',
      entities: [
        { type: 'bold', offset: 0, length: 9 },
        { type: 'italic', offset: 5, length: 4 },
        { type: 'code', offset: 10, length: 1 },
      ],
    });
  });

  it('gives pre its language from a nested code class and decodes entities', () => {
    expect(parseHtml('<pre><code class="language-ts">a &amp;&amp; b</code></pre>')).toEqual({
      text: 'a && b',
      entities: [{ type: 'pre', offset: 0, length: 6, language: 'ts' }],
    });
    expect(parseHtml('&#128512;&quot;').text).toBe('😀"');
  });

  it('supports spoilers, blockquotes and custom emoji', () => {
    const r = parseHtml(
      '<span class="tg-spoiler">s</span><blockquote expandable>q</blockquote><tg-emoji emoji-id="5">👍</tg-emoji>',
    );
    expect(r.entities.map((e) => e.type)).toEqual([
      'spoiler',
      'expandable_blockquote',
      'custom_emoji',
    ]);
  });

  it('reports unsupported, unclosed and mismatched tags with byte offsets', () => {
    expect(description(() => parseHtml('é<foo>x</foo>'))).toBe(
      `Bad Request: can't parse entities: Unsupported start tag "foo" at byte offset 2`,
    );
    expect(description(() => parseHtml('<b>x'))).toBe(
      `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
    );
    expect(description(() => parseHtml('<b><i>x</b></i>'))).toContain(
      'expected "</i>", found "</b>"',
    );
  });
});

describe('parseMarkdownV2', () => {
  it('parses the documented markup', () => {
    const r = parseMarkdownV2(
      '*b* _i_ __u__ ~s~ ||sp|| [l](https://x.org/a\\)b) `c` ```py\nprint()```',
    );
    expect(r.text).toBe('b i u s sp l c print()');
    expect(r.entities).toEqual([
      { type: 'bold', offset: 0, length: 1 },
      { type: 'italic', offset: 2, length: 1 },
      { type: 'underline', offset: 4, length: 1 },
      { type: 'strikethrough', offset: 6, length: 1 },
      { type: 'spoiler', offset: 8, length: 2 },
      { type: 'text_link', offset: 11, length: 1, url: 'https://x.org/a)b' },
      { type: 'code', offset: 13, length: 1 },
      { type: 'pre', offset: 15, length: 7, language: 'py' },
    ]);
  });

  it('counts offsets in UTF-16 code units', () => {
    expect(parseMarkdownV2('👍 *x*').entities).toEqual([{ type: 'bold', offset: 3, length: 1 }]);
  });

  it('parses blockquotes at line starts', () => {
    expect(parseMarkdownV2('>one\n>two\nend')).toEqual({
      text: 'one\ntwo\nend',
      entities: [{ type: 'blockquote', offset: 0, length: 7 }],
    });
  });

  it('requires reserved characters to be escaped and entities to be closed', () => {
    expect(description(() => parseMarkdownV2('1-2'))).toBe(
      "Bad Request: can't parse entities: Character '-' is reserved and must be escaped with the preceding '\\'",
    );
    expect(description(() => parseMarkdownV2('x *bold'))).toBe(
      "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 2",
    );
  });
});

describe('parseMarkdown', () => {
  it('parses the legacy markup and reports unclosed entities', () => {
    expect(parseMarkdown('*b* _i_ [t](https://x.org) a\\_b')).toEqual({
      text: 'b i t a_b',
      entities: [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'italic', offset: 2, length: 1 },
        { type: 'text_link', offset: 4, length: 1, url: 'https://x.org' },
      ],
    });
    expect(description(() => parseMarkdown('*open'))).toBe(
      "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 0",
    );
  });
});

describe('formatText', () => {
  it('prefers explicit entities, drops ones outside the text, and rejects unknown modes', () => {
    expect(
      formatText('<b>x</b>', 'HTML', [
        { type: 'bold', offset: 0, length: 3 },
        { type: 'italic', offset: 5, length: 9 },
      ]),
    ).toEqual({
      text: '<b>x</b>',
      entities: [{ type: 'bold', offset: 0, length: 3 }],
    });
    expect(formatText('x', 'html', undefined).text).toBe('x');
    expect(description(() => formatText('x', 'bbcode', undefined))).toBe(
      'Bad Request: unsupported parse_mode',
    );
  });
});

describe('detectEntities', () => {
  it('finds commands, mentions, hashtags, URLs and e-mails', () => {
    const text = '/start@my_bot hi @alice #tag https://x.org/p, mail a.b@c.io';
    expect(
      detectEntities(text).map((e) => [e.type, text.slice(e.offset, e.offset + e.length)]),
    ).toEqual([
      ['bot_command', '/start@my_bot'],
      ['mention', '@alice'],
      ['hashtag', '#tag'],
      ['url', 'https://x.org/p'],
      ['email', 'a.b@c.io'],
    ]);
  });
});
