import type { ChosenInlineResult, InlineQuery } from '@delegram/api';
import type { CloseReason, HandlerOptions, SeedTuple } from 'delegram';
import { Answerer, InlineUserHandler } from 'delegram';

/** Options of {@link QueryCounter}. */
export interface QueryCounterOptions extends HandlerOptions {
  /** Told about each chosen result (default: nothing). */
  readonly onChosen?: (userId: number, result: ChosenInlineResult) => void;
}

/**
 * Telepot's `QueryCounter` (`inline_per_user.py`): one delegate per inline user that counts the
 * user's queries and answers each with `<n>. <query>`, through its own {@link Answerer}. The count
 * starts over once the user has been quiet for the idle timeout.
 */
export class QueryCounter extends InlineUserHandler {
  private readonly answerer: Answerer;
  private readonly onChosen: QueryCounterOptions['onChosen'];
  private count = 0;

  constructor(seedTuple: SeedTuple, options: QueryCounterOptions = {}) {
    super(seedTuple, options);
    this.answerer = new Answerer(this.bot, { defaults: { cache_time: 0, is_personal: true } });
    this.onChosen = options.onChosen;
  }

  override onInlineQuery(query: InlineQuery): void {
    this.count += 1;
    const text = `${this.count}. ${query.query}`;
    // Not awaited: the next query of this user must not wait behind this answer.
    void this.answerer.answer(query, () => [
      { type: 'article', id: 'abc', title: text, input_message_content: { message_text: text } },
    ]);
  }

  override onChosenInlineResult(result: ChosenInlineResult): void {
    this.onChosen?.(this.userId, result);
  }

  override onClose(reason: CloseReason): void {
    this.answerer.close();
    super.onClose(reason);
  }
}
