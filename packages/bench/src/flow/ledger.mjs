// The flow scenario's bookkeeping, fed from the emulator's side: which user message left when, and
// every message the bot posted. It tells per chat whether the broadcast arrived exactly once and
// whether the replies to the conversing users came in their sequence, and how long each took.
import { quantile } from '../lib/stats.mjs';

/**
 * @param options.audience - the chat ids the broadcast goes to
 * @param options.talkers - the chat ids of the conversing users
 * @param options.newsletter - the broadcast's text
 * @param options.now - the clock (ms), `performance.now` by default
 * @returns `sent(chatId)` (a user message leaves: returns its sequence number, 1, 2, ...),
 *   `seen(chatId, text)` (the bot posted a message), `pending()` (user messages not yet
 *   answered) and `result()`
 */
export function flowLedger({ audience, talkers, newsletter, now = () => performance.now() }) {
  const newsletters = new Map(); // chat id → newsletters seen
  for (const id of audience) newsletters.set(id, 0);
  const chats = new Map(); // chat id → { sentAt[seq - 1], answeredAt[seq] (ms), the highest seq answered }
  for (const id of talkers) chats.set(id, { sentAt: [], answeredAt: [], maxSeen: 0 });
  const latencies = [];
  let sent = 0;
  let answered = 0;
  let duplicateReplies = 0;
  let outOfOrder = 0;
  let wrongText = 0;
  let stray = 0;
  let lastNewsletterAt = NaN;
  let delivered = 0;
  return {
    sent(chatId) {
      const c = chats.get(chatId);
      if (c === undefined) throw new Error(`chat ${chatId} is not a conversing chat`);
      c.sentAt.push(now());
      sent += 1;
      return c.sentAt.length;
    },
    seen(chatId, text) {
      const at = now();
      const count = newsletters.get(chatId);
      if (count !== undefined) {
        if (text !== newsletter) {
          wrongText += 1;
          return;
        }
        if (count === 0) delivered += 1;
        newsletters.set(chatId, count + 1);
        lastNewsletterAt = at;
        return;
      }
      const c = chats.get(chatId);
      const seq = Number(/^reply (\d+)$/.exec(text ?? '')?.[1]);
      if (c === undefined || !(seq >= 1 && seq <= c.sentAt.length)) {
        stray += 1;
        return;
      }
      if (c.answeredAt[seq] !== undefined) {
        duplicateReplies += 1;
        return;
      }
      // a reply to an earlier message than one already answered came out of sequence
      if (seq < c.maxSeen) outOfOrder += 1;
      c.maxSeen = Math.max(c.maxSeen, seq);
      c.answeredAt[seq] = at;
      answered += 1;
      latencies.push(at - c.sentAt[seq - 1]);
    },
    pending: () => sent - answered,
    /** Replies the emulator saw within [from, to] (ms), e.g. while the broadcast ran. */
    repliesBetween(from, to) {
      let n = 0;
      for (const c of chats.values())
        for (const at of c.answeredAt) if (at >= from && at <= to) n++;
      return n;
    },
    result() {
      let missing = 0;
      let duplicates = 0;
      for (const count of newsletters.values()) {
        if (count === 0) missing += 1;
        else duplicates += count - 1;
      }
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        newsletters: { delivered, missing, duplicates, wrongText, lastAt: lastNewsletterAt },
        replies: {
          sent,
          answered,
          missing: sent - answered,
          duplicates: duplicateReplies,
          outOfOrder,
          p50: quantile(sorted, 0.5),
          p99: quantile(sorted, 0.99),
        },
        stray,
      };
    },
  };
}
