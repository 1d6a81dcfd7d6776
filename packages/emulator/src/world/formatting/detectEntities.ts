import type { MessageEntity } from '@delegram/api';
import { sortEntities } from './FormattedText.js';

const PATTERNS: [RegExp, MessageEntity['type']][] = [
  [/(?<![\w/])\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])/g, 'bot_command'],
  [/(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}(?!\w)/g, 'mention'],
  [/(?<![\w#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu, 'hashtag'],
  [/\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g, 'url'],
  [/\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, 'email'],
];

/**
 * Finds the entities Telegram's server marks on its own in a person's text: bot commands,
 * @mentions, #hashtags, URLs and e-mail addresses (UTF-16 offsets).
 *
 * @param text - the message text
 * @returns the entities, sorted
 */
export function detectEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  const taken: [number, number][] = [];
  for (const [pattern, type] of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);
      found.push({ type, offset: start, length: end - start });
    }
  }
  return sortEntities(found);
}
