import type {
  FriendlyApi,
  ChosenInlineResult,
  Message,
  MethodName,
  MethodParams,
} from '@delegram/api';
import { messageIdentifier } from '../messageIdentifier.js';
import type { MessageIdentifier } from '../messageIdentifier.js';
import { installMethods, planMethods } from './boundMethod.js';
import type { BoundMethod, MethodPlan, ProxyApi } from './boundMethod.js';

/**
 * The methods an {@link Editor} offers: every `edit*`, `stop*` and `delete*` method that takes a
 * `chat_id` and a `message_id` (`editMessageText`, `editMessageCaption`, `editMessageMedia`,
 * `editMessageReplyMarkup`, `editMessageLiveLocation`, `stopMessageLiveLocation`, `stopPoll`,
 * `deleteMessage`, ...).
 */
export type EditorMethodName = {
  [M in MethodName]: M extends `edit${string}` | `stop${string}` | `delete${string}`
    ? 'message_id' extends keyof MethodParams[M]
      ? 'chat_id' extends keyof MethodParams[M]
        ? M
        : never
      : never
    : never;
}[MethodName];

/** The parameters an {@link Editor} binds, in spec order. */
export type EditorBound = ['chat_id', 'message_id', 'inline_message_id'];

/** The bound methods of an {@link Editor}: the friendly signature without the message's ids. */
export type EditorMethods = {
  readonly [M in keyof Pick<FriendlyApi, EditorMethodName>]: BoundMethod<M, EditorBound>;
};

/**
 * What an {@link Editor} can be bound to: a `[chatId, messageId]` or `[inlineMessageId]`
 * identifier, an inline message id, a sent `Message`, or a `ChosenInlineResult` that carries an
 * `inline_message_id`.
 */
export type EditorTarget = MessageIdentifier | string | Message | ChosenInlineResult;

/**
 * A proxy that edits one message: the edit methods with the message's identifier bound
 * (telepot's `Editor`), derived from the generated Bot API.
 *
 * A chat message binds `chat_id` and `message_id`; an inline message binds `inline_message_id`.
 * Methods that only work on chat messages (`deleteMessage`, `stopPoll`, ...) reject with a clear
 * error on an editor bound to an inline message.
 *
 * @example
 * ```ts
 * const sent = await bot.api.sendMessage(chatId, 'Counting: 0');
 * const editor = new Editor(bot.api, sent);
 * await editor.editMessageText({ text: 'Counting: 1' });
 * await editor.deleteMessage();
 * ```
 */
export interface Editor extends EditorMethods {
  /** The API client the calls go through. */
  readonly api: ProxyApi;
  /** The bound message: `[chatId, messageId]` or `[inlineMessageId]`. */
  readonly identifier: MessageIdentifier;
}

const EDITOR_PLANS = planMethods(
  (name, params) =>
    /^(edit|stop|delete)[A-Z]/.test(name) && params.has('message_id') && params.has('chat_id'),
  ['chat_id', 'message_id', 'inline_message_id'],
);

/** The names of the methods an {@link Editor} has, in Bot API order. */
export const EDITOR_METHODS = [...EDITOR_PLANS.keys()] as readonly EditorMethodName[];

class EditorProxy {
  readonly identifier: MessageIdentifier;

  constructor(
    readonly api: ProxyApi,
    target: EditorTarget,
  ) {
    this.identifier = toIdentifier(target);
  }
}

function toIdentifier(target: EditorTarget): MessageIdentifier {
  if (typeof target === 'string') return [target];
  if (Array.isArray(target)) {
    const [first, second] = target as readonly unknown[];
    if (target.length === 1 && typeof first === 'string') return [first];
    if (target.length === 2 && typeof first === 'number' && typeof second === 'number') {
      return [first, second];
    }
    throw new TypeError(
      'new Editor(api, identifier): give [chatId, messageId], [inlineMessageId], ' +
        'an inline message id, or the Message itself',
    );
  }
  return messageIdentifier(target as Message);
}

function boundOf(self: EditorProxy, plan: MethodPlan): Record<string, unknown> {
  const id = self.identifier;
  if (id.length === 2) return { chat_id: id[0], message_id: id[1] };
  if (!plan.params.has('inline_message_id')) {
    throw new TypeError(
      `editor.${plan.method}: works on chat messages only, and this Editor is bound to an inline ` +
        `message; bind an Editor to [chatId, messageId] instead`,
    );
  }
  return { inline_message_id: id[0] };
}

installMethods(EditorProxy.prototype, EDITOR_PLANS, boundOf, 'editor');

/** The constructor of {@link Editor}s. */
export interface EditorConstructor {
  /**
   * Creates an {@link Editor} for a message.
   *
   * @param api - the API client (`bot.api`)
   * @param target - the message to edit (see {@link EditorTarget})
   */
  new (api: ProxyApi, target: EditorTarget): Editor;
}

/** Creates {@link Editor}s: `new Editor(bot.api, ...)`. */
export const Editor: EditorConstructor = EditorProxy as unknown as EditorConstructor;
