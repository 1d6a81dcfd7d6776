// Inline mode in the composer: typing "@botname query" asks the bot (an inline query) and lists
// its results above the input; clicking one, or Enter for the first, sends it to the open chat.
// When the bot pages its answer (next_offset), a "More results" button asks for the next page.

import { api } from './api.js';

/**
 * Wires inline mode. `getBots()`, `getMe()` and `getChat()` read the page's state; `onSent(message)`
 * shows the message that the chosen result became (only while the chat it went to is still open).
 */
export function inlineMode({ input, results, getBots, getMe, getChat, onSent, onError }) {
  let seq = 0;
  let timer;
  let current; // { bot, query, answer } (answer: the first page)

  function parse(value) {
    const match = /^@([A-Za-z0-9_]{3,})(?:\s([\s\S]*))?$/.exec(value);
    if (!match) return undefined;
    const bot = getBots().find((b) => b.username.toLowerCase() === match[1].toLowerCase());
    return bot && match[2] !== undefined ? { bot, query: match[2] } : undefined;
  }

  function hide() {
    clearTimeout(timer);
    seq += 1;
    current = undefined;
    results.hidden = true;
    results.replaceChildren();
  }

  function resultButton(result, answer) {
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
    item.addEventListener('click', () => choose(result, answer).catch(onError));
    return item;
  }

  // Appends one page of results, and a button for the next page when there is one.
  function showPage(inline, answer, mine) {
    results.append(...answer.results.map((result) => resultButton(result, answer)));
    if (answer.nextOffset === '' || answer.nextOffset === undefined) return;
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'inline-more';
    more.textContent = 'More results';
    more.addEventListener('click', () => {
      more.disabled = true;
      const chat = getChat()?.key;
      api
        .inline(getMe(), inline.bot.id, inline.query, chat, answer.nextOffset)
        .then((next) => {
          if (mine !== seq) return;
          more.remove();
          showPage(inline, next, mine);
        })
        .catch((error) => {
          more.disabled = false;
          onError(error);
        });
    });
    results.append(more);
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
    showPage({ bot, query }, answer, mine);
  }

  async function choose(result, answer) {
    const chat = getChat();
    if (!chat) throw new Error('Open a chat first');
    const message = await api.choose(getMe(), answer.queryId, result.id, chat.key);
    // Another chat may be open by now: its input and results are its own.
    if (getChat() !== chat) return;
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
      choose(first, current.answer).catch(onError);
      return true;
    },
    hide,
  };
}
