/**
 * The fields of a Bot API `MessageEntity` that formatting needs; a generated `MessageEntity`
 * fits this shape. Offsets and lengths count UTF-16 code units, exactly as JavaScript strings do.
 */
export interface EntityLike {
  /** The entity type (`'bold'`, `'text_link'`, `'pre'`, ...). */
  readonly type: string;
  /** Where it starts, in UTF-16 code units. */
  readonly offset: number;
  /** How long it is, in UTF-16 code units. */
  readonly length: number;
  /** For `text_link`: the URL. */
  readonly url?: string | undefined;
  /** For `text_mention`: the user mentioned. */
  readonly user?: EntityUser | undefined;
  /** For `pre`: the programming language. */
  readonly language?: string | undefined;
  /** For `custom_emoji`: the emoji's id. */
  readonly custom_emoji_id?: string | undefined;
}

/** The part of a `User` a `text_mention` entity needs. */
export interface EntityUser {
  /** The user's id. */
  readonly id: number;
}

/**
 * Thrown when an entity does not fit the text (negative offset or length, or past the end).
 */
export class InvalidEntityError extends Error {
  /** Always `'InvalidEntityError'`. */
  override readonly name = 'InvalidEntityError';

  /**
   * @param entity - the offending entity
   * @param textLength - the text's length in UTF-16 code units
   */
  constructor(
    readonly entity: EntityLike,
    readonly textLength: number,
  ) {
    super(
      `Entity ${entity.type} at offset ${entity.offset} with length ${entity.length} does not ` +
        `fit a text of ${textLength} UTF-16 code units; pass the entities that came with this text`,
    );
  }
}

/**
 * Rewrites a message's text and entities as a MarkdownV2 string (for `parse_mode: 'MarkdownV2'`).
 *
 * Use it to echo or forward formatted text through a send method: everything outside code is
 * escaped, code and pre contents escape only `` ` `` and `\`, link URLs escape `)` and `\`.
 * Entities may nest; partially overlapping entities are split so the output stays well formed.
 * Offsets are UTF-16 code units, so astral characters (emoji) are handled as Telegram counts them.
 * Entity types without markup (mentions, hashtags, URLs, ...) come out as escaped plain text.
 *
 * @example
 * ```ts
 * const md = applyEntitiesAsMarkdown(msg.text ?? '', msg.entities ?? []);
 * await api.sendMessage(chatId, md, { parse_mode: 'MarkdownV2' });
 * ```
 * @param text - the message's `text` or `caption`
 * @param entities - its `entities` or `caption_entities`
 * @returns the MarkdownV2 source that Telegram parses back into the same text and entities
 */
export function applyEntitiesAsMarkdown(text: string, entities: readonly EntityLike[]): string {
  return render(text, buildTree(text, entities), markdownV2);
}

/**
 * Rewrites a message's text and entities as an HTML string (for `parse_mode: 'HTML'`).
 *
 * `<`, `>` and `&` are escaped everywhere, attribute values also escape `"`. Entities may nest;
 * partially overlapping entities are split. Offsets are UTF-16 code units.
 *
 * @example
 * ```ts
 * const html = applyEntitiesAsHtml('Hi bold', [{ type: 'bold', offset: 3, length: 4 }]);
 * // 'Hi <b>bold</b>'
 * ```
 * @param text - the message's `text` or `caption`
 * @param entities - its `entities` or `caption_entities`
 * @returns the HTML source that Telegram parses back into the same text and entities
 */
export function applyEntitiesAsHtml(text: string, entities: readonly EntityLike[]): string {
  return render(text, buildTree(text, entities), html);
}

interface EntityNode {
  readonly entity: EntityLike | undefined;
  readonly start: number;
  readonly end: number;
  readonly children: EntityNode[];
}

interface Dialect {
  /** Escapes plain text; `quoted` is true inside a block quotation. */
  text(raw: string, quoted: boolean): string;
  /** Escapes the raw contents of code and pre. */
  code(raw: string, quoted: boolean): string;
  /** The opening and closing markup of an entity; `undefined` for types without markup. */
  markup(entity: EntityLike): readonly [open: string, close: string] | undefined;
  /** Joins a piece of markup to the output, separating markers that would run together. */
  append(out: string, markup: string): string;
}

const RAW_TYPES = new Set(['code', 'pre']);
const QUOTE_TYPES = new Set(['blockquote', 'expandable_blockquote']);

function render(text: string, root: EntityNode, dialect: Dialect): string {
  let out = '';
  const visit = (node: EntityNode, quoted: boolean): void => {
    const markup = node.entity === undefined ? undefined : dialect.markup(node.entity);
    if (markup !== undefined) out = dialect.append(out, markup[0]);
    const inQuote = quoted || (markup !== undefined && QUOTE_TYPES.has(node.entity?.type ?? ''));
    if (markup !== undefined && RAW_TYPES.has(node.entity?.type ?? '')) {
      out += dialect.code(text.slice(node.start, node.end), inQuote);
    } else {
      let at = node.start;
      for (const child of node.children) {
        out += dialect.text(text.slice(at, child.start), inQuote);
        visit(child, inQuote);
        at = child.end;
      }
      out += dialect.text(text.slice(at, node.end), inQuote);
    }
    if (markup !== undefined) out = dialect.append(out, markup[1]);
  };
  visit(root, false);
  return out;
}

