import type { MessageEntity } from '@delegram/api';
import type { FormattedText } from './FormattedText.js';
import { sortEntities } from './FormattedText.js';

/** Whether Telegram drops this UTF-16 unit: `\r`, U+2028-U+202E, three combining marks. */
function isDropped(code: number): boolean {
  return (
    code === 0x0d ||
    (code >= 0x2028 && code <= 0x202e) ||
    code === 0x333 ||
    code === 0x33f ||
    code === 0x30a
  );
}

/** Whether Telegram turns this unit into a space: control characters but `\n` and `\r`. */
function isControl(code: number): boolean {
  return code < 0x20 && code !== 0x0a && code !== 0x0d;
}

/**
 * Cleans a parsed text the way Telegram's server does before storing a message: drops `\r`
 * (so `\r\n` line ends become `\n`), U+2028-U+202E and the combining vertical lines, turns other
 * control characters (tab included) into spaces, removes empty entities, then trims spaces and
 * newlines from the end, and from the start up to the first entity. Entity offsets follow.
 *
 * @param formatted - the text and entities a parser (or the bot) gave
 * @returns the text and entities as Telegram stores them ('' when nothing visible is left)
 */
export function cleanText(formatted: FormattedText): FormattedText {
  const { text: raw, entities } = formatted;
  let text = '';
  // removedBefore[k]: how many code units before input index k were dropped.
  const removedBefore = new Array<number>(raw.length + 1);
  let removed = 0;
  for (let k = 0; k < raw.length; k++) {
    removedBefore[k] = removed;
    const code = raw.charCodeAt(k);
    if (isDropped(code)) removed++;
    else text += isControl(code) ? ' ' : raw[k];
  }
  removedBefore[raw.length] = removed;
  const at = (k: number): number => k - (removedBefore[k] ?? removed);
  let fixed: MessageEntity[] = [];
  for (const e of entities) {
    const offset = at(e.offset);
    const length = at(e.offset + e.length) - offset;
    if (length > 0) fixed.push({ ...e, offset, length });
  }
  // rtrim: the text ends at its last character that is not a space or a newline.
  const end = text.replace(/[ \n]+$/, '').length;
  if (end === 0) return { text: '', entities: [] };
  text = text.slice(0, end);
  fixed = fixed
    .filter((e) => e.offset < end)
    .map((e) => (e.offset + e.length > end ? { ...e, length: end - e.offset } : e));
  // ltrim: leading spaces and newlines go, unless an entity starts inside them.
  const firstEntity = Math.min(text.length, ...fixed.map((e) => e.offset));
  let start = 0;
  while (start < firstEntity && (text[start] === ' ' || text[start] === '\n')) start++;
  if (start > 0) {
    text = text.slice(start);
    fixed = fixed.map((e) => ({ ...e, offset: e.offset - start }));
  }
  return { text, entities: sortEntities(fixed) };
}
