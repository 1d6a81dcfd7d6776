// A minimal stub of the Bot API over plain node:http, for the stub scenario: no emulator logic,
// as little work per request as the protocol allows, so that the bot's side is what the figures
// measure. It simulates private chats whose users each keep at most `inFlight` messages
// unanswered, and checks every reply on arrival (the chat's next number, or `bad`).
//
// Methods: getUpdates (offset confirms everything below it; limit ≤ 100; timeout holds the
// request until an update is pending or the timeout passes), sendMessage, getMe, setWebhook and
// deleteWebhook; anything else is 404 'Not Found: method not found'. Bodies may be JSON or
// urlencoded (or a query string). With a webhook set, updates are POSTed to it as Telegram does:
// at most `maxConnections` (setWebhook's max_connections, default 40) requests in flight, a chat's
// next update only once the previous one was answered 2xx, a non-2xx answer or a failed request
// retried after `retryMs`; getUpdates then answers 409, as Telegram does.
//
// Counted: updates handed out again (a getUpdates answer carrying an update it had handed out
// before, still unconfirmed; with a webhook, an update POSTed again after a failed attempt), and
// each message's latency from when its user sent it to when the bot's reply arrived.
import { Agent, createServer, request } from 'node:http';

export const STUB_TOKEN = '7000000001:AAStubBotApiTokenForTheBench_0123456789';
const BOT_ID = 7_000_000_001;
const FIRST_USER_ID = 6_000_000_000;
const PROBE_USER_ID = 5_999_999_999;
const BOT_USER = { id: BOT_ID, is_bot: true, first_name: 'Counter', username: 'counter_bot' };
const ME = JSON.stringify({
  ok: true,
  result: {
    ...BOT_USER,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  },
});
const TRUE = '{"ok":true,"result":true}';
const EMPTY = '{"ok":true,"result":[]}';
const fail = (code, description) => JSON.stringify({ ok: false, error_code: code, description });
const NOT_FOUND = fail(404, 'Not Found: method not found');
const CONFLICT = fail(
  409,
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
);

