import type { CallbackQuery, InlineKeyboardMarkup } from '@delegram/api';
import type { EventData, HandlerOptions, OptionRules, SeedTuple } from 'delegram';
import { CallbackQueryOriginHandler, ChatHandler, is } from 'delegram';

/** The START button the {@link QuizStarter} sends. */
export const START_KEYBOARD: InlineKeyboardMarkup = {
  inline_keyboard: [[{ text: 'START', callback_data: 'start' }]],
};

/** Sends the START button, then closes: the quiz belongs to that message's own delegate. */
export class QuizStarter extends ChatHandler {
  override async onChatMessage(): Promise<void> {
    await this.sender.sendMessage('Press START to do some math ...', {
      reply_markup: START_KEYBOARD,
    });
    this.close();
  }
}

/** Options of {@link Quizzer}. */
export interface QuizzerOptions extends HandlerOptions {
  /** Numbers in [0, 1) for the questions (default `Math.random`). */
  readonly random?: () => number;
  /** Seconds the final score stays before the message is deleted (default 5). */
  readonly linger?: number;
}

/**
 * A quiz in one message (telepot's `quiz.py`): a delegate per callback-query origin, i.e. per
 * message with buttons, that edits its message into the next question on each answer, shows the
 * score when the player goes idle, and deletes the message a few seconds later.
 */
export class Quizzer extends CallbackQueryOriginHandler {
  /** The handler options plus this handler's own, checked when the pattern is built. */
  static override readonly optionRules: OptionRules = {
    ...CallbackQueryOriginHandler.optionRules,
    random: is.function,
    linger: is.number,
  };

  private readonly random: () => number;
  private readonly linger: number;
  private right = 0;
  private asked = 0;
  private answer: number | undefined;

  constructor(seedTuple: SeedTuple, options: QuizzerOptions = {}) {
    super(seedTuple, options);
    this.random = options.random ?? Math.random;
    this.linger = options.linger ?? 5;
  }

  override async onCallbackQuery(query: CallbackQuery): Promise<void> {
    await this.bot.api.answerCallbackQuery(query.id);
    if (query.data !== 'start' && this.answer !== undefined) {
      this.asked += 1;
      if (Number(query.data) === this.answer) this.right += 1;
    }
    await this.nextQuestion();
  }

  override async onIdle(): Promise<void> {
    await this.editor.editMessageText({
      text: `${this.right} out of ${this.asked}\n\nThis message will disappear in ${this.linger} seconds.`,
    });
    this.scheduler.eventLater(this.linger, '_delete');
  }

  override async onEvent(flavor: `_${string}`, _data: EventData): Promise<void> {
    if (flavor !== '_delete') return;
    await this.editor.deleteMessage();
    this.close();
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private async nextQuestion(): Promise<void> {
    const x = this.int(1, 50);
    const y = this.int(1, 50);
    const [sign, answer] = [
      ['+', x + y],
      ['-', x - y],
      ['x', x * y],
    ][this.int(0, 2)] as [string, number];
    this.answer = answer;
    const choices = [answer, ...[1, 2, 3, 4].map(() => this.int(-49, 2500))].sort((a, b) => a - b);
    await this.editor.editMessageText({
      text: `${x} ${sign} ${y} = ?`,
      reply_markup: {
        inline_keyboard: [choices.map((c) => ({ text: String(c), callback_data: String(c) }))],
      },
    });
  }
}
