import type { Update } from '@delegram/api';
import type { Bot } from '../Bot.js';
import { MalformedUpdateError } from '../errors.js';
import { classifyUpdate } from '../loop/classifyUpdate.js';
import { invokeHandler } from '../loop/invokeHandler.js';
import type { FlavorRoutingTable, LoopHandler } from '../loop/LoopOptions.js';
import { mustRedeliver } from '../state/errors.js';

/** How a webhook update's handling ended. */
export interface Settled {
  /** What the handler returned (a `webhookReply`, for `wait`). */
  readonly value: unknown;
  /** Its state could not be saved: it must come again (500 with `wait`, kept in an inbox). */
  readonly redeliver: boolean;
}

/**
 * Classifies and handles one webhook update, reporting what goes wrong on the bot's `error`
 * event: a malformed update, a handler that throws or rejects.
 *
 * @param bot - the bot
 * @param handler - the webhook's handler, or nothing for `bot.handle`
 * @param update - the update
 * @returns a promise that settles (never rejects) when the handler finished
 * @internal
 */
export function settleUpdate(
  bot: Bot,
  handler: LoopHandler | FlavorRoutingTable | undefined,
  update: Update,
): Promise<Settled> {
  const incoming = classifyUpdate(update);
  if (incoming instanceof MalformedUpdateError) {
    bot.reportError(incoming, { source: 'webhook', update, outcome: 'continue' });
    return Promise.resolve({ value: undefined, redeliver: false });
  }
  let result: unknown;
  try {
    result = invokeHandler(bot, handler, update, incoming);
  } catch (error) {
    bot.reportError(error, { source: 'handler', update, incoming, outcome: 'continue' });
    return Promise.resolve({ value: undefined, redeliver: false });
  }
  return Promise.resolve(result).then(
    (value) => ({ value, redeliver: false }),
    (error: unknown) => {
      // An update whose state could not be saved must come again.
      const redeliver = mustRedeliver(error);
      bot.reportError(error, {
        source: 'handler',
        update,
        incoming,
        outcome: redeliver ? 'retry' : 'continue',
      });
      return { value: undefined, redeliver };
    },
  );
}
