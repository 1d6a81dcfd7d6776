import type { SeedTuple } from '../delegation/Delegate.js';
import { DelegationSetupError } from '../delegation/errors.js';
import type { Origin } from '../delegation/OriginMap.js';
import { callbackOrigin } from '../delegation/seeders.js';
import type { Incoming } from '../Incoming.js';
import type { Editor } from '../proxies/Editor.js';
import { DelegateHandler } from './DelegateHandler.js';
import type { HandlerOptions } from './HandlerOptions.js';
import { sameKey } from './sameKey.js';

/**
 * A delegate per message with callback buttons (telepot's `CallbackQueryOriginHandler`); pair it
 * with `perCallbackQueryOrigin()`. It captures callback queries on its origin and gives `origin`
 * (`[chatId, messageId]` or `[inlineMessageId]`) and `editor` (edit methods bound to it).
 *
 * @example
 * ```ts
 * class Votes extends CallbackQueryOriginHandler {
 *   private votes = 0;
 *   override async onCallbackQuery(query: CallbackQuery) {
 *     this.votes += 1;
 *     await this.bot.api.answerCallbackQuery(query.id, { text: 'Counted' });
 *     await this.editor.editMessageText({
 *       text: `${this.votes} votes`,
 *       reply_markup: { inline_keyboard: [[{ text: 'Vote', callback_data: 'vote' }]] },
 *     });
 *   }
 * }
 * new DelegatorBot(token, [delegate(perCallbackQueryOrigin(), Votes, { timeout: 60 })]);
 * ```
 */
export class CallbackQueryOriginHandler extends DelegateHandler {
  /** The message this delegate is for. */
  readonly origin: Origin;
  private editorRef: Editor | undefined;

  /**
   * @param seedTuple - from the delegator; its seed must be an origin tuple
   * @param options - timeout, event space, ...
   */
  constructor(seedTuple: SeedTuple, options: HandlerOptions = {}) {
    super(seedTuple, options);
    const seed = seedTuple.seed;
    if (!Array.isArray(seed) || (seed.length !== 1 && seed.length !== 2)) {
      throw new DelegationSetupError(
        'CallbackQueryOriginHandler needs an origin tuple as its seed; pair it with perCallbackQueryOrigin()',
      );
    }
    this.origin = seed as unknown as Origin;
  }

  /** Edit methods bound to this delegate's message, created on first use. */
  get editor(): Editor {
    return (this.editorRef ??= this.editorFor(this.origin));
  }

  override accepts(incoming: Incoming): boolean {
    if (incoming.flavor === 'callback_query') {
      const origin = callbackOrigin(incoming.msg as unknown as Record<string, unknown>);
      if (sameKey(origin, this.origin)) return true;
    }
    return super.accepts(incoming);
  }
}
