// The in-process stand-in for the Bot API that every framework's API object is routed to in the
// dispatch scenario. Each call yields one event-loop turn (setImmediate) before answering, so a
// handler that awaits its reply is really suspended while other updates run.
//
// Every sendMessage is checked on arrival:
// - overlaps: a sendMessage for chat C arrived while an earlier one for C was unanswered, i.e.
//   two handlers of one chat ran at once (per-chat order broken);
// - seqErrors: the reply was not the next number 1, 2, 3, ... of that chat.
// verify() then checks every chat got exactly its number of replies and the framework's stored
// counter (read back through the adapter) says the same.

import { chatIdOf, chatIndexOf } from './updates.mjs';

export const TOKEN = '123456789:AAbenchmarkbenchmarkbenchmarkbenchmark';
export const BOT_INFO = Object.freeze({
  id: 123456789,
  is_bot: true,
  first_name: 'Bench',
  username: 'bench_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
});
const FROM = Object.freeze({
  id: BOT_INFO.id,
  is_bot: true,
  first_name: 'Bench',
  username: 'bench_bot',
});

const turn = () => new Promise((resolve) => setImmediate(resolve));

function abortError() {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}

/** A getUpdates backlog: the harness pushes, a framework's own poller pulls (offset rules kept). */
export class UpdateQueue {
  constructor() {
    this.items = [];
    this.head = 0;
    this.waiter = null;
  }
  push(update) {
    this.items.push(update);
    const w = this.waiter;
    if (w !== null) {
      this.waiter = null;
      w();
    }
  }
  async take(payload = {}, signal) {
    const offset = payload.offset ?? 0;
    const limit = Math.max(1, Math.min(payload.limit ?? 100, 100));
    await turn();
    for (;;) {
      const items = this.items;
      while (this.head < items.length && items[this.head].update_id < offset) {
        items[this.head++] = undefined;
      }
      if (this.head > 4096 && this.head * 2 > items.length) {
        this.items = items.slice(this.head);
        this.head = 0;
      }
      if (this.head < this.items.length) return this.items.slice(this.head, this.head + limit);
      if (!(payload.timeout > 0)) return [];
      if (signal?.aborted) throw abortError();
      await new Promise((resolve, reject) => {
        const onAbort = () => {
          this.waiter = null;
          reject(abortError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiter = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
      });
    }
  }
}

/** A fresh stubbed Telegram for `k` chats. */
export function stubTelegram(k) {
  const seen = new Int32Array(k);
  const inflight = new Int32Array(k);
  const st = { fed: 0, replied: 0, overlaps: 0, seqErrors: 0, badChat: 0, errors: 0 };
  let waitResolve = null;
  let waitTarget = Infinity;
  let messageId = 0;
  const queue = new UpdateQueue();

  async function sendMessage(p) {
    const i = chatIndexOf(p.chat_id);
    if (i < 0) {
      st.badChat++;
      throw new Error(`stub: sendMessage to unknown chat ${p.chat_id}`);
    }
    if (inflight[i] !== 0) st.overlaps++;
    inflight[i]++;
    if (Number(p.text) !== ++seen[i]) st.seqErrors++;
    await turn();
    inflight[i]--;
    st.replied++;
    if (st.replied >= waitTarget) {
      const resolve = waitResolve;
      waitResolve = null;
      waitTarget = Infinity;
      resolve();
    }
    return {
      message_id: ++messageId,
      from: FROM,
      chat: { id: p.chat_id, type: 'private' },
      date: 1_735_000_000,
      text: p.text,
    };
  }

  /** Answers one Bot API call with its `result` (not the envelope). */
  function callApi(method, payload, signal) {
    switch (method) {
      case 'sendMessage':
        return sendMessage(payload);
      case 'getUpdates':
        return queue.take(payload, signal);
      case 'getMe':
        return Promise.resolve(BOT_INFO);
      case 'deleteWebhook':
      case 'setWebhook':
        return Promise.resolve(true);
      default:
        return Promise.reject(new Error(`stub: unexpected Bot API call ${method}`));
    }
  }

  return {
    token: TOKEN,
    botInfo: BOT_INFO,
    callApi,
    queue,
    stats: st,
    /** Resolves once every fed update got its reply. */
    idle() {
      return this.replied(st.fed);
    },
    /** Resolves once at least `n` replies were answered (one waiter at a time). */
    replied(n) {
      if (st.replied >= n) return Promise.resolve();
      if (waitResolve !== null) throw new Error('stub: only one replied()/idle() waiter at a time');
      waitTarget = n;
      return new Promise((resolve) => (waitResolve = resolve));
    },
    /** Reports an error a framework caught (fails the run). */
    error(error) {
      if (st.errors++ < 3) process.stderr.write(`[stub] handler error: ${error?.stack ?? error}\n`);
    },
    /** Checks the run against the expected replies per chat and the stored counters. */
    verify(perChat, count) {
      let missing = 0;
      let stuck = 0;
      let stateMismatch = 0;
      let stateMissing = 0;
      let checkedState = 0;
      for (let i = 0; i < k; i++) {
        if (seen[i] !== perChat[i]) missing++;
        if (inflight[i] !== 0) stuck++;
        if (typeof count === 'function' && perChat[i] !== 0) {
          const c = count(chatIdOf(i));
          if (c === undefined) stateMissing++;
          else {
            checkedState++;
            if (c !== perChat[i]) stateMismatch++;
          }
        }
      }
      const complete =
        missing === 0 &&
        stuck === 0 &&
        stateMismatch === 0 &&
        stateMissing === 0 &&
        st.seqErrors === 0 &&
        st.badChat === 0 &&
        st.errors === 0;
      const sequential = st.overlaps === 0;
      return {
        ok: complete && sequential,
        complete,
        sequential,
        missing,
        stuck,
        stateMismatch,
        stateMissing,
        checkedState,
        overlaps: st.overlaps,
        seqErrors: st.seqErrors,
        errors: st.errors,
        replied: st.replied,
      };
    },
  };
}
