// Synthetic Telegram updates with the JSON shape getUpdates delivers for a text message in a
// private chat. Chat ids are above 2^32, like today's Telegram user ids, so V8 keeps them as heap
// numbers, as a real bot sees them.

export const CHAT_BASE = 5_000_000_000;
export const CHAT_STRIDE = 7_919;
const UPDATE_BASE = 700_000_000;
const DATE0 = 1_735_000_000;
const NAMES = ['Anna', 'Boris', 'Chen', 'Dana', 'Emil', 'Fatima', 'Gosha', 'Hiro', 'Ines', 'Jonas'];
const TEXTS = ['hi', 'hello there', '/start', 'what is the weather like?', 'ok', '👍', 'thanks!'];

/** The chat id of chat number `i`. */
export const chatIdOf = (i) => CHAT_BASE + i * CHAT_STRIDE;

/** Chat number of a chat id, or -1 when the id is not one of ours. */
export function chatIndexOf(id) {
  const i = (id - CHAT_BASE) / CHAT_STRIDE;
  return i >= 0 && (i | 0) === i ? i : -1;
}

/** A small seeded PRNG (mulberry32), so every framework gets the same sequence. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One text-message update: update number `seq`, chat number `chat`, the chat's `messageId`. */
export function textUpdate(seq, chat, messageId) {
  const id = chatIdOf(chat);
  const name = NAMES[chat % NAMES.length];
  return {
    update_id: UPDATE_BASE + seq,
    message: {
      message_id: messageId,
      from: { id, is_bot: false, first_name: name, language_code: 'en' },
      chat: { id, first_name: name, type: 'private' },
      date: DATE0 + ((seq / 1000) | 0),
      text: TEXTS[seq % TEXTS.length],
    },
  };
}

/** One inline query update from user number `user`. */
export function inlineUpdate(seq, user, query) {
  const id = chatIdOf(user);
  return {
    update_id: UPDATE_BASE + seq,
    inline_query: {
      id: `${id}-${seq}`,
      from: { id, is_bot: false, first_name: NAMES[user % NAMES.length], language_code: 'en' },
      query,
      offset: '',
      chat_type: 'sender',
    },
  };
}

/**
 * `n` text updates spread uniformly at random (seeded) over `k` chats, passed through
 * `JSON.parse` as an HTTP client would hand them over. `perChat[i]` is how many chat `i` gets.
 */
export function makeUpdates(n, k, seed = 42) {
  const rnd = prng(seed);
  const perChat = new Int32Array(k);
  const list = new Array(n);
  for (let s = 0; s < n; s++) {
    const i = Math.floor(rnd() * k);
    list[s] = textUpdate(s, i, ++perChat[i]);
  }
  return { updates: JSON.parse(JSON.stringify(list)), perChat };
}
