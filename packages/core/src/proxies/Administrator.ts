import type { FriendlyApi, MethodName, MethodParams } from '@delegram/api';
import type { SenderMethodName } from './Sender.js';
import { installMethods, planMethods } from './boundMethod.js';
import type { BoundMethod, ProxyApi, RequiredKeys } from './boundMethod.js';

/**
 * The methods an {@link Administrator} offers: every chat-management method whose `chat_id` is
 * required and whose name mentions a chat or a forum topic (`banChatMember`, `restrictChatMember`,
 * `promoteChatMember`, `setChatTitle`, `pinChatMessage`, `leaveChat`, `getChatMember`,
 * `createChatInviteLink`, `createForumTopic`, ...), except the send methods.
 */
export type AdministratorMethodName = {
  [M in MethodName]: M extends `${string}Chat${string}` | `${string}ForumTopic${string}`
    ? 'chat_id' extends RequiredKeys<MethodParams[M]>
      ? M extends SenderMethodName
        ? never
        : M
      : never
    : never;
}[MethodName];

/** The bound methods of an {@link Administrator}: the friendly signature without `chatId`. */
export type AdministratorMethods = {
  readonly [M in keyof Pick<FriendlyApi, AdministratorMethodName>]: BoundMethod<M, ['chat_id']>;
};

/**
 * A proxy that manages one chat: every chat administration method with `chat_id` bound
 * (telepot's `Administrator`), derived from the generated Bot API.
 *
 * @example
 * ```ts
 * const admin = new Administrator(bot.api, msg.chat.id);
 * await admin.banChatMember(spammer.id, { revoke_messages: true });
 * await admin.setChatTitle('Quiet room');
 * const me = await admin.getChatMember(botId);
 * ```
 */
export interface Administrator extends AdministratorMethods {
  /** The API client the calls go through. */
  readonly api: ProxyApi;
  /** The bound chat. */
  readonly chatId: number | string;
}

const ADMINISTRATOR_PLANS = planMethods(
  (name, params) =>
    /Chat|ForumTopic/.test(name) &&
    !/^(send|forward|copy)[A-Z]/.test(name) &&
    params.get('chat_id') === true,
  ['chat_id'],
);

/** The names of the methods an {@link Administrator} has, in Bot API order. */
export const ADMINISTRATOR_METHODS = [
  ...ADMINISTRATOR_PLANS.keys(),
] as readonly AdministratorMethodName[];

class AdministratorProxy {
  constructor(
    readonly api: ProxyApi,
    readonly chatId: number | string,
  ) {
    if (typeof chatId !== 'number' && typeof chatId !== 'string') {
      throw new TypeError(
        'new Administrator(api, chatId): chatId must be a number or an @username',
      );
    }
  }
}

installMethods(
  AdministratorProxy.prototype,
  ADMINISTRATOR_PLANS,
  (self) => ({ chat_id: self.chatId }),
  'administrator',
);

/** The constructor of {@link Administrator}s. */
export interface AdministratorConstructor {
  /**
   * Creates an {@link Administrator} for a chat.
   *
   * @param api - the API client (`bot.api`)
   * @param chatId - the chat to manage
   */
  new (api: ProxyApi, chatId: number | string): Administrator;
}

/** Creates {@link Administrator}s: `new Administrator(bot.api, ...)`. */
export const Administrator: AdministratorConstructor =
  AdministratorProxy as unknown as AdministratorConstructor;
