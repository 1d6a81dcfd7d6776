import type { MessageEntity } from '@delegram/api';
import { badRequest } from '../../ApiError.js';

/** Text with its entities, offsets and lengths in UTF-16 code units as the Bot API counts them. */
export interface FormattedText {
  /** The plain text, markup removed. */
  readonly text: string;
  /** Formatting spans, sorted by offset then by length (longest first). */
  readonly entities: MessageEntity[];
}

/** A span being built by a parser: where it starts in the output and what it will become. */
export interface OpenEntity {
  /** The markup name used in error messages ("b", "Bold", ...). */
  readonly name: string;
  /** The entity type it produces, or undefined for markup that produces none. */
  type: MessageEntity['type'] | undefined;
  /** Offset in the output text (UTF-16). */
  readonly offset: number;
  /** Byte offset of the opening markup in the input (for error messages). */
  readonly byteOffset: number;
  /** Extra fields (url, language, custom_emoji_id). */
  extra: Partial<MessageEntity>;
}

/** Throws Telegram's "can't parse entities" 400 with the parser's detail. */
export function parseError(detail: string): never {
  throw badRequest(`can't parse entities: ${detail}`);
}

/** UTF-8 byte offset of position `index` (UTF-16) of `input`, as Telegram's errors report. */
export function byteOffset(input: string, index: number): number {
  return Buffer.byteLength(input.slice(0, index), 'utf8');
}

/** Closes `open` at output position `end`, adding its entity unless it is empty. */
export function closeEntity(open: OpenEntity, end: number, into: MessageEntity[]): void {
  if (open.type === undefined || end <= open.offset) return;
  into.push({ type: open.type, offset: open.offset, length: end - open.offset, ...open.extra });
}

/** Sorts entities as Telegram returns them: by offset, then longer (outer) first. */
export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}
