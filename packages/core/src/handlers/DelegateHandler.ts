import type {
  BusinessConnection,
  BusinessMessagesDeleted,
  CallbackQuery,
  ChatBoostRemoved,
  ChatBoostUpdated,
  ChatJoinRequest,
  ChatMemberUpdated,
  ChosenInlineResult,
  InlineQuery,
  Message,
  MessageReactionCountUpdated,
  MessageReactionUpdated,
  Poll,
  PollAnswer,
  PreCheckoutQuery,
  ShippingQuery,
  Update,
} from '@delegram/api';
import type { OptionRules } from '@delegram/api';
import createDebug from 'debug';
import type {
  CloseReason,
  DelegateControl,
  DelegateLogic,
  IdleEvent,
  SeedTuple,
  StateBinding,
} from '../delegation/Delegate.js';
import { DelegateScheduler } from '../delegation/DelegateScheduler.js';
import { DelegationSetupError } from '../delegation/errors.js';
import type { Listener } from '../delegation/Listener.js';
import type { oneShot, SeedKey } from '../delegation/Seed.js';
import type { DelegatorBot } from '../DelegatorBot.js';
import { isEventFlavor } from '../flavor.js';
import type { EventData } from '../flavor.js';
import type { Incoming, IncomingOf } from '../Incoming.js';
import { Editor } from '../proxies/Editor.js';
import type { EditorTarget } from '../proxies/Editor.js';
import type { StateOptions } from '../state/StateOptions.js';
import { CallbackQueryCapture } from './CallbackQueryCapture.js';
import { fieldStateBinding } from './fieldStateBinding.js';
import { HANDLER_OPTION_RULES } from './HandlerOptions.js';
import type { HandlerOptions } from './HandlerOptions.js';
import { sameKey } from './sameKey.js';

const log = createDebug('delegram:delegate');

type Payload<K extends keyof Update> = NonNullable<Update[K]>;

const hookNames = new Map<string, string>();
function hookName(kind: string): string {
  let name = hookNames.get(kind);
  if (name === undefined) {
    name = 'on' + kind.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
    hookNames.set(kind, name);
  }
  return name;
}

/**
 * The base of every handler class: a delegate's behaviour as an object, telepot-style.
 *
 * It gives the context (`bot`, `id`, `listener`, `scheduler`, `close()`) and routes each message
 * by flavor to a hook: `onChatMessage`, `onEditedChatMessage`, `onCallbackQuery`, `onInlineQuery`,
 * `onChosenInlineResult`, `onShippingQuery`, `onPreCheckoutQuery`, a hook per other update kind
 * (`onPoll`, `onMyChatMember`, `onBusinessMessage`, ...: `on` + the kind in PascalCase), and
 * `onEvent` for events. Hooks that are not defined are skipped. `open(initial, seed)` runs first
 * and may return `true` to suppress handling of the first message; `onIdle` and `onClose` end the
 * life. Capabilities (idle timeout, callback capture, the event scheduler) are options, not mixins.
 *
 * Subclass {@link ChatHandler}, {@link UserHandler}, {@link InlineUserHandler},
 * {@link CallbackQueryOriginHandler}, {@link InvoiceHandler} or {@link Monitor} rather than this.
 */
export abstract class DelegateHandler implements DelegateLogic {
  /**
   * The options this class takes and how each is checked: `createOpen(cls, options)` and
   * `delegate(seeder, cls, options)` refuse an unknown key or a wrong type with an
   * `OptionsError` when the pattern is built. A subclass with options of its own extends it
   * (see {@link HANDLER_OPTION_RULES}).
   */
  static readonly optionRules: OptionRules = HANDLER_OPTION_RULES;
  /** The bot. */
  readonly bot: DelegatorBot;
  /**
   * The delegate's seed: the chat id, user id, origin or payload it is for; `0` for a one-shot
   * delegate (a seeder that returned `oneShot`), which has no seed of its own.
   */
  readonly id: SeedKey;
  /** The runtime's handle on this delegate. */
  protected readonly delegate: DelegateControl;
  /** Idle timeout in seconds (from the `timeout` option). */
  readonly idleTimeout: number | undefined;
  /** What a handler error does (from the `onError` option). */
  readonly onError: 'close' | 'keep' | undefined;
  /** The callback-query interception capability, when the pattern intercepts origins. */
  readonly callbackCapture: CallbackQueryCapture | undefined;
  private readonly eventSpace: number | undefined;
  private readonly stateOptions: StateOptions | undefined;
  private schedulerRef: DelegateScheduler | undefined;
  private bindingRef: StateBinding | undefined;

