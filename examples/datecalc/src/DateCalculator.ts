import type { CallbackQuery, ChosenInlineResult, InlineQuery } from '@delegram/api';
import type { EventData, HandlerOptions, OptionRules, SeedTuple } from 'delegram';
import { InlineUserHandler, is } from 'delegram';
import { suggestDates } from './suggestDates.js';

/** Votes on one suggested date: voter id → `yes` or `no`. */
export type Ballot = Map<number, string>;

/** Options of {@link DateCalculator}. */
export interface DateCalculatorOptions extends HandlerOptions {
  /** Each user's open ballots by inline message id, kept across the delegate's lives. */
  readonly ballots: Map<number, Map<string, Ballot>>;
  /** How long a vote stays open, in seconds (default 30). */
  readonly votingSeconds?: number;
}

/**
 * Telepot's `datecalc.py`: a delegate per inline user suggests dates; the message the user picks
 * carries Yes/No buttons that anyone in the chat can press. The presses are callback queries on an
 * inline message, routed back to this user's delegate by origin (`interceptCallbackQueryOrigin`),
 * and an `_expired` event closes the vote after 30 s, reviving the delegate if it went idle.
 */
export class DateCalculator extends InlineUserHandler {
  /** The handler options plus this handler's own, checked when the pattern is built. */
  static override readonly optionRules: OptionRules = {
    ...InlineUserHandler.optionRules,
    ballots: is.object,
    votingSeconds: is.number,
  };

  private readonly ballots: Map<string, Ballot>;
  private readonly votingSeconds: number;

  constructor(seedTuple: SeedTuple, options: DateCalculatorOptions) {
    super(seedTuple, { answerer: { defaults: { cache_time: 0, is_personal: true } }, ...options });
    const saved = options.ballots.get(this.userId);
    this.ballots = saved ?? new Map<string, Ballot>();
    if (saved === undefined) options.ballots.set(this.userId, this.ballots);
    this.votingSeconds = options.votingSeconds ?? 30;
  }

  override onInlineQuery(query: InlineQuery): void {
    void this.answerer.answer(query, (q) => suggestDates(q.query, this.bot.clock.now()));
  }

  override onChosenInlineResult(result: ChosenInlineResult): void {
    const id = result.inline_message_id;
    if (id === undefined) return;
    this.ballots.set(id, new Map());
    this.scheduler.eventLater(this.votingSeconds, '_expired', {
      inlineMessageId: id,
      date: result.result_id,
    });
  }

  override async onCallbackQuery(query: CallbackQuery): Promise<void> {
    const ballot =
      query.inline_message_id === undefined ? undefined : this.ballots.get(query.inline_message_id);
    if (ballot === undefined) {
      await this.bot.api.answerCallbackQuery(query.id, { text: 'This vote is over.' });
      return;
    }
    const earlier = ballot.get(query.from.id);
    if (earlier !== undefined) {
      await this.bot.api.answerCallbackQuery(query.id, {
        text: `You have already voted ${earlier}`,
      });
      return;
    }
    ballot.set(query.from.id, query.data ?? 'no');
    await this.bot.api.answerCallbackQuery(query.id, { text: 'Ok' });
  }

  override async onEvent(flavor: `_${string}`, data: EventData): Promise<void> {
    if (flavor !== '_expired') return;
    const id = String(data['inlineMessageId']);
    const ballot = this.ballots.get(id);
    if (ballot === undefined) return;
    this.ballots.delete(id);
    const votes = [...ballot.values()];
    const yes = votes.filter((v) => v === 'yes').length;
    await this.editorFor(id).editMessageText({
      text: `${String(data['date'])}\nYes: ${yes}\nNo: ${votes.length - yes}`,
    });
    if (this.ballots.size === 0) this.close();
  }
}
