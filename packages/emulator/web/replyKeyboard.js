// The reply keyboard a bot shows in the open chat (ReplyKeyboardMarkup): a grid of keys under the
// input, with a toggle button in the composer, as Telegram shows it. The keyboard is the selected
// person's own (bots may show one to some people only, `selective`): it comes from the chat's
// snapshot for that person when a chat opens and from `replyKeyboard` events meant for them
// afterwards; pressing a key is
// the control API's "press keyboard button" (so one-time keyboards close and request_contact /
// request_location keys share the person's contact or location).

const DEFAULT_PLACEHOLDER = 'Message';

function keyLabel(button) {
  return typeof button === 'string' ? button : button.text;
}

/** Keys that do more than send their text: [class, hint], or undefined. */
function keyKind(button) {
  if (typeof button === 'string') return undefined;
  if (button.request_contact) return ['contact', 'shares your contact'];
  if (button.request_location) return ['location', 'shares your location'];
  return undefined;
}

/**
 * Builds the reply keyboard of the page. `onPress(label)` is called with a key's text and returns
 * a promise; while it runs the keys are disabled.
 */
export function replyKeyboard({ container, toggle, input, onPress, onError }) {
  let markup;
  let signature;
  let open = false;
  let placeholderOverride; // a forced reply's input_field_placeholder, while that reply is open

  function render() {
    container.hidden = markup === undefined || !open;
    toggle.hidden = markup === undefined || markup.is_persistent === true;
    toggle.setAttribute('aria-expanded', String(!container.hidden));
    toggle.setAttribute('aria-label', container.hidden ? 'Show keyboard' : 'Hide keyboard');
    toggle.title = toggle.getAttribute('aria-label');
    toggle.classList.toggle('active', !container.hidden);
    const fromKeyboard = markup?.input_field_placeholder;
    input.placeholder =
      placeholderOverride ??
      (fromKeyboard !== undefined && fromKeyboard !== '' ? fromKeyboard : DEFAULT_PLACEHOLDER);
  }

  function build() {
    container.replaceChildren();
    container.classList.toggle('resize', markup?.resize_keyboard === true);
    if (markup === undefined) return;
    for (const row of markup.keyboard) {
      const line = document.createElement('div');
      line.className = 'row';
      for (const button of row) {
        const label = keyLabel(button);
        const key = document.createElement('button');
        key.type = 'button';
        key.className = 'key';
        key.textContent = label;
        const kind = keyKind(button);
        if (kind !== undefined) {
          key.classList.add(kind[0]);
          key.title = `${label} (${kind[1]})`;
        }
        key.addEventListener('click', () => press(label));
        line.append(key);
      }
      container.append(line);
    }
  }

  async function press(label) {
    const keys = [...container.querySelectorAll('button')];
    for (const key of keys) key.disabled = true;
    try {
      await onPress(label);
    } catch (error) {
      onError(error);
    } finally {
      for (const key of keys) key.disabled = false;
    }
  }

  toggle.addEventListener('click', () => {
    if (markup === undefined) return;
    open = !open;
    render();
  });

  return {
    /** The keyboard shown now (`ReplyKeyboardMarkup`), or undefined. */
    get markup() {
      return markup;
    },
    /**
     * Puts `text` in the input's placeholder instead of the keyboard's (a forced reply's
     * input_field_placeholder); `undefined` gives the keyboard's back.
     */
    overridePlaceholder(text) {
      placeholderOverride = text === '' ? undefined : text;
      render();
    },
    /** Shows `next` (a ReplyKeyboardMarkup), or removes the keyboard for `undefined` / `null`. */
    set(next) {
      const value = next ?? undefined;
      const nextSignature = value === undefined ? undefined : JSON.stringify(value);
      if (nextSignature === signature) return;
      signature = nextSignature;
      markup = value;
      // A new keyboard opens, as in Telegram; the toggle hides it again.
      open = value !== undefined;
      build();
      render();
    },
  };
}