  /**
   * @param seedTuple - from the delegator
   * @param options - timeout, event space, error policy
   */
  constructor(seedTuple: SeedTuple, options: HandlerOptions = {}) {
    if (seedTuple === null || typeof seedTuple !== 'object' || seedTuple.delegate === undefined) {
      throw new DelegationSetupError(
        'a handler is constructed by its delegator: use createOpen(Handler, options) or ' +
          'delegate(seeder, Handler, options), not new Handler()',
      );
    }
    this.bot = seedTuple.bot;
    this.delegate = seedTuple.delegate;
    this.id = DelegateHandler.keyOf(seedTuple.seed);
    this.idleTimeout = options.timeout;
    this.onError = options.onError;
    this.eventSpace = options.eventSpace;
    this.stateOptions = options.state;
    this.callbackCapture =
      options.interceptCallbackQuery === undefined
        ? undefined
        : new CallbackQueryCapture(options.interceptCallbackQuery, this.id);
  }

  /**
   * Wraps an object of API methods with the callback capture, if this delegate intercepts
   * callback queries (used by subclasses for `sender` and `editor`).
   *
   * @param methods - the object to wrap
   * @returns the object, or a capturing proxy of it
   */
  protected captured<T extends object>(methods: T): T {
    return this.callbackCapture === undefined ? methods : this.callbackCapture.wrap(methods);
  }

  private static keyOf(seed: SeedKey | typeof oneShot): SeedKey {
    return typeof seed === 'symbol' ? 0 : seed;
  }

  /**
   * The durable state of a handler that declares a `state` field (its initial value), read by
   * the runtime once the handler is constructed: the stored state replaces the field's value
   * before the first message, and the field is saved after each handled message when it
   * changed. A handler without a `state` field keeps nothing. See docs/state.md.
   *
   * @example
   * ```ts
   * class Counter extends ChatHandler {
   *   state = { count: 0 };
   *   async onChatMessage() {
   *     this.state.count += 1;
   *     await this.sender.sendMessage({ text: `${this.state.count}` });
   *   }
   * }
   * ```
   */
  get stateBinding(): StateBinding | undefined {
    if (this.bindingRef !== undefined) return this.bindingRef;
    if (!('state' in this)) {
      if (this.stateOptions !== undefined) {
        throw new DelegationSetupError(
          `${this.constructor.name} was given the 'state' option but declares no state field; ` +
            'declare one with its initial value, e.g. state = { count: 0 }',
        );
      }
      return undefined;
    }
    return (this.bindingRef = fieldStateBinding(this, this.constructor.name, this.stateOptions));
  }

  /** The delegate's listener: add capture patterns, or `wait()` for the next message. */
  get listener(): Listener {
    return this.delegate.listener;
  }

  /**
   * The delegate's scheduler: events it schedules come back to this delegate (`onEvent`), or
   * revive it after it closed.
   *
   * @throws {@link DelegationSetupError} when the pattern has no event space
   */
  get scheduler(): DelegateScheduler {
    if (this.schedulerRef !== undefined) return this.schedulerRef;
    if (this.eventSpace === undefined) {
      throw new DelegationSetupError(
        'this handler has no event space: build its pattern with delegate(...) or paveEventSpace()(...)',
      );
    }
    return (this.schedulerRef = new DelegateScheduler(
      this.bot.scheduler,
      this.eventSpace,
      this.id,
    ));
  }

