// The bar above the input that says what the next send does besides sending: reply to a message
// (quoting it) or save an edit of one of your own messages. Escape or ✕ cancels either.

import { displayName } from './message.js';

function preview(message) {
  return message.text ?? message.caption ?? (message.photo ? 'Photo' : 'Message');
}

/**
 * Wires the bar. `set(message, 'reply')` starts a reply, `set(message, 'edit')` an edit (the input
 * gets the message's text), `set(undefined)` cancels. `onChange(message, mode)`, if given, runs
 * after every change (with `undefined` once the bar closes).
 */
export function replyBar({ bar, name, text, cancel, input, onChange }) {
  let target;
  let mode = 'reply';

  function set(message, nextMode = 'reply') {
    const wasEditing = target !== undefined && mode === 'edit';
    target = message;
    mode = nextMode;
    bar.hidden = message === undefined;
    if (message === undefined) {
      if (wasEditing) input.value = '';
      onChange?.(undefined, mode);
      return;
    }
    bar.setAttribute('aria-label', mode === 'edit' ? 'Editing' : 'Replying to');
    name.textContent = mode === 'edit' ? 'Edit message' : displayName(message.from);
    text.textContent = preview(message);
    if (mode === 'edit') input.value = message.text ?? '';
    input.dispatchEvent(new Event('input'));
    input.focus();
    onChange?.(message, mode);
  }

  cancel.addEventListener('click', () => set(undefined));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && target !== undefined) set(undefined);
  });

  return {
    /** The message being replied to or edited, or undefined. */
    get target() {
      return target;
    },
    /** 'reply' or 'edit'. */
    get mode() {
      return mode;
    },
    set,
  };
}
