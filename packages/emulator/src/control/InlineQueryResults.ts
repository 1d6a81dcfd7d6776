import type { InlineQueryResult, InlineQueryResultsButton, Message } from '@delegram/api';
import { randomBytes } from 'node:crypto';
import type { BotAccount } from '../world/BotAccount.js';
import { EmulatorError } from '../world/EmulatorError.js';
import type { InlineQueryAnswer } from '../world/QueryAnswers.js';
import type { UserAccount } from '../world/UserAccount.js';
import type { World } from '../world/World.js';
import { inlineResultContent } from './inlineResultContent.js';
import type { SimChat } from './SimChat.js';

/**
 * A bot's answer to a simulated person's inline query, with {@link InlineQueryResults.choose} to
 * send one of the results to a chat.
 */
export class InlineQueryResults {
  /** The query's id (a fresh one when the answer came from the inline cache). */
  readonly queryId: string;
  /** The results the bot gave (at most 50). */
  readonly results: readonly InlineQueryResult[];
  /** The offset to pass to the next `inlineQuery` for more results ('' = no more). */
  readonly nextOffset: string;
  /** Seconds the bot allowed the answer to be cached. */
  readonly cacheTime: number;
  /** Whether the answer is personal to the asker. */
  readonly isPersonal: boolean;
  /** The button the bot shows above the results, if any. */
  readonly button: InlineQueryResultsButton | undefined;

  /**
   * @param world - the world
   * @param user - the person who asked
   * @param bot - the bot that answered
   * @param query - the query text
   * @param queryId - the query's id
   * @param answer - the bot's answer
   * @param chat - the chat the query was typed in, if any
   */
  constructor(
    private readonly world: World,
    private readonly user: UserAccount,
    private readonly bot: BotAccount,
    private readonly query: string,
    queryId: string,
    answer: InlineQueryAnswer,
    private readonly chat: SimChat | undefined,
  ) {
    this.queryId = queryId;
    this.results = answer.results;
    this.nextOffset = answer.nextOffset;
    this.cacheTime = answer.cacheTime;
    this.isPersonal = answer.isPersonal;
    this.button = answer.button;
  }

  /**
   * The person picks a result: it is sent to the chat as their message `via_bot`, and the bot gets
   * `chosen_inline_result` (with `inline_message_id` when the result has an inline keyboard, so the
   * bot can edit it later).
   *
   * @param resultId - the chosen result's id
   * @param chat - where to send it (default: the chat the query was typed in)
   * @returns the sent message
   * @throws EmulatorError `not_found` for an unknown result id, `invalid_option` without a chat
   */
  // eslint-disable-next-line @typescript-eslint/require-await
  async choose(resultId: string, chat: SimChat | undefined = this.chat): Promise<Message> {
    const result = this.results.find((r) => r.id === resultId);
    if (result === undefined) {
      const ids = this.results.map((r) => `"${r.id}"`).join(', ');
      throw new EmulatorError(
        'not_found',
        `No result "${resultId}" in the answer; the results are ${ids === '' ? 'none' : ids}`,
      );
    }
    if (chat === undefined) {
      throw new EmulatorError('invalid_option', 'choose() needs the chat to send the result to');
    }
    if (!chat.record.hasMember(this.user.id)) {
      throw new EmulatorError('not_member', `${this.user.firstName} is not in "${chat.title}"`);
    }
    const content = inlineResultContent(this.world, result);
    const message = this.world.postMessage(chat.record, this.user, content, { viaBot: this.bot });
    let inlineMessageId: string | undefined;
    if (message.reply_markup !== undefined) {
      inlineMessageId = randomBytes(18).toString('base64url');
      this.world.inlineMessages.set(inlineMessageId, {
        botId: this.bot.id,
        chatKey: chat.key,
        messageId: message.message_id,
      });
    }
    if (this.bot.inlineFeedback) {
      this.world.push(
        this.bot,
        'chosen_inline_result',
        {
          result_id: resultId,
          from: this.user.toUser(),
          query: this.query,
          ...(inlineMessageId === undefined ? {} : { inline_message_id: inlineMessageId }),
        },
        `user:${this.user.id}`,
      );
    }
    return structuredClone(message);
  }
}
