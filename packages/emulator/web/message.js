// Builds the bubble for one message: sender, text or caption with entities, photo, invoice,
// other media in short form, inline keyboard, time and the "edited" mark.

import { api } from './api.js';
import { renderText, safeHref } from './entities.js';
import { serviceText } from './serviceMessage.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function displayName(user) {
  if (!user) return 'Unknown';
  return (
    [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || String(user.id)
  );
}

function formatAmount(amount, currency) {
  const exp = currency === 'XTR' ? 0 : 2;
  const value = amount / 10 ** exp;
  try {
    return currency === 'XTR'
      ? `${value} ⭐`
      : new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}

function mediaSummary(message) {
  if (message.document) return `📄 ${message.document.file_name ?? 'Document'}`;
  if (message.audio) return `🎵 ${message.audio.title ?? message.audio.file_name ?? 'Audio'}`;
  if (message.voice) return '🎤 Voice message';
  if (message.video) return '🎬 Video';
  if (message.animation) return '🎞 GIF';
  if (message.video_note) return '⏺ Video message';
  if (message.sticker) return `${message.sticker.emoji ?? '🖼'} Sticker`;
  if (message.location) return `📍 ${message.location.latitude}, ${message.location.longitude}`;
  if (message.venue) return `📍 ${message.venue.title}, ${message.venue.address}`;
  if (message.contact)
    return `👤 ${[message.contact.first_name, message.contact.last_name].filter(Boolean).join(' ')} ${message.contact.phone_number}`;
  if (message.dice) return `${message.dice.emoji} ${message.dice.value}`;
  if (message.poll)
    return `📊 ${message.poll.question}: ${message.poll.options.map((o) => o.text).join(' / ')}`;
  if (message.game) return `🎮 ${message.game.title}`;
  if (message.successful_payment)
    return `✅ Paid ${formatAmount(message.successful_payment.total_amount, message.successful_payment.currency)}`;
  return undefined;
}

/**
 * A bubble for `message`. `ctx` = { meId, isGroup, onPress(message, button, key),
 * onPay(message, key), onCommand(text), onSwitchInline(query), onReply(message), onEdit(message),
 * onDelete(message) }.
 */
export function renderMessage(message, ctx) {
  const service = serviceText(message);
  if (service !== undefined) {
    const line = el('li', 'message service');
    line.dataset.messageId = String(message.message_id);
    line.append(el('span', 'service-text', service));
    return line;
  }
  const mine = message.from?.id === ctx.meId;
  const item = el('li', `message ${mine ? 'out' : 'in'}`);
  item.dataset.messageId = String(message.message_id);
  item.setAttribute(
    'aria-label',
    `${mine ? 'You' : displayName(message.from)}: message ${message.message_id}`,
  );

  const bubble = el('div', 'bubble');
  item.append(bubble);
  if (ctx.isGroup && !mine && message.from)
    bubble.append(el('div', 'sender', displayName(message.from)));
  if (message.reply_to_message) {
    const quote = el('div', 'reply-quote');
    quote.append(el('strong', '', displayName(message.reply_to_message.from)));
    quote.append(
      el(
        'span',
        '',
        (message.reply_to_message.text ?? message.reply_to_message.caption ?? '').slice(0, 80),
      ),
    );
    bubble.append(quote);
  }

  const photo = message.photo?.[message.photo.length - 1];
  if (photo) {
    const img = el('img', 'photo');
    img.src = api.fileUrl(photo.file_id);
    img.alt = message.caption ?? 'Photo';
    img.loading = 'lazy';
    if (photo.width && photo.height) {
      img.width = Math.min(photo.width, 320);
      img.height = Math.round((img.width * photo.height) / photo.width);
    }
    bubble.append(img);
  }
  const summary = mediaSummary(message);
  if (summary) bubble.append(el('div', 'media', summary));

  const body = message.text ?? message.caption;
  if (body !== undefined) {
    const text = el('div', 'text');
    renderText(text, body, message.entities ?? message.caption_entities ?? [], {
      onCommand: ctx.onCommand,
    });
    bubble.append(text);
  }

  if (message.invoice) bubble.append(renderInvoice(message, ctx));

  const meta = el('div', 'meta');
  if (message.edit_date) meta.append(el('span', 'edited', 'edited'));
  const time = el('time', '', timeFormat.format(new Date(message.date * 1000)));
  time.dateTime = new Date(message.date * 1000).toISOString();
  meta.append(time);
  bubble.append(meta);

  const keyboard = message.reply_markup?.inline_keyboard;
  if (Array.isArray(keyboard) && keyboard.length > 0)
    item.append(renderInlineKeyboard(message, keyboard, ctx));

  item.append(renderActions(message, mine, ctx));
  bubble.addEventListener('dblclick', () => ctx.onReply(message));
  return item;
}

/** Reply for every message; edit (text messages) and delete for your own. */
function renderActions(message, mine, ctx) {
  const actions = el('div', 'message-actions');
  const action = (label, icon, run) => {
    const button = el('button', `message-action ${label.toLowerCase()}`, icon);
    button.type = 'button';
    button.setAttribute('aria-label', label);
    button.title = label;
    button.addEventListener('click', () => run(message));
    actions.append(button);
  };
  action('Reply', '↩', ctx.onReply);
  if (mine && message.text !== undefined) action('Edit', '✎', ctx.onEdit);
  if (mine) action('Delete', '✕', ctx.onDelete);
  return actions;
}

function renderInvoice(message, ctx) {
  const box = el('div', 'invoice');
  const inv = message.invoice;
  box.append(el('div', 'invoice-title', inv.title));
  if (inv.description) box.append(el('div', 'invoice-description', inv.description));
  const total = formatAmount(inv.total_amount, inv.currency);
  box.append(el('div', 'invoice-total', total));
  const hasPayButton = message.reply_markup?.inline_keyboard?.some((row) => row.some((b) => b.pay));
  if (!hasPayButton) {
    const pay = el('button', 'pay', `Pay ${total}`);
    pay.type = 'button';
    pay.addEventListener('click', () => ctx.onPay(message, pay));
    box.append(pay);
  }
  return box;
}

function renderInlineKeyboard(message, keyboard, ctx) {
  const grid = el('div', 'inline-keyboard');
  grid.setAttribute('role', 'group');
  grid.setAttribute('aria-label', 'Inline keyboard');
  for (const row of keyboard) {
    const line = el('div', 'row');
    for (const button of row) {
      const href = button.url !== undefined ? safeHref(button.url) : undefined;
      if (href !== undefined) {
        const a = el('a', 'key link', button.text);
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        line.append(a);
        continue;
      }
      const key = el('button', 'key', button.text);
      key.type = 'button';
      if (button.pay) key.addEventListener('click', () => ctx.onPay(message, key));
      else if (button.callback_data !== undefined || button.callback_game !== undefined)
        key.addEventListener('click', () => ctx.onPress(message, button, key));
      else if (
        button.switch_inline_query !== undefined ||
        button.switch_inline_query_current_chat !== undefined
      )
        key.addEventListener('click', () =>
          ctx.onSwitchInline(button.switch_inline_query_current_chat ?? button.switch_inline_query),
        );
      else key.disabled = true;
      line.append(key);
    }
    grid.append(line);
  }
  return grid;
}
