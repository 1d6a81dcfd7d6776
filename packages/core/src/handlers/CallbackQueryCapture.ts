import type { OriginMap, Origin } from '../delegation/OriginMap.js';
import type { SeedKey } from '../delegation/Seed.js';
import type { Incoming } from '../Incoming.js';
import { callbackOrigin } from '../delegation/seeders.js';
import { sameKey } from './sameKey.js';

type Bag = Record<string, unknown>;

const SEND = /^(send|forward|copy)[A-Z]/;
const EDIT = /^edit[A-Z]/;
const DELETE = /^deleteMessage$/;

function hasCallbackData(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 4) return false;
  const keyboard = (value as Bag)['inline_keyboard'];
  if (Array.isArray(keyboard)) {
    return keyboard.some(
      (row) =>
        Array.isArray(row) &&
        row.some((b) => typeof (b as Bag | null)?.['callback_data'] === 'string'),
    );
  }
  for (const key of Object.keys(value)) {
    if (hasCallbackData((value as Bag)[key], depth + 1)) return true;
  }
  return false;
}

function originOfSent(result: unknown): Origin | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const chatId = ((result as Bag)['chat'] as Bag | undefined)?.['id'];
  const messageId = (result as Bag)['message_id'];
  return typeof chatId === 'number' && typeof messageId === 'number'
    ? [chatId, messageId]
    : undefined;
}

function identifierOf(target: object): Origin | undefined {
  const id = (target as { identifier?: unknown }).identifier;
  return Array.isArray(id) && (id.length === 1 || id.length === 2)
    ? (id as unknown as Origin)
    : undefined;
}

function originOfArgs(args: readonly unknown[]): Origin | undefined {
  const [first, second] = args;
  if (typeof first === 'number' && typeof second === 'number') return [first, second];
  for (const arg of args) {
    if (typeof arg === 'string') return [arg];
    if (Array.isArray(arg) && (arg.length === 1 || arg.length === 2))
      return arg as unknown as Origin;
    if (typeof arg === 'object' && arg !== null) {
      const bag = arg as Bag;
      if (typeof bag['inline_message_id'] === 'string') return [bag['inline_message_id']];
      if (typeof bag['chat_id'] === 'number' && typeof bag['message_id'] === 'number') {
        return [bag['chat_id'], bag['message_id']];
      }
    }
  }
  return undefined;
}

/**
 * The callback-query interception capability of a handler (telepot's
 * `InterceptCallbackQueryMixin`, as a composed object): it watches the results of the handler's
 * sends, edits and deletes, records which messages carry this delegate's callback buttons in the
 * pattern's {@link OriginMap}, and tells which callback queries belong to this delegate.
 *
 * - a send whose arguments contain `reply_markup.inline_keyboard[*][*].callback_data` captures the
 *   sent message;
 * - an edit with callback data captures the edited message, an edit without it uncaptures it;
 * - a successful `deleteMessage` uncaptures it;
 * - a chosen inline result with an `inline_message_id` captures that inline message.
 */
export class CallbackQueryCapture {
  /**
   * @param map - the pattern's origin map
   * @param owner - this delegate's seed
   */
  constructor(
    readonly map: OriginMap,
    readonly owner: SeedKey,
  ) {}

  /**
   * Wraps an object of API methods (a sender or an editor) so their results update the origins.
   *
   * @param target - the object to wrap
   * @returns a proxy with the same methods
   */
  wrap<T extends object>(target: T): T {
    return new Proxy(target, {
      get: (obj, prop, receiver) => {
        const value = Reflect.get(obj, prop, receiver) as unknown;
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        if (!SEND.test(prop) && !EDIT.test(prop) && !DELETE.test(prop)) return value;
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
          return Promise.resolve(result).then((settled) => {
            this.observe(prop, args, settled, identifierOf(obj));
            return settled;
          });
        };
      },
    });
  }

  /**
   * Updates the origins after an API call.
   *
   * @param method - the method name
   * @param args - its arguments
   * @param result - its result
   * @param bound - the message the proxy is bound to (an editor's identifier), if any
   */
  observe(method: string, args: readonly unknown[], result: unknown, bound?: Origin): void {
    const withData = args.some((a) => hasCallbackData(a));
    if (SEND.test(method)) {
      const origin = originOfSent(result);
      if (origin !== undefined && withData) this.map.capture(origin, this.owner);
    } else if (EDIT.test(method)) {
      const origin = originOfSent(result) ?? bound ?? originOfArgs(args);
      if (origin === undefined) return;
      if (withData) this.map.capture(origin, this.owner);
      else this.map.uncapture(origin);
    } else if (result === true) {
      const origin = bound ?? originOfArgs(args);
      if (origin !== undefined) this.map.uncapture(origin);
    }
  }

  /**
   * Records origins carried by an incoming message (a chosen inline result's inline message).
   *
   * @param incoming - the message
   */
  see(incoming: Incoming): void {
    if (incoming.flavor !== 'chosen_inline_result') return;
    const inline = (incoming.msg as unknown as Bag)['inline_message_id'];
    if (typeof inline === 'string') this.map.capture([inline], this.owner);
  }

  /**
   * Tells whether a callback query's origin belongs to this delegate.
   *
   * @param incoming - the message
   * @returns `true` for a callback query on a message this delegate owns
   */
  owns(incoming: Incoming): boolean {
    if (incoming.flavor !== 'callback_query') return false;
    const origin = callbackOrigin(incoming.msg as unknown as Bag, this.map.origins);
    return origin !== undefined && sameKey(this.map.ownerOf(origin), this.owner);
  }
}
