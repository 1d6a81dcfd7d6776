import { checkOptions, is } from '@delegram/api';
import type { Api, SendMessageParams } from '@delegram/api';
import type { StateStore } from '../state/StateStore.js';

/** A chat a broadcast sends to: its id, or a channel's `@username`. */
export type BroadcastChatId = number | string;

/** A message of a broadcast: its text and any other `sendMessage` parameters. */
export type BroadcastMessage = { readonly text: string } & Omit<
  SendMessageParams,
  'chat_id' | 'text'
>;

/** What a custom {@link BroadcastOptions.send} gets besides the chat. */
export interface BroadcastSendContext {
  /** The bot's api (calls go through its flow control, at bulk priority). */
  readonly api: Api;
  /** Pass it to the call: it aborts the call while it is still queued, when the run stops. */
  readonly signal: AbortSignal;
}

/** Options of {@link broadcast}. */
export interface BroadcastOptions {
  /**
   * Names the broadcast and its stored cursor (`broadcast:<id>` in the bot's store): running a
   * broadcast again with the same id resumes it where it stopped, and does nothing once it has
   * finished. Use a new id for a new message.
   */
  readonly id: string;
  /**
   * The chats, in an order that is the same every time the broadcast runs (a resumed run skips
   * positions, not ids): an array, or an (async) iterable such as a database query ordered by id.
   * A chat appended at the end before a resume is included.
   */
  readonly chats: Iterable<BroadcastChatId> | AsyncIterable<BroadcastChatId>;
  /** The message: a text, a `sendMessage` payload, or a function of the chat returning either. */
  readonly message?:
    | string
    | BroadcastMessage
    | ((chatId: BroadcastChatId) => string | BroadcastMessage | Promise<string | BroadcastMessage>);
  /**
   * Sends to one chat yourself, instead of `message` (a photo, `copyMessage`, ...): make one Bot
   * API call with the context's `signal`. What it rejects with decides the chat's outcome.
   */
  readonly send?: (chatId: BroadcastChatId, context: BroadcastSendContext) => Promise<unknown>;
  /** Where the cursor is kept. Default: the bot's store. */
  readonly store?: StateStore;
  /**
   * Most messages handed to flow control and not yet answered (default 100): enough to keep the
   * bot-wide rate busy, few enough that `stop()` is prompt.
   */
  readonly maxInFlight?: number;
  /** Stops the run, like `run.stop()`. */
  readonly signal?: AbortSignal;
  /**
   * Send again to chats a crash left `uncertain` (their message was leaving; it may have arrived).
   * Default `false`: nobody gets the message twice, and those chats are reported as uncertain.
   */
  readonly resendUncertain?: boolean;
  /** Least time between two `progress` events, in ms of the bot's clock (default 1000). */
  readonly progressIntervalMs?: number;
}

/**
 * Checks a broadcast's options.
 *
 * @param options - what the caller gave
 * @throws OptionsError for an unknown key or a wrong type; TypeError or RangeError for a value
 *   that cannot work
 */
export function checkBroadcastOptions(options: BroadcastOptions): void {
  const owner = 'broadcast(bot, options)';
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${owner}: give options with an id, the chats and a message`);
  }
  checkOptions(owner, options, {
    id: is.string,
    chats: {
      expected: 'an array or an (async) iterable of chat ids',
      test: (v) =>
        typeof v === 'object' && v !== null && (Symbol.iterator in v || Symbol.asyncIterator in v),
    },
    message: is.either(is.string, is.object, is.function),
    send: is.function,
    store: is.object,
    maxInFlight: is.number,
    signal: is.signal,
    resendUncertain: is.boolean,
    progressIntervalMs: is.number,
  });
  if (options.id === undefined || options.id === '' || options.id.length > 200) {
    throw new TypeError(`${owner}: id must be a non-empty string of at most 200 characters`);
  }
  if (options.chats === undefined) throw new TypeError(`${owner}: give the chats to send to`);
  if ((options.message === undefined) === (options.send === undefined)) {
    throw new TypeError(`${owner}: give either message or send (one of them)`);
  }
  const { maxInFlight, progressIntervalMs } = options;
  if (maxInFlight !== undefined && (!Number.isInteger(maxInFlight) || maxInFlight < 1)) {
    throw new RangeError(`${owner}: maxInFlight must be a positive integer, got ${maxInFlight}`);
  }
  if (progressIntervalMs !== undefined && !(progressIntervalMs >= 0)) {
    throw new RangeError(
      `${owner}: progressIntervalMs must be 0 or more, got ${progressIntervalMs}`,
    );
  }
}
