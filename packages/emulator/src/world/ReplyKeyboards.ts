/** A `ReplyKeyboardMarkup` as a bot sent it (JSON, snake_case fields). */
export type KeyboardMarkup = Record<string, unknown>;

/** Who a reply markup applies to: everyone in the chat, or the listed people only (`selective`). */
export type KeyboardAudience = 'all' | readonly number[];

/** A bot message that asks for a reply (`ForceReply`): the person's client opens a reply to it. */
export interface ForceReplyRequest {
  /** The bot message to reply to. */
  readonly messageId: number;
  /** The bot that asked. */
  readonly botId: number;
  /** The input field's placeholder while the reply is open (`input_field_placeholder`). */
  readonly placeholder?: string;
}

/**
 * The reply keyboards and forced replies of one chat, per person, as Telegram keeps them: a
 * chat-wide state that a non-selective markup sets for everyone, plus per-person overrides that
 * selective markups and one-time presses set.
 *
 * It stores what bots asked for; the chat record's `forceReplyFor` also ends a forced reply once
 * the person has sent a message after it, or once the bot's message is deleted.
 */
export class ReplyKeyboards {
  private everyone: KeyboardMarkup | undefined;
  /** Per-person keyboards; `null` means "removed for this person". */
  private readonly people = new Map<number, KeyboardMarkup | null>();
  private everyoneReply: ForceReplyRequest | undefined;
  private readonly peopleReplies = new Map<number, ForceReplyRequest>();

  /** The keyboard everyone without an override sees (`undefined` for none). */
  get chatWide(): KeyboardMarkup | undefined {
    return this.everyone;
  }

  /** The forced reply a non-selective `ForceReply` asked of everyone, if any. */
  get chatWideReply(): ForceReplyRequest | undefined {
    return this.everyoneReply;
  }

  /**
   * Shows a keyboard (or removes it, for `undefined`) for an audience. For `'all'` it replaces
   * every person's override, as a non-selective markup does in Telegram.
   *
   * @param markup - the `ReplyKeyboardMarkup`, or `undefined` to remove
   * @param audience - everyone, or the people it targets
   */
  show(markup: KeyboardMarkup | undefined, audience: KeyboardAudience): void {
    if (audience === 'all') {
      this.everyone = markup;
      this.people.clear();
      return;
    }
    for (const id of audience) this.people.set(id, markup ?? null);
  }

  /**
   * The keyboard one person sees.
   *
   * @param userId - the person
   * @returns the markup, or `undefined` for none
   */
  keyboardFor(userId: number): KeyboardMarkup | undefined {
    const own = this.people.get(userId);
    return own === undefined ? this.everyone : (own ?? undefined);
  }

  /**
   * Records a forced reply for an audience (the newest one replaces older ones).
   *
   * @param request - the bot message and its placeholder
   * @param audience - everyone, or the people it targets
   */
  requestReply(request: ForceReplyRequest, audience: KeyboardAudience): void {
    if (audience === 'all') {
      this.everyoneReply = request;
      this.peopleReplies.clear();
      return;
    }
    for (const id of audience) this.peopleReplies.set(id, request);
  }

  /**
   * The newest forced reply that targets a person, whether or not they answered it since.
   *
   * @param userId - the person
   * @returns the request, or `undefined`
   */
  replyRequestFor(userId: number): ForceReplyRequest | undefined {
    const own = this.peopleReplies.get(userId);
    const all = this.everyoneReply;
    if (own === undefined) return all;
    if (all === undefined) return own;
    return own.messageId > all.messageId ? own : all;
  }
}