/** A first-in first-out queue that does not copy on every shift. */
class Fifo {
  items = [];
  head = 0;
  get length() {
    return this.items.length - this.head;
  }
  push(x) {
    this.items.push(x);
  }
  at(i) {
    return this.items[this.head + i];
  }
  shift() {
    const x = this.items[this.head++];
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
}

/**
 * Starts the stub on 127.0.0.1 (a free port).
 *
 * @param {object} o
 * @param {number} o.chats - private chats simulated
 * @param {number} o.perChat - messages each chat's user sends
 * @param {number} [o.inFlight] - most messages of one chat unanswered at once (default 2)
 * @param {number} [o.retryMs] - webhook mode: delay before a failed POST is sent again (default 50)
 * @param {string} [o.token]
 * @returns the stub: `apiRoot`, `token`, `probe()`, `start()`, `finished`, `result()`, `close()`
 */
export async function startStubServer({
  chats: nChats,
  perChat,
  inFlight = 2,
  retryMs = 50,
  token = STUB_TOKEN,
}) {
  const prefix = `/bot${token}/`;
  const chats = [];
  const byId = new Map();
  const makeChat = (id, firstName) => {
    const c = {
      id,
      firstName,
      sent: 0,
      replied: 0,
      nextMessageId: 1,
      sentAt: [],
      // webhook mode: updates not yet answered 2xx, and whether the chat waits in `ready` or is
      // being posted
      hookQueue: [],
      scheduled: false,
    };
    byId.set(id, c);
    return c;
  };
  for (let i = 0; i < nChats; i++) chats.push(makeChat(FIRST_USER_ID + i, `U${i}`));
  const probeChat = makeChat(PROBE_USER_ID, 'Probe');

  const total = nChats * perChat;
  const latencies = new Float64Array(total);
  let nLat = 0;
  let bad = 0;
  let stray = 0;
  let repeats = 0;
  let polls = 0;
  let posts = 0;
  let retries = 0;
  let conflicts = 0;
  let started = false;
  let nextUpdateId = 1;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  let probed;

  // polling: every update not confirmed yet, in update_id order ({ id, json, handed })
  const pending = new Fifo();
  // held long polls ({ res, offset, limit, timer })
  let waiting = [];
  let flushQueued = false;

  // webhook mode
  let webhook; // { url, secret, maxConnections }
  let hookAgent;
  const ready = new Fifo();
  let hooksInFlight = 0;

  function enqueue(c, text) {
    const update = {
      update_id: nextUpdateId++,
      message: {
        message_id: c.nextMessageId++,
        from: { id: c.id, is_bot: false, first_name: c.firstName },
        chat: { id: c.id, type: 'private', first_name: c.firstName },
        date: Math.floor(Date.now() / 1000),
        text,
      },
    };
    const u = { id: update.update_id, json: JSON.stringify(update), handed: false };
    if (webhook === undefined) {
      pending.push(u);
      if (waiting.length > 0 && !flushQueued) {
        // answer held polls once this turn's updates are all in (one batch, not one each)
        flushQueued = true;
        setImmediate(flushWaiting);
      }
      return;
    }
    c.hookQueue.push(u);
    if (!c.scheduled) {
      c.scheduled = true;
      ready.push(c);
      pump();
    }
  }

  function send(c) {
    c.sent++;
    c.sentAt.push(performance.now());
    enqueue(c, `m${c.sent}`);
  }

  function onReply(c, text) {
    if (c === probeChat) {
      probed?.();
      return;
    }
    if (!started || c.sentAt.length === 0) {
      bad++; // a reply no message is waiting for: doubled, or before the run
      return;
    }
    c.replied++;
    if (text !== String(c.replied)) bad++;
    latencies[nLat++] = performance.now() - c.sentAt.shift();
    if (c.sent < perChat) send(c);
    if (nLat === total) done();
  }

  function sendMessage(p) {
    const c = byId.get(Number(p.chat_id));
    if (c === undefined) {
      stray++;
      return [400, fail(400, 'Bad Request: chat not found')];
    }
    const text = String(p.text ?? '');
    onReply(c, text);
    return [
      200,
      JSON.stringify({
        ok: true,
        result: {
          message_id: c.nextMessageId++,
          from: BOT_USER,
          chat: { id: c.id, type: 'private', first_name: c.firstName },
          date: Math.floor(Date.now() / 1000),
          text,
        },
      }),
    ];
  }

  /** The answer to a getUpdates (offset already applied), marking repeats. */
  function batch(limit) {
    const n = Math.min(limit, pending.length);
    if (n === 0) return EMPTY;
    const parts = new Array(n);
    for (let i = 0; i < n; i++) {
      const u = pending.at(i);
      if (u.handed) repeats++;
      else u.handed = true;
      parts[i] = u.json;
    }
    return `{"ok":true,"result":[${parts.join(',')}]}`;
  }

  function confirm(offset) {
    while (pending.length > 0 && pending.at(0).id < offset) pending.shift();
  }

  function getUpdates(p, res) {
    if (webhook !== undefined) return [409, CONFLICT];
    polls++;
    const offset = Number(p.offset ?? 0);
    const limit = Math.max(1, Math.min(100, Number(p.limit ?? 100) || 100));
    const timeout = Math.max(0, Number(p.timeout ?? 0) || 0);
    if (offset > 0) confirm(offset);
    if (pending.length > 0 || timeout === 0) return [200, batch(limit)];
    // Telegram answers an older long poll when a newer one comes in
    for (const w of waiting) {
      conflicts++;
      clearTimeout(w.timer);
      reply(w.res, 200, EMPTY);
    }
    const w = { res, limit, timer: undefined };
    w.timer = setTimeout(() => {
      waiting = waiting.filter((x) => x !== w);
      reply(res, 200, EMPTY);
    }, timeout * 1000);
    res.once('close', () => {
      clearTimeout(w.timer);
      waiting = waiting.filter((x) => x !== w);
    });
    waiting = [w];
    return undefined;
  }

  function flushWaiting() {
    flushQueued = false;
    const list = waiting;
    waiting = [];
    for (const w of list) {
      clearTimeout(w.timer);
      reply(w.res, 200, batch(w.limit));
    }
  }

  function setWebhook(p) {
    const url = String(p.url ?? '');
    if (url === '') return deleteWebhook();
    webhook = {
      url: new URL(url),
      secret: p.secret_token === undefined ? undefined : String(p.secret_token),
      maxConnections: Math.max(1, Math.min(100, Number(p.max_connections ?? 40) || 40)),
    };
    hookAgent?.destroy();
    hookAgent = new Agent({ keepAlive: true, maxSockets: webhook.maxConnections });
    // what was waiting for getUpdates goes to the webhook now, in order
    while (pending.length > 0) {
      const u = pending.shift();
      const c = byId.get(JSON.parse(u.json).message.chat.id);
      c.hookQueue.push(u);
      if (!c.scheduled) {
        c.scheduled = true;
        ready.push(c);
      }
    }
    pump();
    return [200, TRUE];
  }

  function deleteWebhook() {
    webhook = undefined;
    return [200, TRUE];
  }

  /** Webhook mode: starts POSTs while there is a free connection and a chat not waiting. */
  function pump() {
    while (webhook !== undefined && hooksInFlight < webhook.maxConnections && ready.length > 0) {
      post(ready.shift());
    }
  }

  function post(c) {
    const u = c.hookQueue[0];
    if (u.handed) repeats++;
    else u.handed = true;
    posts++;
    hooksInFlight++;
    const { url, secret } = webhook;
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(u.json),
    };
    if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
    let settled = false;
    const finish = (okStatus, body, type) => {
      if (settled) return;
      settled = true;
      hooksInFlight--;
      if (!okStatus) {
        retries++;
        setTimeout(() => {
          ready.push(c);
          pump();
        }, retryMs);
        pump();
        return;
      }
      c.hookQueue.shift();
      if (c.hookQueue.length > 0) ready.push(c);
      else c.scheduled = false;
      // a method in the answer (a "webhook reply"): Telegram calls it for the bot
      if (body.length > 0 && type?.includes('json')) {
        try {
          const call = JSON.parse(body);
          if (call?.method === 'sendMessage') sendMessage(call);
        } catch {
          // not a call: ignored, as Telegram does
        }
      }
      pump();
    };
    const req = request(
      {
        agent: hookAgent,
        method: 'POST',
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () =>
          finish(res.statusCode >= 200 && res.statusCode < 300, body, res.headers['content-type']),
        );
        res.on('error', () => finish(false));
        res.on('close', () => {
          if (!res.complete) finish(false);
        });
      },
    );
    req.on('error', () => finish(false));
    req.end(u.json);
  }

  function reply(res, status, body) {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  }

  function handle(req, res, raw) {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (!path.startsWith(prefix)) {
      reply(res, 401, fail(401, 'Unauthorized'));
      return;
    }
    const method = path.slice(prefix.length);
    let p;
    try {
      p = params(req, raw, q < 0 ? '' : url.slice(q + 1));
    } catch {
      reply(res, 400, fail(400, "Bad Request: can't parse request body"));
      return;
    }
    let answer;
    switch (method) {
      case 'getUpdates':
        answer = getUpdates(p, res);
        break;
      case 'sendMessage':
        answer = sendMessage(p);
        break;
      case 'getMe':
        answer = [200, ME];
        break;
      case 'setWebhook':
        answer = setWebhook(p);
        break;
      case 'deleteWebhook':
        answer = deleteWebhook();
        break;
      default:
        answer = [404, NOT_FOUND];
    }
    if (answer !== undefined) reply(res, answer[0], answer[1]);
  }

  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const chunks = [];
    req.on('data', (d) => chunks.push(d));
    req.on('end', () =>
      handle(
        req,
        res,
        chunks.length === 1 ? chunks[0].toString() : Buffer.concat(chunks).toString(),
      ),
    );
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    /** Long polls held, waiting for an update. */
    get heldPolls() {
      return waiting.length;
    },
    /** The webhook URL the bot set, if any. */
    get webhookUrl() {
      return webhook?.url.href;
    },
    /** One message in a chat of its own; resolves when the bot replied to it (before the clock starts). */
    probe() {
      const answered = new Promise((resolve) => (probed = resolve));
      probeChat.sentAt.push(performance.now());
      enqueue(probeChat, 'ping');
      return answered;
    },
    /** The users start sending: `inFlight` messages per chat, then one per reply. */
    start() {
      started = true;
      repeats = polls = posts = retries = conflicts = 0;
      for (const c of chats) for (let j = 0; j < inFlight && c.sent < perChat; j++) send(c);
    },
    /** Resolves when every message was answered. */
    finished,
    /** The counts, and whether every chat got exactly its replies, in sequence. */
    result() {
      const sorted = latencies.slice(0, nLat).sort();
      const complete = chats.every((c) => c.replied === perChat && c.sentAt.length === 0);
      return {
        messages: nLat,
        latencies: sorted,
        bad,
        stray,
        repeats,
        polls,
        posts,
        retries,
        conflicts,
        ok: bad === 0 && stray === 0 && complete && nLat === total,
      };
    },
    async close() {
      for (const w of waiting) {
        clearTimeout(w.timer);
        reply(w.res, 200, EMPTY);
      }
      waiting = [];
      webhook = undefined;
      hookAgent?.destroy();
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** A request's parameters: a JSON or urlencoded body, else the query string. */
function params(req, raw, query) {
  const type = req.headers['content-type'] ?? '';
  if (raw.length > 0 && type.startsWith('application/json')) return JSON.parse(raw);
  if (raw.length > 0 && type.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  if (raw.length > 0 && type.startsWith('multipart/')) throw new Error('multipart: not stubbed');
  return query === '' ? {} : Object.fromEntries(new URLSearchParams(query));
}
