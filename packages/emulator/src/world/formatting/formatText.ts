import type { MessageEntity } from '@delegram/api';
import { badRequest } from '../../ApiError.js';
import { cleanText } from './cleanText.js';
import type { FormattedText } from './FormattedText.js';
import { sortEntities } from './FormattedText.js';
import { parseHtml } from './parseHtml.js';
import { parseMarkdown } from './parseMarkdown.js';
import { parseMarkdownV2 } from './parseMarkdownV2.js';

/**
 * Turns a method's `text` + `parse_mode` or `entities` into plain text with entities.
 *
 * A `parse_mode` wins over `entities` when both are given, as in Telegram's Bot API server (the
 * entities are then ignored). Given entities that fall outside the text are dropped; the rest are
 * kept as sent (UTF-16 offsets). The result is cleaned as Telegram's server
 * cleans texts ({@link cleanText}: `\r` dropped, control characters made spaces, ends trimmed).
 *
 * @param raw - the text as the bot sent it
 * @param parseMode - `HTML`, `MarkdownV2` or `Markdown` (any case); undefined, empty or `none` for
 *   none
 * @param entities - explicit entities, or undefined (a value that is no array counts as none)
 * @returns the text and entities to store in the message
 * @throws ApiError 400 on an unknown parse mode or markup that does not parse
 */
export function formatText(
  raw: string,
  parseMode: string | undefined,
  entities: readonly MessageEntity[] | undefined,
): FormattedText {
  return cleanText(parse(raw, parseMode, entities));
}

function parse(
  raw: string,
  parseMode: string | undefined,
  entities: readonly MessageEntity[] | undefined,
): FormattedText {
  // Inside JSON objects (InputMedia, inline results) nothing checked the type yet: like Telegram,
  // entities that are no array are ignored, and an item that is no object is refused.
  // As Telegram's server: a parse mode ('none' is none) applies to a non-empty text, and then the
  // entities are not looked at.
  const mode = parseMode?.toLowerCase();
  if (mode !== undefined && mode !== '' && mode !== 'none' && raw !== '') {
    return parseMarkup(raw, mode);
  }
  const given: unknown = entities;
  if (Array.isArray(given)) {
    if (given.some((e: unknown) => typeof e !== 'object' || e === null || Array.isArray(e))) {
      throw badRequest("can't parse MessageEntity: expected an Object");
    }
    const kept = (given as MessageEntity[]).filter(
      (e) => e.offset >= 0 && e.length > 0 && e.offset + e.length <= raw.length,
    );
    return { text: raw, entities: sortEntities(kept.map((e) => ({ ...e }))) };
  }
  return { text: raw, entities: [] };
}

function parseMarkup(raw: string, mode: string): FormattedText {
  switch (mode) {
    case 'html':
      return parseHtml(raw);
    case 'markdownv2':
      return parseMarkdownV2(raw);
    case 'markdown':
      return parseMarkdown(raw);
    default:
      throw badRequest('unsupported parse_mode');
  }
}
