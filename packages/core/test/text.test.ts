import { describe, expect, it } from 'vitest';
import { InvalidEntityError, applyEntitiesAsHtml, applyEntitiesAsMarkdown } from '../src/text.js';

describe('applyEntitiesAsMarkdown', () => {
  it('escapes every MarkdownV2 special character outside entities', () => {
    expect(applyEntitiesAsMarkdown('a_b*c[d]e(f)g~h`i>j#k+l-m=n|o{p}q.r!s\\t', [])).toBe(
      'a\\_b\\*c\\[d\\]e\\(f\\)g\\~h\\`i\\>j\\#k\\+l\\-m\\=n\\|o\\{p\\}q\\.r\\!s\\\\t',
    );
  });

  it('formats the simple entities', () => {
    const text = 'bold italic under strike spoiler';
    const entities = [
      { type: 'bold', offset: 0, length: 4 },
      { type: 'italic', offset: 5, length: 6 },
      { type: 'underline', offset: 12, length: 5 },
      { type: 'strikethrough', offset: 18, length: 6 },
      { type: 'spoiler', offset: 25, length: 7 },
    ];
    expect(applyEntitiesAsMarkdown(text, entities)).toBe(
      '*bold* _italic_ __under__ ~strike~ ||spoiler||',
    );
  });

  it('escapes only backquote and backslash inside code and pre', () => {
    const text = 'x = a_b`c\\d.';
    expect(applyEntitiesAsMarkdown(text, [{ type: 'code', offset: 0, length: text.length }])).toBe(
      '`x = a_b\\`c\\\\d.`',
    );
    expect(
      applyEntitiesAsMarkdown(text, [
        { type: 'pre', offset: 0, length: text.length, language: 'python' },
      ]),
    ).toBe('```python\nx = a_b\\`c\\\\d.```');
  });

  it('writes links, mentions and custom emoji, escaping ) and \\ in URLs', () => {
    const text = 'see docs.now, Bob and 👍';
    const entities = [
      { type: 'text_link', offset: 4, length: 8, url: 'https://x.org/a_(b)' },
      { type: 'text_mention', offset: 14, length: 3, user: { id: 42 } },
      { type: 'custom_emoji', offset: 22, length: 2, custom_emoji_id: '5368324170671202286' },
    ];
    expect(applyEntitiesAsMarkdown(text, entities)).toBe(
      'see [docs\\.now](https://x.org/a_(b\\)), [Bob](tg://user?id=42) and ![👍](tg://emoji?id=5368324170671202286)',
    );
  });

  it('counts offsets in UTF-16 code units, after astral emoji', () => {
    // '😀' is two UTF-16 units; telepot (code points) would shift every later entity by one.
    const text = '😀😀 bold';
    expect(applyEntitiesAsMarkdown(text, [{ type: 'bold', offset: 5, length: 4 }])).toBe(
      '😀😀 *bold*',
    );
  });

  it('nests entities inside one another', () => {
    const text = 'bold and italic';
    const entities = [
      { type: 'bold', offset: 0, length: 15 },
      { type: 'italic', offset: 9, length: 6 },
    ];
    expect(applyEntitiesAsMarkdown(text, entities)).toBe('*bold and _italic_*');
  });

  it('separates an italic marker from an underline marker with \\r', () => {
    const text = 'word';
    const entities = [
      { type: 'underline', offset: 0, length: 4 },
      { type: 'italic', offset: 0, length: 4 },
    ];
    expect(applyEntitiesAsMarkdown(text, entities)).toBe('__\r_word_\r__');
  });

  it('splits partially overlapping entities instead of producing broken markup', () => {
    const text = 'abcdef';
    const entities = [
      { type: 'bold', offset: 0, length: 4 },
      { type: 'italic', offset: 2, length: 4 },
    ];
    expect(applyEntitiesAsMarkdown(text, entities)).toBe('*ab_cd_*_ef_');
  });

  it('prefixes every line of a block quotation', () => {
    const text = 'one\ntwo\nafter';
    expect(applyEntitiesAsMarkdown(text, [{ type: 'blockquote', offset: 0, length: 7 }])).toBe(
      '>one\n>two\nafter',
    );
    expect(
      applyEntitiesAsMarkdown(text, [{ type: 'expandable_blockquote', offset: 0, length: 7 }]),
    ).toBe('**>one\n>two||\nafter');
  });

  it('leaves entities without markup as escaped text', () => {
    const text = '@bob #tag https://a.b';
    const entities = [
      { type: 'mention', offset: 0, length: 4 },
      { type: 'hashtag', offset: 5, length: 4 },
      { type: 'url', offset: 10, length: 11 },
    ];
    expect(applyEntitiesAsMarkdown(text, entities)).toBe('@bob \\#tag https://a\\.b');
  });

  it('rejects an entity that does not fit the text', () => {
    const call = (): string =>
      applyEntitiesAsMarkdown('abc', [{ type: 'bold', offset: 2, length: 5 }]);
    expect(call).toThrow(InvalidEntityError);
    expect(call).toThrow(/does not fit a text of 3 UTF-16 code units/);
  });
});

describe('applyEntitiesAsHtml', () => {
  it('escapes <, > and & everywhere, including inside code', () => {
    const text = 'a<b & c>d';
    expect(applyEntitiesAsHtml(text, [])).toBe('a&lt;b &amp; c&gt;d');
    expect(applyEntitiesAsHtml(text, [{ type: 'code', offset: 0, length: 9 }])).toBe(
      '<code>a&lt;b &amp; c&gt;d</code>',
    );
  });

  it('formats entities with their tags', () => {
    const text = 'b i u s p';
    const entities = ['bold', 'italic', 'underline', 'strikethrough', 'spoiler'].map((type, i) => ({
      type,
      offset: i * 2,
      length: 1,
    }));
    expect(applyEntitiesAsHtml(text, entities)).toBe(
      '<b>b</b> <i>i</i> <u>u</u> <s>s</s> <tg-spoiler>p</tg-spoiler>',
    );
  });

  it('writes pre with a language, links with escaped attributes, mentions and quotes', () => {
    const text = 'code link Bob quote';
    const entities = [
      { type: 'pre', offset: 0, length: 4, language: 'ts' },
      { type: 'text_link', offset: 5, length: 4, url: 'https://x.org/?a=1&b="2"' },
      { type: 'text_mention', offset: 10, length: 3, user: { id: 7 } },
      { type: 'expandable_blockquote', offset: 14, length: 5 },
    ];
    expect(applyEntitiesAsHtml(text, entities)).toBe(
      '<pre><code class="language-ts">code</code></pre> ' +
        '<a href="https://x.org/?a=1&amp;b=&quot;2&quot;">link</a> ' +
        '<a href="tg://user?id=7">Bob</a> <blockquote expandable>quote</blockquote>',
    );
  });

  it('nests tags in entity order and counts UTF-16 offsets', () => {
    const text = '🎉 big deal';
    const entities = [
      { type: 'bold', offset: 3, length: 8 },
      { type: 'italic', offset: 7, length: 4 },
    ];
    expect(applyEntitiesAsHtml(text, entities)).toBe('🎉 <b>big <i>deal</i></b>');
  });
});
