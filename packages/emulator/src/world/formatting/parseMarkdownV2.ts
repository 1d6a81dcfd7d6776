import type { MessageEntity } from '@delegram/api';
import type { FormattedText, OpenEntity } from './FormattedText.js';
import { byteOffset, closeEntity, parseError, sortEntities } from './FormattedText.js';

const RESERVED = '_*[]()~`>#+-=|{}.!';

const TOGGLES: Record<string, [name: string, type: MessageEntity['type']]> = {
  '*': ['Bold', 'bold'],
  _: ['Italic', 'italic'],
  __: ['Underline', 'underline'],
  '~': ['Strikethrough', 'strikethrough'],
  '||': ['Spoiler', 'spoiler'],
};

/**
 * Parses Telegram's MarkdownV2 parse mode into plain text and entities.
 *
 * Supports `*bold*`, `_italic_`, `__underline__`, `~strike~`, `||spoiler||`, `` `code` ``,
 * ```` ```lang pre``` ````, `[text](url)`, `![emoji](tg://emoji?id=…)` and `>` blockquotes, with
 * Telegram's rule that every reserved character outside an entity is escaped with `\`.
 *
 * @param input - the marked-up text
 * @returns the text and its entities
 * @throws ApiError 400 "can't parse entities: …" on unescaped reserved characters or unclosed markup
 */
export function parseMarkdownV2(input: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenEntity[] = [];
  let quote: OpenEntity | undefined;
  let i = 0;
  while (i < input.length) {
    const c = input[i] ?? '';
    const atLineStart = i === 0 || input[i - 1] === '\n';
    if (c === '\n' && quote !== undefined && input[i + 1] !== '>') {
      closeEntity(quote, text.length, entities);
      quote = undefined;
    }
    if (c === '\\') {
      const next = input[i + 1];
      if (next === undefined || next.charCodeAt(0) > 126) {
        parseError(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      }
      text += next;
      i += 2;
      continue;
    }
    if (!RESERVED.includes(c)) {
      text += c;
      i += 1;
      continue;
    }
    const at = byteOffset(input, i);
    if (c === '>' && atLineStart) {
      quote ??= {
        name: 'Blockquote',
        type: 'blockquote',
        offset: text.length,
        byteOffset: at,
        extra: {},
      };
      i += 1;
      continue;
    }
    if (c === '`') {
      i = readCode(input, i, text.length, entities, (s) => (text += s));
      continue;
    }
    const token = input.startsWith('__', i) ? '__' : input.startsWith('||', i) ? '||' : c;
    const toggle = TOGGLES[token];
    if (toggle !== undefined) {
      const idx = stack.findIndex((o) => o.type === toggle[1]);
      if (idx >= 0) closeEntity(stack.splice(idx, 1)[0]!, text.length, entities);
      else
        stack.push({
          name: toggle[0],
          type: toggle[1],
          offset: text.length,
          byteOffset: at,
          extra: {},
        });
      i += token.length;
      continue;
    }
    if (c === '[' || (c === '!' && input[i + 1] === '[')) {
      const emoji = c === '!';
      stack.push({
        name: emoji ? 'CustomEmoji' : 'TextUrl',
        type: emoji ? 'custom_emoji' : 'text_link',
        offset: text.length,
        byteOffset: at,
        extra: {},
      });
      i += emoji ? 2 : 1;
      continue;
    }
    if (c === ']') {
      const idx = stack.findLastIndex((o) => o.name === 'TextUrl' || o.name === 'CustomEmoji');
      const open = idx >= 0 ? stack.splice(idx, 1)[0] : undefined;
      if (open === undefined) reserved(c);
      const [url, next] = readUrl(input, i + 1, open);
      if (open.type === 'custom_emoji') {
        const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(url)?.[1];
        if (id === undefined) parseError(`Custom emoji URL must have an emoji identifier`);
        open.extra = { custom_emoji_id: id };
      } else {
        open.extra = { url };
      }
      closeEntity(open, text.length, entities);
      i = next;
      continue;
    }
    reserved(c);
  }
  if (quote !== undefined) closeEntity(quote, text.length, entities);
  const unclosed = stack[0];
  if (unclosed !== undefined) {
    parseError(`Can't find end of ${unclosed.name} entity at byte offset ${unclosed.byteOffset}`);
  }
  return { text, entities: sortEntities(entities) };
}

function reserved(c: string): never {
  parseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
}

function readUrl(input: string, from: number, open: OpenEntity): [url: string, next: number] {
  if (input[from] !== '(') {
    parseError(`Can't find end of ${open.name} entity at byte offset ${open.byteOffset}`);
  }
  let url = '';
  let i = from + 1;
  while (i < input.length && input[i] !== ')') {
    if (input[i] === '\\' && i + 1 < input.length) i += 1;
    url += input[i];
    i += 1;
  }
  if (i >= input.length)
    parseError(`Can't find end of a url at byte offset ${byteOffset(input, from)}`);
  return [url, i + 1];
}

function readCode(
  input: string,
  start: number,
  offset: number,
  entities: MessageEntity[],
  append: (s: string) => void,
): number {
  const pre = input.startsWith('```', start);
  let i = start + (pre ? 3 : 1);
  let language = '';
  if (pre) {
    const nl = input.indexOf('\n', i);
    const fence = input.indexOf('```', i);
    if (nl >= 0 && (fence < 0 || nl < fence)) {
      language = input.slice(i, nl).trim();
      i = nl + 1;
    }
  }
  let body = '';
  const closer = pre ? '```' : '`';
  while (i < input.length && !input.startsWith(closer, i)) {
    if (input[i] === '\\' && (input[i + 1] === '`' || input[i + 1] === '\\')) i += 1;
    body += input[i];
    i += 1;
  }
  if (i >= input.length) {
    const name = pre ? 'Pre' : 'Code';
    parseError(`Can't find end of ${name} entity at byte offset ${byteOffset(input, start)}`);
  }
  append(body);
  if (body.length > 0) {
    entities.push({
      type: pre ? 'pre' : 'code',
      offset,
      length: body.length,
      ...(language === '' ? {} : { language }),
    });
  }
  return i + closer.length;
}
