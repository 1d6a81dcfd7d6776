// The no-framework counter bot, the limit of the stub scenario: a node:http long-poll loop with a
// keep-alive Agent, JSON.parse, a per-chat promise chain for order, the counter in a Map, and
// sendMessage with http.request and a JSON body. Each batch is confirmed on receipt (the next
// poll carries the next offset); at most 500 updates in progress.
import { Agent, request } from 'node:http';
import { botProcess } from '../../e2e/bots/botProcess.mjs';

const MAX_IN_PROGRESS = 500;

await botProcess(async ({ apiRoot, token }) => {
  const root = new URL(apiRoot);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let polling; // the long poll in flight, destroyed by stop()

  const call = (method, payload) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(payload);
      const req = request(
        {
          agent,
          method: 'POST',
          host: root.hostname,
          port: root.port,
          path: `/bot${token}/${method}`,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => {
            try {
              const answer = JSON.parse(text);
              if (answer.ok) resolve(answer.result);
              else reject(new Error(`${method}: ${answer.error_code} ${answer.description}`));
            } catch (error) {
              reject(error);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (method === 'getUpdates') polling = req;
      req.end(body);
    });

  const counts = new Map();
  const chains = new Map();
  let inProgress = 0;
  let roomWaiter;
  let drainWaiter;
  const finished = () => {
    inProgress--;
    if (roomWaiter !== undefined && inProgress < MAX_IN_PROGRESS) {
      const w = roomWaiter;
      roomWaiter = undefined;
      w();
    }
    if (drainWaiter !== undefined && inProgress === 0) drainWaiter();
  };
  const handle = async (message) => {
    const id = message.chat.id;
    const n = (counts.get(id) ?? 0) + 1;
    counts.set(id, n);
    await call('sendMessage', { chat_id: id, text: String(n) });
  };
  const enqueue = (update) => {
    const message = update.message;
    if (message?.text === undefined) return;
    inProgress++;
    const id = message.chat.id;
    const prev = chains.get(id);
    const step = () => handle(message);
    const p = (prev === undefined ? step() : prev.then(step, step))
      .catch((error) => process.stderr.write(`[bare bot] ${String(error)}\n`))
      .finally(() => {
        finished();
        if (chains.get(id) === p) chains.delete(id);
      });
    chains.set(id, p);
  };

  let running = true;
  const loop = (async () => {
    let offset = 0;
    while (running) {
      if (inProgress >= MAX_IN_PROGRESS) await new Promise((r) => (roomWaiter = r));
      let updates;
      try {
        updates = await call('getUpdates', {
          offset,
          limit: Math.min(100, MAX_IN_PROGRESS - inProgress),
          timeout: 30,
        });
      } catch (error) {
        if (!running) return;
        process.stderr.write(`[bare bot] getUpdates: ${String(error)}\n`);
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (updates.length > 0) offset = updates[updates.length - 1].update_id + 1;
      for (const update of updates) enqueue(update);
    }
  })();

  return async () => {
    running = false;
    polling?.destroy();
    await loop;
    if (inProgress > 0) await new Promise((r) => (drainWaiter = r));
    agent.destroy();
  };
});