  /**
   * An editor for a message (edit methods bound to its identifier); with callback interception,
   * edits with or without callback buttons capture or release the message's callback queries.
   *
   * @param target - `[chatId, messageId]`, `[inlineMessageId]`, an inline message id or a `Message`
   * @returns the editor
   */
  editorFor(target: EditorTarget): Editor {
    return this.captured(new Editor(this.bot.api, target));
  }

  /**
   * Runs a side effect of the message being handled at most once across redeliveries of its
   * update (see {@link DelegateControl.once}).
   *
   * @example
   * ```ts
   * await this.once('welcome', () => this.sender.sendMessage('Welcome!'));
   * ```
   * @param name - names the effect within the update
   * @param effect - the side effect
   * @returns the effect's result, or `undefined` when it had run already for this update
   */
  once<T>(name: string, effect: () => T | Promise<T>): Promise<T | undefined> {
    return this.delegate.once(name, effect);
  }

  /** Whether this delegate is neither closing nor closed. */
  get isAlive(): boolean {
    return this.delegate.isAlive;
  }

  /**
   * Closes this delegate with reason `closed` once the current message is handled.
   */
  close(): void {
    this.delegate.close();
  }

  /**
   * Tells whether a message routed here is for this delegate. The base accepts this delegate's
   * own events; subclasses add their captures (telepot's capture patterns).
   *
   * @param incoming - the message
   * @returns whether to handle it
   */
  accepts(incoming: Incoming): boolean {
    if (this.callbackCapture?.owns(incoming) === true) return true;
    if (incoming.flavor.charCodeAt(0) !== 95 || this.eventSpace === undefined) return false;
    const source = (incoming.msg as EventData).source;
    return source?.space === this.eventSpace && sameKey(source.id, this.id);
  }

  /**
   * Called with the first message before it is handled; return `true` to suppress handling it.
   *
   * @param _initial - the first message
   * @param _seed - the seed
   * @returns `true` to skip `onMessage` for the first message
   */
  open(_initial: Incoming, _seed: SeedKey | typeof oneShot): unknown {
    return undefined;
  }

  /**
   * Routes a message to its hook by flavor. Override it to handle every message yourself.
   *
   * @param incoming - the message
   * @returns what the hook returns (awaited by the runtime)
   */
  onMessage(incoming: Incoming): unknown {
    const msg = incoming.msg as never;
    this.callbackCapture?.see(incoming);
    switch (incoming.flavor) {
      case 'chat':
        if (incoming.kind === 'edited_message' || incoming.kind === 'edited_channel_post') {
          return this.onEditedChatMessage?.(msg, incoming);
        }
        return this.onChatMessage?.(msg, incoming);
      case 'callback_query':
        return this.onCallbackQuery?.(msg, incoming);
      case 'inline_query':
        return this.onInlineQuery?.(msg, incoming);
      case 'chosen_inline_result':
        return this.onChosenInlineResult?.(msg, incoming);
      case 'shipping_query':
        return this.onShippingQuery?.(msg, incoming);
      case 'pre_checkout_query':
        return this.onPreCheckoutQuery?.(msg, incoming);
      default:
        break;
    }
    if (isEventFlavor(incoming.flavor)) return this.onEvent?.(incoming.flavor, msg, incoming);
    const hook = (this as unknown as Record<string, unknown>)[hookName(incoming.kind)];
    if (typeof hook === 'function')
      return (hook as (m: unknown, i: Incoming) => unknown).call(this, msg, incoming);
    log('no hook for %s on delegate %o', incoming.kind, this.id);
    return undefined;
  }

  /**
   * Called once when the delegate closes. The default logs the reason on `delegram:delegate`.
   *
   * @param reason - why it closed
   * @returns anything; a promise is awaited
   */
  onClose(reason: CloseReason): unknown {
    log('delegate %o closed: %s', this.id, reason.reason);
    return undefined;
  }

