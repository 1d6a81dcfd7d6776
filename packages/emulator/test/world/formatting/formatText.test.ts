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

  it('parses blockquotes at line starts; the quote keeps the line break that ends it', () => {
    expect(parseMarkdownV2('>one\n>two\nend')).toEqual({
      text: 'one\ntwo\nend',
      entities: [{ type: 'blockquote', offset: 0, length: 8 }],
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
  it('lets parse_mode win over entities, as Telegram does', () => {
    expect(formatText('<b>x</b>', 'HTML', [{ type: 'italic', offset: 0, length: 3 }])).toEqual({
      text: 'x',
      entities: [{ type: 'bold', offset: 0, length: 1 }],
    });
  });

  it("uses entities without a parse_mode (or with 'none') and drops ones outside the text", () => {
    const entities = [
      { type: 'bold' as const, offset: 0, length: 3 },
      { type: 'italic' as const, offset: 5, length: 9 },
    ];
    const kept = { text: '<b>x</b>', entities: [{ type: 'bold', offset: 0, length: 3 }] };
    expect(formatText('<b>x</b>', undefined, entities)).toEqual(kept);
    expect(formatText('<b>x</b>', 'None', entities)).toEqual(kept);
    expect(formatText('<b>x</b>', '', entities)).toEqual(kept);
  });

  it('rejects an unknown parse mode and an entity that is no object', () => {
    expect(formatText('x', 'html', undefined).text).toBe('x');
    expect(description(() => formatText('x', 'bbcode', undefined))).toBe(
      'Bad Request: unsupported parse_mode',
    );
    expect(description(() => formatText('x', undefined, [null as never]))).toBe(
      "Bad Request: can't parse MessageEntity: expected an Object",
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

// Edge cases checked against the rules of Telegram's parser (TDLib's MessageEntity.cpp), with the
// server's clean-up applied afterwards (\r dropped, control characters made spaces, ends trimmed).
type Case = [mode: string, input: string, text: string, entities: Record<string, unknown>[]];

const EDGE_CASES: Case[] = [
  ['MarkdownV2', 'a\r\nb *c\r\nd*', 'a\nb c\nd', [{ type: 'bold', offset: 4, length: 3 }]],
  [
    'MarkdownV2',
    '```python\r\nprint(1)\r\n```',
    'print(1)',
    [{ type: 'pre', offset: 0, length: 8, language: 'python' }],
  ],
  ['MarkdownV2', '```js x```', ' x', [{ type: 'pre', offset: 0, length: 2, language: 'js' }]],
  ['MarkdownV2', '```\ncode\n```', 'code', [{ type: 'pre', offset: 0, length: 4 }]],
  ['MarkdownV2', '`a\\.b\\`c`', 'a.b`c', [{ type: 'code', offset: 0, length: 5 }]],
  ['MarkdownV2', 'x \\é y\\', 'x \\é y\\', []],
  [
    'MarkdownV2',
    '*b _i_ b*',
    'b i b',
    [
      { type: 'bold', offset: 0, length: 5 },
      { type: 'italic', offset: 2, length: 1 },
    ],
  ],
  [
    'MarkdownV2',
    '__u _i_ u__',
    'u i u',
    [
      { type: 'underline', offset: 0, length: 5 },
      { type: 'italic', offset: 2, length: 1 },
    ],
  ],
  [
    'MarkdownV2',
    '||s *b* s||',
    's b s',
    [
      { type: 'spoiler', offset: 0, length: 5 },
      { type: 'bold', offset: 2, length: 1 },
    ],
  ],
  [
    'MarkdownV2',
    '**>one\n>two||\nafter',
    'one\ntwo\nafter',
    [{ type: 'expandable_blockquote', offset: 0, length: 8 }],
  ],
  ['MarkdownV2', '>last||', 'last', [{ type: 'expandable_blockquote', offset: 0, length: 4 }]],
  ['MarkdownV2', '>a\n>b', 'a\nb', [{ type: 'blockquote', offset: 0, length: 3 }]],
  [
    'MarkdownV2',
    '![👍](tg://emoji?id=5368324170671202286) ok',
    '👍 ok',
    [{ type: 'custom_emoji', offset: 0, length: 2, custom_emoji_id: '5368324170671202286' }],
  ],
  [
    'MarkdownV2',
    '[a\\]b](https://x.org/\\)) c',
    'a]b c',
    [{ type: 'text_link', offset: 0, length: 3, url: 'https://x.org/)' }],
  ],
  ['MarkdownV2', '  *x*  \n', 'x', [{ type: 'bold', offset: 0, length: 1 }]],
  ['MarkdownV2', 'tab\there', 'tab here', []],
  ['HTML', 'a\r\n<b>b\r\nc</b>', 'a\nb\nc', [{ type: 'bold', offset: 2, length: 3 }]],
  ['HTML', '<pre><code>c</code></pre>', 'c', [{ type: 'pre', offset: 0, length: 1 }]],
  [
    'HTML',
    '<pre><code class="language-go">c</code></pre>',
    'c',
    [{ type: 'pre', offset: 0, length: 1, language: 'go' }],
  ],
  [
    'HTML',
    '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    '👍',
    [{ type: 'custom_emoji', offset: 0, length: 2, custom_emoji_id: '5368324170671202286' }],
  ],
  [
    'HTML',
    '<blockquote expandable>q</blockquote>',
    'q',
    [{ type: 'expandable_blockquote', offset: 0, length: 1 }],
  ],
  ['HTML', '<B>x</B> &lt;&amp;&gt; &foo;', 'x <&> &foo;', [{ type: 'bold', offset: 0, length: 1 }]],
  [
    'Markdown',
    '```python\ncode```',
    'code',
    [{ type: 'pre', offset: 0, length: 4, language: 'python' }],
  ],
  [
    'Markdown',
    '[https://x.org]',
    'https://x.org',
    [{ type: 'text_link', offset: 0, length: 13, url: 'https://x.org' }],
  ],
  ['Markdown', '\r\n*b*\r\n', 'b', [{ type: 'bold', offset: 0, length: 1 }]],
];

describe('formatText edge cases', () => {
  it.each(EDGE_CASES)('%s %j', (mode, input, text, entities) => {
    expect(formatText(input, mode, undefined)).toEqual({ text, entities });
  });

  it('reports MarkdownV2 markup closed out of order at the innermost open entity', () => {
    expect(description(() => formatText('*b _i* x_', 'MarkdownV2', undefined))).toBe(
      "Bad Request: can't parse entities: Can't find end of Italic entity at byte offset 8",
    );
    expect(description(() => formatText('>q *b\nafter*', 'MarkdownV2', undefined))).toBe(
      "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 3",
    );
    expect(description(() => formatText('![x](https://x.org)', 'MarkdownV2', undefined))).toBe(
      "Bad Request: can't parse entities: Custom emoji URL must have scheme tg",
    );
  });

  it('cleans explicit entities’ texts too, moving the entities with the text', () => {
    expect(
      formatText('\r\nab\r\ncd ', undefined, [{ type: 'bold', offset: 4, length: 4 }]),
    ).toEqual({ text: 'ab\ncd', entities: [{ type: 'bold', offset: 2, length: 3 }] });
  });
});
