// Renders a Telegram message text with its entities as DOM nodes. Never uses innerHTML: every
// piece of text becomes a text node, so nothing a user or bot sends can inject markup.

const SAFE_SCHEMES = ['http:', 'https:', 'tg:', 'mailto:', 'tel:'];

/** A safe href for a URL from a message, or undefined when it is not a link we open. */
export function safeHref(raw) {
  if (typeof raw !== 'string' || raw === '') return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `http://${raw}`;
  try {
    const url = new URL(withScheme);
    return SAFE_SCHEMES.includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function link(href, options = {}) {
  const a = document.createElement('a');
  const safe = safeHref(href);
  if (safe !== undefined) {
    a.href = safe;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  }
  if (options.className) a.className = options.className;
  return a;
}

/** The element for one entity (its children are added by the caller). */
function elementFor(entity, slice, handlers) {
  switch (entity.type) {
    case 'bold':
      return document.createElement('strong');
    case 'italic':
      return document.createElement('em');
    case 'underline':
      return document.createElement('u');
    case 'strikethrough':
      return document.createElement('s');
    case 'code': {
      const el = document.createElement('code');
      el.className = 'inline-code';
      return el;
    }
    case 'pre': {
      const pre = document.createElement('pre');
      if (entity.language) pre.dataset.language = entity.language;
      return pre;
    }
    case 'text_link':
      return link(entity.url);
    case 'url':
      return link(slice);
    case 'email':
      return link(`mailto:${slice}`);
    case 'phone_number':
      return link(`tel:${slice.replace(/[^+\d]/g, '')}`);
    case 'mention':
      return link(`https://t.me/${slice.replace(/^@/, '')}`, { className: 'mention' });
    case 'text_mention': {
      const el = document.createElement('span');
      el.className = 'mention';
      if (entity.user)
        el.title = [entity.user.first_name, entity.user.last_name].filter(Boolean).join(' ');
      return el;
    }
    case 'bot_command': {
      const el = document.createElement('button');
      el.type = 'button';
      el.className = 'command';
      el.addEventListener('click', () => handlers.onCommand?.(slice));
      return el;
    }
    case 'hashtag':
    case 'cashtag': {
      const el = document.createElement('span');
      el.className = 'tag';
      return el;
    }
    case 'spoiler': {
      const el = document.createElement('span');
      el.className = 'spoiler';
      el.tabIndex = 0;
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', 'Spoiler, press to reveal');
      const reveal = () => {
        el.classList.add('revealed');
        el.removeAttribute('role');
        el.removeAttribute('aria-label');
        el.removeAttribute('tabindex');
      };
      el.addEventListener('click', reveal);
      el.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') reveal();
      });
      return el;
    }
    case 'blockquote':
    case 'expandable_blockquote':
      return document.createElement('blockquote');
    default:
      return document.createElement('span');
  }
}

/**
 * Appends `text` with `entities` (Telegram's UTF-16 offsets, which are JS string indices) to
 * `parent`. Entities are nested by position; one that crosses its parent's end is clipped there.
 */
export function renderText(parent, text, entities = [], handlers = {}) {
  const sorted = [...entities]
    .filter((e) => Number.isInteger(e.offset) && Number.isInteger(e.length) && e.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  build(parent, text, sorted, 0, text.length, handlers);
}

function build(parent, text, entities, start, end, handlers) {
  let pos = start;
  let i = 0;
  while (i < entities.length) {
    const entity = entities[i];
    const from = Math.max(entity.offset, pos);
    const to = Math.min(entity.offset + entity.length, end);
    if (from >= to) {
      i += 1;
      continue;
    }
    if (from > pos) parent.append(document.createTextNode(text.slice(pos, from)));
    // Children: the entities that start inside this one.
    let j = i + 1;
    while (j < entities.length && entities[j].offset < to) j += 1;
    const el = elementFor(
      entity,
      text.slice(entity.offset, entity.offset + entity.length),
      handlers,
    );
    build(el, text, entities.slice(i + 1, j), from, to, handlers);
    parent.append(el);
    pos = to;
    i = j;
  }
  if (pos < end) parent.append(document.createTextNode(text.slice(pos, end)));
}
