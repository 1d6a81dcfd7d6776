// Inline mode in the composer: typing "@botname query" asks the bot (an inline query) and lists
// its results above the input; clicking one, or Enter for the first, sends it to the open chat.

import { api } from './api.js';

/**
 * Wires inline mode. `getBots()`, `getMe()` and `getChat()` read the page's state; `onSent(message)`
 * shows the message that the chosen result became.
 */
export function inlineMode({ input, results, getBots, getMe, getChat, onSent, onError }) {
  let seq = 0;
  let timer;
  let current; // { bot, query, answer }

  function parse(value) {
    const match = /^@([A-Za-z0-9_]{3,})(?:\s([\s\S]*))?$/.exec(value);
    if (!match) return undefined;
    const bot = getBots().find((b) => b.username.toLowerCase() === match[1].toLowerCase());
    return bot && match[2] !== undefined ? { bot, query: match[2] } : undefined;
  }

  function hide() {
    seq += 1;
    current = undefined;
    results.hidden = true;
    results.replaceChildren();
  }

  function resultButton(result) {
    const item = document.createElement('button');
    item.type = 'button';
    item.className = 'inline-result';
    item.setAttribute('role', 'option');
    const title = result.title ?? result.input_message_content?.message_text ?? result.type;
    const strong = document.createElement('strong');
    strong.textContent = title;
    item.append(strong);
    if (result.description) {
      const d = document.createElement('span');
      d.textContent = result.description;
      item.append(d);
    }
    item.setAttribute('aria-label', title);
    item.addEventListener('click', () => choose(result).catch(onError));
    return item;
  }

  async function run({ bot, query }) {
    const mine = ++seq;
    const answer = await api.inline(getMe(), bot.id, query, getChat()?.key);
    if (mine !== seq) return;
    current = { bot, query, answer };
    results.replaceChildren();
    results.hidden = false;
    if (answer.results.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'empty-hint';
      empty.textContent = 'No results';
      results.append(empty);
      return;
    }
    results.append(...answer.results.map(resultButton));
  }

  async function choose(result) {
    const { answer } = current;
    const message = await api.choose(getMe(), answer.queryId, result.id, getChat().key);
    input.value = '';
    hide();
    if (message?.message_id !== undefined) onSent(message);
  }

  return {
    /** Call on every input change: runs the query (debounced) or hides the results. */
    update() {
      const inline = parse(input.value);
      clearTimeout(timer);
      if (!inline) {
        hide();
        return;
      }
      timer = setTimeout(() => run(inline).catch(onError), 250);
    },
    /** On Enter: sends the first result and returns true when the input is an inline query. */
    submitFirst() {
      const first = current?.answer?.results?.[0];
      if (!parse(input.value) || first === undefined) return false;
      choose(first).catch(onError);
      return true;
    },
    hide,
  };
}
