import type { MessageEntity } from '@delegram/api';
import type { FormattedText, OpenEntity } from './FormattedText.js';
import { byteOffset, closeEntity, parseError, sortEntities } from './FormattedText.js';

/** Characters that mean markup outside code; anywhere else they must be escaped with `\`. */
const RESERVED = '_*[]()~`>#+-=|{}.!\n';

/** An entity being built, with where its markup starts in the input. */
interface Frame extends OpenEntity {
  /** Index (UTF-16) of the opening markup in the input. */
  readonly at: number;
}

/** What the parser has built so far. */
interface State {
  text: string;
  readonly entities: MessageEntity[];
  readonly stack: Frame[];
  /** A blockquote is open (only one at a time; it ends at a line not starting with `>`). */
  inQuote: boolean;
  /** Only spaces or nothing since the last newline: a `>` here starts or continues a quote. */
  lineStart: boolean;
}

/**
 * Parses Telegram's MarkdownV2 parse mode into plain text and entities, following the rules of
 * Telegram's own parser (TDLib):
 *
 * - `*bold*`, `_italic_`, `__underline__`, `~strike~`, `||spoiler||`, `` `code` ``,
 *   ```` ```lang pre``` ````, `[text](url)`, `![👍](tg://emoji?id=…)`, `>` blockquotes and
 *   `**>` … `||` expandable blockquotes; entities nest but close innermost first;
 * - `\` before any ASCII character makes it literal (also inside code, pre and URLs); before
 *   anything else it is itself literal;
 * - inside code and pre only `` ` `` is reserved; a pre's language runs to the first space or
 *   newline, and one newline after it is skipped;
 * - a blockquote ends at a line that does not start with `>` and includes that line's newline.
 *
 * `\r` is kept here; {@link cleanText} drops it afterwards, as Telegram does.
 *
 * @param input - the marked-up text
 * @returns the text and its entities
 * @throws ApiError 400 "can't parse entities: …" on unescaped reserved characters or unclosed markup
 */
export function parseMarkdownV2(input: string): FormattedText {
  const s: State = { text: '', entities: [], stack: [], inQuote: false, lineStart: true };
  for (let i = 0; i < input.length; i++) {
    const c = input[i] ?? '';
    const escaped = c === '\\' ? input.charCodeAt(i + 1) : 0;
    if (escaped > 0 && escaped <= 126) {
      i++;
      s.text += input[i];
      if (input[i] !== '\r') s.lineStart = input[i] === '\n';
      continue;
    }
    const top = s.stack.at(-1);
    const inCode = top?.type === 'code' || top?.type === 'pre';
    if (inCode ? c !== '`' : !RESERVED.includes(c)) {
      s.text += c;
      if (c !== '\r') s.lineStart = false;
      continue;
    }
    i =
      top !== undefined && closes(top, input, i, s.inQuote)
        ? close(s, input, i)
        : open(s, input, i);
  }
  finish(s, input);
  return { text: s.text, entities: sortEntities(s.entities) };
}

/** Whether the markup at `i` ends the innermost open entity. */
function closes(top: Frame, input: string, i: number, inQuote: boolean): boolean {
  const c = input[i];
  const next = input[i + 1];
  if (inQuote && c === '\n' && next !== '>') return true;
  switch (top.type) {
    case 'bold':
      return c === '*';
    case 'italic':
      return c === '_' && next !== '_';
    case 'underline':
      return c === '_' && next === '_';
    case 'strikethrough':
      return c === '~';
    case 'spoiler':
      return c === '|' && next === '|';
    case 'code':
      return c === '`';
    case 'pre':
      return input.startsWith('```', i);
    case 'text_link':
    case 'custom_emoji':
      return c === ']';
    default:
      return false;
  }
}

