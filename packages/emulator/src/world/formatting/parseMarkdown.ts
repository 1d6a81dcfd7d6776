import type { MessageEntity } from '@delegram/api';
import type { FormattedText } from './FormattedText.js';
import { byteOffset, parseError, sortEntities } from './FormattedText.js';

const PAIRS: Record<string, MessageEntity['type']> = { '*': 'bold', _: 'italic', '`': 'code' };

/**
 * Parses Telegram's legacy `Markdown` parse mode: `*bold*`, `_italic_`, `` `code` ``,
 * ```` ```lang pre``` ```` and `[text](url)` (or `[url]`), with `\` escaping only those
 * characters and only outside entities.
 *
 * @param input - the marked-up text
 * @returns the text and its entities
 * @throws ApiError 400 "can't parse entities: …" when an entity is not closed
 */
export function parseMarkdown(input: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] ?? '';
    if (c === '\\' && '*_`['.includes(input[i + 1] ?? '')) {
      text += input[i + 1];
      i += 2;
      continue;
    }
    const pre = input.startsWith('```', i);
    const type = pre ? 'pre' : PAIRS[c];
    if (type !== undefined) {
      const closer = pre ? '```' : c;
      const [from, language] = pre ? preStart(input, i + 3) : [i + 1, ''];
      const end = input.indexOf(closer, from);
      if (end < 0) {
        parseError(`Can't find end of the entity starting at byte offset ${byteOffset(input, i)}`);
      }
      const body = input.slice(from, end);
      if (body.length > 0) {
        entities.push({
          type,
          offset: text.length,
          length: body.length,
          ...(language === '' ? {} : { language }),
        });
      }
      text += body;
      i = end + closer.length;
      continue;
    }
    if (c === '[') {
      const close = input.indexOf(']', i + 1);
      if (close < 0) {
        parseError(`Can't find end of the entity starting at byte offset ${byteOffset(input, i)}`);
      }
      const label = input.slice(i + 1, close);
      // [text](url), or [text] alone, whose text is the URL.
      const paren = input[close + 1] === '(' ? input.indexOf(')', close + 2) : -1;
      const url = paren < 0 ? label : input.slice(close + 2, paren);
      if (label.length > 0 && url !== '') {
        entities.push({ type: 'text_link', offset: text.length, length: label.length, url });
      }
      text += label;
      i = paren < 0 ? close + 1 : paren + 1;
      continue;
    }
    text += c;
    i += 1;
  }
  return { text, entities: sortEntities(entities) };
}

/**
 * Where a pre's code starts after its opening backticks at `from`, and its language: the word
 * right after the backticks when more follows it, then one line break is skipped.
 */
function preStart(input: string, from: number): [start: number, language: string] {
  let i = from;
  let end = i;
  while (end < input.length && !/[\s`]/.test(input[end] ?? '')) end++;
  let language = '';
  if (end > i && end < input.length && input[end] !== '`') {
    language = input.slice(i, end);
    i = end;
  }
  if (input[i] === '\n' || input[i] === '\r') {
    const pair = (input[i + 1] === '\n' || input[i + 1] === '\r') && input[i] !== input[i + 1];
    i += pair ? 2 : 1;
  }
  return [i, language];
}