function buildTree(text: string, entities: readonly EntityLike[]): EntityNode {
  const root: EntityNode = { entity: undefined, start: 0, end: text.length, children: [] };
  const queue = entities
    .map((entity) => {
      const { offset, length } = entity;
      if (
        !Number.isInteger(offset) ||
        !Number.isInteger(length) ||
        offset < 0 ||
        length < 0 ||
        offset + length > text.length
      ) {
        throw new InvalidEntityError(entity, text.length);
      }
      return { entity, start: offset, end: offset + length };
    })
    .filter((item) => item.end > item.start);
  const byPosition = (
    a: { start: number; end: number },
    b: { start: number; end: number },
  ): number => a.start - b.start || b.end - a.end;
  queue.sort(byPosition);
  const stack: EntityNode[] = [root];
  for (let i = 0; i < queue.length; i++) {
    const item = queue[i];
    if (item === undefined) continue;
    let top = stack[stack.length - 1] ?? root;
    while (top !== root && top.end <= item.start) {
      stack.pop();
      top = stack[stack.length - 1] ?? root;
    }
    const end = Math.min(item.end, top.end);
    if (item.end > top.end) {
      // Partial overlap: keep the part inside the enclosing entity, re-queue the rest.
      const rest = { entity: item.entity, start: top.end, end: item.end };
      let j = i + 1;
      while (j < queue.length && byPosition(queue[j] ?? rest, rest) <= 0) j++;
      queue.splice(j, 0, rest);
    }
    const node: EntityNode = { entity: item.entity, start: item.start, end, children: [] };
    top.children.push(node);
    stack.push(node);
  }
  return root;
}

const MARKDOWN_SPECIAL = /[_*[\]()~`>#+\-=|{}.!\\]/g;

const quoteLines = (escaped: string, quoted: boolean): string =>
  quoted ? escaped.replace(/\n/g, '\n>') : escaped;

const markdownV2: Dialect = {
  text: (raw, quoted) => quoteLines(raw.replace(MARKDOWN_SPECIAL, '\\$&'), quoted),
  code: (raw, quoted) => quoteLines(raw.replace(/[`\\]/g, '\\$&'), quoted),
  markup(entity) {
    switch (entity.type) {
      case 'bold':
        return ['*', '*'];
      case 'italic':
        return ['_', '_'];
      case 'underline':
        return ['__', '__'];
      case 'strikethrough':
        return ['~', '~'];
      case 'spoiler':
        return ['||', '||'];
      case 'code':
        return ['`', '`'];
      case 'pre':
        return ['```' + (entity.language ?? '') + '\n', '```'];
      case 'text_link':
        return entity.url === undefined ? undefined : ['[', `](${markdownUrl(entity.url)})`];
      case 'text_mention':
        return entity.user === undefined ? undefined : ['[', `](tg://user?id=${entity.user.id})`];
      case 'custom_emoji':
        return entity.custom_emoji_id === undefined
          ? undefined
          : ['![', `](tg://emoji?id=${markdownUrl(entity.custom_emoji_id)})`];
      case 'blockquote':
        return ['>', ''];
      case 'expandable_blockquote':
        return ['**>', '||'];
      default:
        return undefined;
    }
  },
  // A '_' marker right after another '_' would read as underline; Telegram ignores a '\r' between.
  append: (out, markup) => out + (markup.startsWith('_') && out.endsWith('_') ? '\r' : '') + markup,
};

function markdownUrl(url: string): string {
  return url.replace(/[)\\]/g, '\\$&');
}

const escapeHtml = (raw: string): string =>
  raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (raw: string): string => escapeHtml(raw).replace(/"/g, '&quot;');

const html: Dialect = {
  text: escapeHtml,
  code: escapeHtml,
  markup(entity) {
    const tag = (name: string, attributes = ''): readonly [string, string] => [
      `<${name}${attributes}>`,
      `</${name}>`,
    ];
    switch (entity.type) {
      case 'bold':
        return tag('b');
      case 'italic':
        return tag('i');
      case 'underline':
        return tag('u');
      case 'strikethrough':
        return tag('s');
      case 'spoiler':
        return tag('tg-spoiler');
      case 'code':
        return tag('code');
      case 'pre':
        return entity.language === undefined || entity.language === ''
          ? tag('pre')
          : [`<pre><code class="language-${escapeAttribute(entity.language)}">`, '</code></pre>'];
      case 'text_link':
        return entity.url === undefined
          ? undefined
          : tag('a', ` href="${escapeAttribute(entity.url)}"`);
      case 'text_mention':
        return entity.user === undefined
          ? undefined
          : tag('a', ` href="tg://user?id=${entity.user.id}"`);
      case 'custom_emoji':
        return entity.custom_emoji_id === undefined
          ? undefined
          : tag('tg-emoji', ` emoji-id="${escapeAttribute(entity.custom_emoji_id)}"`);
      case 'blockquote':
        return tag('blockquote');
      case 'expandable_blockquote':
        return tag('blockquote', ' expandable');
      default:
        return undefined;
    }
  },
  append: (out, markup) => out + markup,
};
