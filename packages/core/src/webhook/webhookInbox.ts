import type { Update } from '@delegram/api';
import type { Bot } from '../Bot.js';
import type { Inbox } from '../inbox/Inbox.js';
import type { FlavorRoutingTable, LoopHandler } from '../loop/LoopOptions.js';
import { settleUpdate } from './settleUpdate.js';
import type { Settled } from './settleUpdate.js';

/** Opening (and replaying) of each inbox used by a webhook handler: once per inbox. */
const opened = new WeakMap<Inbox, Promise<void>>();

/**
 * Opens a webhook's inbox on its first request and hands what a previous process left
 * unfinished to the handler again, oldest first (in the background: the request that opened it
 * does not wait for them). Later calls return the same promise.
 *
 * @param bot - the bot (for `bot.handle` and error reports)
 * @param inbox - the webhook's inbox
 * @param handler - the webhook's handler, or nothing for `bot.handle`
 * @returns a promise that resolves once the inbox is open
 * @throws InboxWriteError when it cannot be opened (every request then answers 503)
 */
export function openWebhookInbox(
  bot: Bot,
  inbox: Inbox,
  handler: LoopHandler | FlavorRoutingTable | undefined,
): Promise<void> {
  let open = opened.get(inbox);
  if (open === undefined) {
    open = inbox.open().then((recovery) => {
      for (const problem of recovery.problems) {
        bot.reportError(problem, { source: 'inbox', outcome: 'continue' });
      }
      for (const update of recovery.unfinished) void handleJournaled(bot, inbox, handler, update);
    });
    // A failed open is retried by the next request.
    open.catch(() => opened.delete(inbox));
    opened.set(inbox, open);
  }
  return open;
}

/**
 * Handles an update that is in the inbox and marks it done there once handled (unless it asks
 * for redelivery: its state was not saved, so it stays for the next process).
 *
 * @param bot - the bot
 * @param inbox - the inbox holding the update
 * @param handler - the webhook's handler, or nothing for `bot.handle`
 * @param update - the update
 * @returns the handler's outcome, settled (errors are reported on the bot)
 */
export function handleJournaled(
  bot: Bot,
  inbox: Inbox,
  handler: LoopHandler | FlavorRoutingTable | undefined,
  update: Update,
): Promise<Settled> {
  return settleUpdate(bot, handler, update).then((settled) => {
    if (!settled.redeliver) inbox.done(update.update_id);
    return settled;
  });
}
