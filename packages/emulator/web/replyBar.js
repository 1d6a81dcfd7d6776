// The "replying to" bar above the input: which message the next one answers, with a way to cancel.

import { displayName } from './message.js';

/** Wires the reply bar; `set(message)` starts a reply, `set(undefined)` cancels it. */
export function replyBar({ bar, name, text, cancel, input }) {
  let target;

  function set(message) {
    target = message;
    bar.hidden = message === undefined;
    if (message === undefined) return;
    name.textContent = displayName(message.from);
    text.textContent = message.text ?? message.caption ?? (message.photo ? 'Photo' : 'Message');
    input.focus();
  }

  cancel.addEventListener('click', () => set(undefined));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && target !== undefined) set(undefined);
  });

  return {
    /** The message being replied to, or undefined. */
    get target() {
      return target;
    },
    set,
  };
}