  /** A new message or channel post. */
  onChatMessage?(msg: Message, incoming: IncomingOf<'chat'>): unknown;
  /** An edited message or channel post. */
  onEditedChatMessage?(msg: Message, incoming: IncomingOf<'chat'>): unknown;
  /** A callback query. */
  onCallbackQuery?(query: CallbackQuery, incoming: IncomingOf<'callback_query'>): unknown;
  /** An inline query. */
  onInlineQuery?(query: InlineQuery, incoming: IncomingOf<'inline_query'>): unknown;
  /** A chosen inline result. */
  onChosenInlineResult?(
    result: ChosenInlineResult,
    incoming: IncomingOf<'chosen_inline_result'>,
  ): unknown;
  /** A shipping query. */
  onShippingQuery?(query: ShippingQuery, incoming: IncomingOf<'shipping_query'>): unknown;
  /** A pre-checkout query. */
  onPreCheckoutQuery?(query: PreCheckoutQuery, incoming: IncomingOf<'pre_checkout_query'>): unknown;
  /** An event of this delegate (`_alarm`, ...), scheduled with {@link DelegateHandler.scheduler}. */
  onEvent?(flavor: `_${string}`, data: EventData, incoming: Incoming): unknown;
  /** The idle timeout expired; without this hook the delegate closes with reason `idle`. */
  onIdle?(event: IdleEvent): unknown;
  /** A business connection update. */
  onBusinessConnection?(
    msg: BusinessConnection,
    incoming: IncomingOf<'business_connection'>,
  ): unknown;
  /** A business message. */
  onBusinessMessage?(msg: Message, incoming: IncomingOf<'business_message'>): unknown;
  /** An edited business message. */
  onEditedBusinessMessage?(msg: Message, incoming: IncomingOf<'edited_business_message'>): unknown;
  /** Deleted business messages. */
  onDeletedBusinessMessages?(
    msg: BusinessMessagesDeleted,
    incoming: IncomingOf<'deleted_business_messages'>,
  ): unknown;
  /** A guest message. */
  onGuestMessage?(msg: Payload<'guest_message'>, incoming: IncomingOf<'guest_message'>): unknown;
  /** A reaction change. */
  onMessageReaction?(
    msg: MessageReactionUpdated,
    incoming: IncomingOf<'message_reaction'>,
  ): unknown;
  /** Anonymous reaction counts. */
  onMessageReactionCount?(
    msg: MessageReactionCountUpdated,
    incoming: IncomingOf<'message_reaction_count'>,
  ): unknown;
  /** A paid media purchase. */
  onPurchasedPaidMedia?(
    msg: Payload<'purchased_paid_media'>,
    incoming: IncomingOf<'purchased_paid_media'>,
  ): unknown;
  /** A poll state. */
  onPoll?(poll: Poll, incoming: IncomingOf<'poll'>): unknown;
  /** A poll answer. */
  onPollAnswer?(answer: PollAnswer, incoming: IncomingOf<'poll_answer'>): unknown;
  /** The bot's own chat member status changed. */
  onMyChatMember?(update: ChatMemberUpdated, incoming: IncomingOf<'my_chat_member'>): unknown;
  /** A chat member's status changed. */
  onChatMember?(update: ChatMemberUpdated, incoming: IncomingOf<'chat_member'>): unknown;
  /** A join request. */
  onChatJoinRequest?(request: ChatJoinRequest, incoming: IncomingOf<'chat_join_request'>): unknown;
  /** A chat boost. */
  onChatBoost?(boost: ChatBoostUpdated, incoming: IncomingOf<'chat_boost'>): unknown;
  /** A removed chat boost. */
  onRemovedChatBoost?(boost: ChatBoostRemoved, incoming: IncomingOf<'removed_chat_boost'>): unknown;
  /** A managed bot update. */
  onManagedBot?(msg: Payload<'managed_bot'>, incoming: IncomingOf<'managed_bot'>): unknown;
  /** A subscription update. */
  onSubscription?(msg: Payload<'subscription'>, incoming: IncomingOf<'subscription'>): unknown;
}
