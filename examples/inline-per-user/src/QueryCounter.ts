import type { ChosenInlineResult, InlineQuery } from '@delegram/api';
import type { HandlerOptions, OptionRules, SeedTuple } from 'delegram';
import { InlineUserHandler, is } from 'delegram';

/** Options of {@link QueryCounter}. */
export interface QueryCounterOptions extends HandlerOptions {
  /** Told about each chosen result (default: nothing). */
  readonly onChosen?: (userId: number, result: ChosenInlineResult) => void;
}

/**
 * Telepot's `QueryCounter` (`inline_per_user.py`): one delegate per inline user that counts the
 * user's queries and answers each with `<n>. <query>`, through its own `this.answerer`. The count
 * starts over once the user has been quiet for the idle timeout.
 */
export class QueryCounter extends InlineUserHandler {
  /** The handler options plus this handler's own, checked when the pattern is built. */
  static override readonly optionRules: OptionRules = {
    ...InlineUserHandler.optionRules,
    onChosen: is.function,
  };

  private readonly onChosen: QueryCounterOptions['onChosen'];
  private count = 0;

  constructor(seedTuple: SeedTuple, options: QueryCounterOptions = {}) {
    super(seedTuple, { answerer: { defaults: { cache_time: 0, is_personal: true } }, ...options });
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
}
