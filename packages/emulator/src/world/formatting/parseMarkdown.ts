import type { MessageEntity } from '@delegram/api';
import type { FormattedText } from './FormattedText.js';
import { byteOffset, parseError, sortEntities } from './FormattedText.js';

const PAIRS: Record<string, MessageEntity['type']> = { '*': 'bold', _: 'italic', '`': 'code' };

/**
 * Parses Telegram's legacy `Markdown` parse mode: `*bold*`, `_italic_`, `` `code` ``,
 * ```` ```pre``` ```` and `[text](url)`, with `\` escaping only those characters.
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
      const end = input.indexOf(closer, i + closer.length);
      if (end < 0) {
        parseError(`Can't find end of the entity starting at byte offset ${byteOffset(input, i)}`);
      }
      const body = input.slice(i + closer.length, end);
      if (body.length > 0) entities.push({ type, offset: text.length, length: body.length });
      text += body;
      i = end + closer.length;
      continue;
    }
    if (c === '[') {
      const m = /^\[([^\]]*)\]\(([^)]*)\)/.exec(input.slice(i));
      if (m === null) {
        parseError(`Can't find end of the entity starting at byte offset ${byteOffset(input, i)}`);
      }
      const label = m[1] ?? '';
      if (label.length > 0) {
        entities.push({
          type: 'text_link',
          offset: text.length,
          length: label.length,
          url: m[2] ?? '',
        });
      }
      text += label;
      i += m[0].length;
      continue;
    }
    text += c;
    i += 1;
  }
  return { text, entities: sortEntities(entities) };
}
