// Upper bound: no framework, a Map of per-chat entries, a per-chat promise chain for order and a
// per-chat idle timer (10 s, clearTimeout + setTimeout per message) that drops the entry (its
// last count is kept aside for the verification, as the delegram adapter does).
import { keyedChain, tracker } from '../../lib/track.mjs';

const IDLE_MS = 10_000;

export const adapter = {
  name: 'bare-idle',
  describe: 'no framework: Map + per-chat promise chain + per-chat idle timer (10 s) (upper bound)',
  packages: [],
  ordered: true,
  async setup(handler, env) {
    const chats = new Map();
    const dropped = new Map(); // chat id -> its count when the idle timer dropped it
    const chain = keyedChain();
    const t = tracker((e) => env.error(e));
    return {
      feed(u) {
        const m = u.message;
        const id = m.chat.id;
        t.track(
          chain.run(id, async () => {
            let c = chats.get(id);
            if (c === undefined) {
              c = {
                state: handler.initial(),
                timer: null,
                onIdle: () => {
                  chats.delete(id);
                  dropped.set(id, c.state.count);
                },
              };
              chats.set(id, c);
            } else clearTimeout(c.timer);
            c.timer = setTimeout(c.onIdle, IDLE_MS);
            const reply = handler.onText(c.state, m.text);
            await env.callApi('sendMessage', { chat_id: id, text: reply });
          }),
        );
      },
      drain: () => t.drained(),
      async close() {
        for (const c of chats.values()) clearTimeout(c.timer);
        chats.clear();
      },
      count: (id) => chats.get(id)?.state.count ?? dropped.get(id),
    };
  },
};
