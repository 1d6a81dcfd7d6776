// The flow bots' side of the broadcast command: flow.mjs sends `{ type: 'broadcast', chats, text }`
// over IPC once the clock starts; the bot runs its broadcast and answers
// `{ type: 'broadcast-done', ms, ...what run returned }` (`ms`: the bot's own wall time).

/** Runs `run(chats, text)` (resolving to the bot's figures) when the parent asks for it. */
export function onBroadcast(run) {
  process.on('message', async (m) => {
    if (m?.type !== 'broadcast') return;
    const t0 = performance.now();
    try {
      const figures = await run(m.chats, m.text);
      process.send({ type: 'broadcast-done', ms: performance.now() - t0, ...figures });
    } catch (error) {
      process.send({ type: 'broadcast-done', ms: performance.now() - t0, error: String(error) });
    }
  });
}