/** Opens the entity whose markup starts at `i`; returns the index of its last markup character. */
function open(s: State, input: string, start: number): number {
  const c = input[start] ?? '';
  const next = input[start + 1];
  let i = start;
  let name: string;
  let type: MessageEntity['type'];
  let extra: Partial<MessageEntity> = {};
  switch (c) {
    case '_':
      [name, type] = next === '_' ? ['Underline', 'underline'] : ['Italic', 'italic'];
      if (next === '_') i++;
      break;
    case '*':
      [name, type] = ['Bold', 'bold'];
      break;
    case '~':
      [name, type] = ['Strikethrough', 'strikethrough'];
      break;
    case '|':
      if (next !== '|') reserved(c);
      [name, type] = ['Spoiler', 'spoiler'];
      i++;
      break;
    case '[':
      [name, type] = ['TextUrl', 'text_link'];
      break;
    case '!':
      if (next !== '[') reserved(c);
      [name, type] = ['CustomEmoji', 'custom_emoji'];
      i++;
      break;
    case '`':
      if (!input.startsWith('```', i)) {
        [name, type] = ['Code', 'code'];
        break;
      }
      [name, type] = ['Pre', 'pre'];
      i += 3;
      {
        let end = i;
        while (end < input.length && !/[\s`]/.test(input[end] ?? '')) end++;
        if (end > i && end < input.length && input[end] !== '`') {
          name = 'PreCode';
          extra = { language: input.slice(i, end) };
          i = end;
        }
      }
      // One line break right after the opening (and its language) is not part of the code.
      if (input[i] === '\n' || input[i] === '\r') {
        const pair = (input[i + 1] === '\n' || input[i + 1] === '\r') && input[i] !== input[i + 1];
        i += pair ? 2 : 1;
      }
      i--;
      break;
    case '\n':
      s.text += '\n';
      s.lineStart = true;
      return i;
    case '>':
      if (!s.lineStart) reserved(c);
      if (s.inQuote) return i;
      [name, type] = ['BlockQuote', 'blockquote'];
      s.inQuote = true;
      break;
    default:
      reserved(c);
  }
  s.stack.push({
    name,
    type,
    offset: s.text.length,
    byteOffset: byteOffset(input, start),
    extra,
    at: start,
  });
  return i;
}

/** Closes the innermost entity at the markup at `i`; returns the index of its last character. */
function close(s: State, input: string, start: number): number {
  const frame = s.stack.pop() as Frame;
  let i = start;
  if (input[i] === '\n' && frame.type !== 'blockquote') {
    // Only `||` right before the line break may end a quote: the expandable blockquote's marker.
    const markerEnds = frame.at === i - 2 || (frame.at === i - 3 && s.text.endsWith('\r'));
    const quote = s.stack.at(-1);
    if (frame.type !== 'spoiler' || !markerEnds) unclosed(frame);
    if (quote?.type !== 'blockquote') unclosed(quote ?? frame);
    s.stack.pop();
    endQuote(s, quote, 'expandable_blockquote');
    return i;
  }
  switch (frame.type) {
    case 'blockquote':
      endQuote(s, frame, 'blockquote');
      return i;
    case 'underline':
    case 'spoiler':
      i += 1;
      break;
    case 'pre':
      i += 2;
      break;
    case 'text_link': {
      if (input[i + 1] !== '(') {
        frame.extra = { url: s.text.slice(frame.offset) };
        break;
      }
      const [url, end] = readUrl(input, i + 2, 'a URL');
      frame.extra = { url };
      i = end;
      break;
    }
    case 'custom_emoji': {
      if (input[i + 1] !== '(') parseError('Custom emoji entity must contain a tg://emoji URL');
      const [url, end] = readUrl(input, i + 2, 'a custom emoji URL');
      frame.extra = { custom_emoji_id: customEmojiId(url) };
      i = end;
      break;
    }
    default:
      break;
  }
  if (frame.type === 'text_link' && frame.extra.url === '') return i;
  closeEntity(frame, s.text.length, s.entities);
  return i;
}

/** Ends the open quote: the line break that ends it belongs to it. */
function endQuote(s: State, quote: Frame, type: 'blockquote' | 'expandable_blockquote'): void {
  s.text += '\n';
  s.lineStart = true;
  s.inQuote = false;
  s.entities.push({ type, offset: quote.offset, length: s.text.length - quote.offset });
}

/** At the end of the input: a quote ends there (expandable after a final `||`); nothing else may be open. */
function finish(s: State, input: string): void {
  if (s.inQuote) {
    let type: 'blockquote' | 'expandable_blockquote' = 'blockquote';
    const top = s.stack.at(-1);
    if (top?.type === 'spoiler' && top.at === input.length - 2) {
      s.stack.pop();
      type = 'expandable_blockquote';
    }
    const quote = s.stack.at(-1);
    if (quote?.type === 'blockquote') {
      s.stack.pop();
      if (s.text.length > quote.offset) {
        s.entities.push({ type, offset: quote.offset, length: s.text.length - quote.offset });
      }
    }
  }
  const open = s.stack.at(-1);
  if (open !== undefined) unclosed(open);
}

/** Reads a URL up to `)`, with `\` escapes; returns it and the index of the `)`. */
function readUrl(input: string, from: number, what: string): [url: string, end: number] {
  let url = '';
  let i = from;
  while (i < input.length && input[i] !== ')') {
    const escaped = input[i] === '\\' ? input.charCodeAt(i + 1) : 0;
    if (escaped > 0 && escaped <= 126) i++;
    url += input[i];
    i++;
  }
  if (i >= input.length)
    parseError(`Can't find end of ${what} at byte offset ${byteOffset(input, from)}`);
  return [url, i];
}

/** The id in a `tg://emoji?id=<id>` URL. */
function customEmojiId(url: string): string {
  if (!/^tg:/i.test(url)) parseError('Custom emoji URL must have scheme tg');
  const id = /^tg:(?:\/\/)?emoji\?id=(\d+)$/i.exec(url)?.[1];
  if (id === undefined) parseError('Custom emoji URL must have an emoji identifier');
  return id;
}

function reserved(c: string): never {
  parseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
}

function unclosed(frame: Frame): never {
  parseError(`Can't find end of ${frame.name} entity at byte offset ${frame.byteOffset}`);
}
