import type { FriendlyApi, MethodName, MethodParams } from '@delegram/api';
import { installMethods, planMethods } from './boundMethod.js';
import type { BoundMethod, ProxyApi, RequiredKeys } from './boundMethod.js';

/**
 * The methods a {@link Sender} offers: every `send*`, `forward*` and `copy*` method whose `chat_id`
 * is required (`sendMessage`, `sendPhoto`, ..., `sendInvoice`, `forwardMessage`, `copyMessage`).
 */
export type SenderMethodName = {
  [M in MethodName]: M extends `send${string}` | `forward${string}` | `copy${string}`
    ? 'chat_id' extends RequiredKeys<MethodParams[M]>
      ? M
      : never
    : never;
}[MethodName];

/** The bound methods of a {@link Sender}: the friendly signature without `chatId`. */
export type SenderMethods = {
  readonly [M in keyof Pick<FriendlyApi, SenderMethodName>]: BoundMethod<M, ['chat_id']>;
};

/**
 * A proxy that sends to one chat: every send method with `chat_id` bound (telepot's `Sender`).
 *
 * The methods are derived from the generated Bot API (types from `MethodParams`, the runtime list
 * from `METHOD_SPECS`), so a new send method in the Bot API appears here by regeneration. Each
 * takes the friendly API's arguments without the chat: required parameters first, then an
 * options object, then an `AbortSignal`. Delegates get one as `this.sender`.
 *
 * @example
 * ```ts
 * const sender = new Sender(bot.api, msg.chat.id);
 * await sender.sendMessage('Hello', { parse_mode: 'HTML' });
 * await sender.sendChatAction('typing');
 * ```
 */
export interface Sender extends SenderMethods {
  /** The API client the calls go through. */
  readonly api: ProxyApi;
  /** The bound chat. */
  readonly chatId: number | string;
}

const SENDER_PLANS = planMethods(
  (name, params) => /^(send|forward|copy)[A-Z]/.test(name) && params.get('chat_id') === true,
  ['chat_id'],
);

/** The names of the methods a {@link Sender} has, in Bot API order. */
export const SENDER_METHODS = [...SENDER_PLANS.keys()] as readonly SenderMethodName[];

class SenderProxy {
  constructor(
    readonly api: ProxyApi,
    readonly chatId: number | string,
  ) {
    if (typeof chatId !== 'number' && typeof chatId !== 'string') {
      throw new TypeError('new Sender(api, chatId): chatId must be a number or an @username');
    }
  }
}

installMethods(SenderProxy.prototype, SENDER_PLANS, (self) => ({ chat_id: self.chatId }), 'sender');

/** The constructor of {@link Sender}s. */
export interface SenderConstructor {
  /**
   * Creates a {@link Sender} for a chat.
   *
   * @param api - the API client (`bot.api`)
   * @param chatId - the chat to send to
   */
  new (api: ProxyApi, chatId: number | string): Sender;
}

/** Creates {@link Sender}s: `new Sender(bot.api, ...)`. */
export const Sender: SenderConstructor = SenderProxy as unknown as SenderConstructor;
