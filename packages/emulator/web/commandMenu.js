// The bot commands list, as Telegram offers it: typing "/" at the start of the input (or the
// Menu button) lists the commands the chat's bots set for this person (setMyCommands, by scope
// and language); picking one sends it.

import { api } from './api.js';

/**
 * Wires the command list. `getMe()` / `getChat()` read the page's state; `onSend(text)` sends the
 * picked command.
 */
export function commandMenu({ input, list, button, getMe, getChat, onSend, onError }) {
  let entries = []; // [{ botId, username, commands }]
  let loadedFor;
  let seq = 0;

  async function load() {
    const chat = getChat();
    if (!chat) return [];
    const mine = ++seq;
    const result = await api.commands(getMe(), chat.key);
    if (mine !== seq || getChat() !== chat) return entries;
    entries = result;
    loadedFor = chat.key;
    button.hidden = entries.length === 0;
    return entries;
  }

  function hide() {
    list.hidden = true;
    list.replaceChildren();
    button.setAttribute('aria-expanded', 'false');
  }

  function show(prefix) {
    const several = entries.length > 1;
    const items = entries.flatMap((entry) =>
      entry.commands
        .filter((c) => c.command.startsWith(prefix))
        .map((c) => ({ ...c, text: `/${c.command}${several ? `@${entry.username}` : ''}` })),
    );
    if (items.length === 0) {
      hide();
      return;
    }
    list.replaceChildren(
      ...items.map((item) => {
        const option = document.createElement('button');
        option.type = 'button';
        option.className = 'inline-result command';
        option.setAttribute('role', 'option');
        option.setAttribute('aria-label', item.text);
        const name = document.createElement('strong');
        name.textContent = item.text;
        const description = document.createElement('span');
        description.textContent = item.description;
        option.append(name, description);
        option.addEventListener('click', () => {
          hide();
          input.value = '';
          input.dispatchEvent(new Event('input'));
          Promise.resolve(onSend(item.text)).catch(onError);
        });
        return option;
      }),
    );
    list.hidden = false;
    button.setAttribute('aria-expanded', 'true');
  }

  button.addEventListener('click', () => {
    if (!list.hidden) {
      hide();
      return;
    }
    load()
      .then(() => show(''))
      .catch(onError);
  });

  return {
    /** A chat was opened: forget the last one's commands and load this one's. */
    reset() {
      entries = [];
      loadedFor = undefined;
      button.hidden = true;
      hide();
      load().catch(onError);
    },
    /** Call on every input change: lists matching commands while the input is "/prefix". */
    update() {
      const match = /^\/(\w*)$/.exec(input.value);
      if (!match) {
        if (button.getAttribute('aria-expanded') !== 'true' || input.value !== '') hide();
        return;
      }
      const prefix = match[1];
      const ready = loadedFor === getChat()?.key ? Promise.resolve() : load();
      // Typing "/" asks again, so commands a bot set after the chat opened show up.
      (input.value === '/' ? load() : ready).then(() => show(prefix)).catch(onError);
    },
    hide,
  };
}
