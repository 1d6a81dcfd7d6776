// The bot's logic, the same for every framework: a per-chat counter whose new value is the reply.
// Where the state lives (a Map, a delegate, a session) is the adapter's choice and part of what is
// measured.

export const HANDLER = Object.freeze({
  initial: () => ({ count: 0 }),
  onText(state, _text) {
    state.count += 1;
    return String(state.count);
  },
});
