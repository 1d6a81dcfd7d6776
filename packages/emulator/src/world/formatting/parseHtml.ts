import type { MessageEntity } from '@delegram/api';
import type { FormattedText, OpenEntity } from './FormattedText.js';
import { byteOffset, closeEntity, parseError, sortEntities } from './FormattedText.js';

const SIMPLE_TAGS: Record<string, MessageEntity['type']> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/**
 * Parses Telegram's HTML parse mode into plain text and entities.
 *
 * Supports the tags Telegram documents (b, i, u, s and synonyms, span class="tg-spoiler",
 * tg-spoiler, a href, code, pre with a nested code class="language-…", blockquote [expandable],
 * tg-emoji) and the entities `&lt; &gt; &amp; &quot;` plus numeric ones.
 *
 * @param input - the marked-up text
 * @returns the text and its entities
 * @throws ApiError 400 "can't parse entities: …" on unsupported or unbalanced tags
 */
export function parseHtml(input: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenEntity[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === '&') {
      const m = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/.exec(input.slice(i, i + 12));
      const decoded = m === null ? undefined : decodeEntity(m[1] ?? '');
      if (m !== null && decoded !== undefined) {
        text += decoded;
        i += m[0].length;
      } else {
        text += '&';
        i += 1;
      }
      continue;
    }
    if (c !== '<') {
      text += c;
      i += 1;
      continue;
    }
    const end = input.indexOf('>', i);
    if (end < 0) parseError(`Can't find end of the tag at byte offset ${byteOffset(input, i)}`);
    const raw = input.slice(i + 1, end);
    const at = byteOffset(input, i);
    if (raw.startsWith('/')) {
      const name = raw.slice(1).trim().toLowerCase();
      const top = stack.pop();
      if (top === undefined) parseError(`Unexpected end tag at byte offset ${at}`);
      if (top.name !== name) {
        parseError(
          `Unmatched end tag at byte offset ${at}, expected "</${top.name}>", found "</${name}>"`,
        );
      }
      closeEntity(top, text.length, entities);
    } else {
      stack.push(openTag(raw, at, text.length, stack.at(-1)));
    }
    i = end + 1;
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined) {
    parseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  }
  return { text, entities: sortEntities(entities) };
}

function openTag(raw: string, at: number, offset: number, parent?: OpenEntity): OpenEntity {
  const name = (/^[a-zA-Z][\w-]*/.exec(raw)?.[0] ?? '').toLowerCase();
  const attrs = parseAttributes(raw.slice(name.length));
  const open: OpenEntity = { name, type: SIMPLE_TAGS[name], offset, byteOffset: at, extra: {} };
  if (name === 'a') {
    const href = attrs.get('href');
    if (href === undefined || href === '') parseError(`Can't find "href" attribute of "a" tag`);
    open.type = 'text_link';
    open.extra = { url: href };
  } else if (name === 'span') {
    if (attrs.get('class') !== 'tg-spoiler') {
      parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
    }
    open.type = 'spoiler';
  } else if (name === 'blockquote') {
    open.type = attrs.has('expandable') ? 'expandable_blockquote' : 'blockquote';
  } else if (name === 'tg-emoji') {
    const id = attrs.get('emoji-id');
    if (id === undefined) parseError(`Can't find "emoji-id" attribute of "tg-emoji" tag`);
    open.type = 'custom_emoji';
    open.extra = { custom_emoji_id: id };
  } else if (name === 'code' && parent?.type === 'pre' && parent.offset === offset) {
    // <pre><code class="language-x">…</code></pre> is one pre entity (with the language, if any).
    const language = /^language-(.+)$/.exec(attrs.get('class') ?? '')?.[1];
    if (language !== undefined) parent.extra = { language };
    open.type = undefined;
  } else if (open.type === undefined) {
    parseError(`Unsupported start tag "${name}" at byte offset ${at}`);
  }
  return open;
}

function parseAttributes(rest: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([a-zA-Z][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const m of rest.matchAll(re)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    attrs.set((m[1] ?? '').toLowerCase(), decodeAll(value));
  }
  return attrs;
}

function decodeAll(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g, (all, body: string) => {
    return decodeEntity(body) ?? all;
  });
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED[body];
}
