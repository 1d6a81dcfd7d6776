import type { CallbackQuery, InlineKeyboardMarkup } from '@delegram/api';
import type {
  CloseReason,
  HandlerOptions,
  MessageIdentifier,
  OptionRules,
  SeedTuple,
} from 'delegram';
import { ChatHandler, is, messageIdentifier } from 'delegram';

/** What a {@link Lover} remembers across its lives: the proposal count and the open proposal. */
export interface ProposalRecord {
  readonly count: number;
  readonly pending: MessageIdentifier | undefined;
}

/** Options of {@link Lover}. */
export interface LoverOptions extends HandlerOptions {
  /** Where proposals are kept between delegate lives (telepot used a global dict). */
  readonly records: Map<number, ProposalRecord>;
}

const KEYBOARD: InlineKeyboardMarkup = {
  inline_keyboard: [
    [
      { text: 'Yes', callback_data: 'yes' },
      { text: 'um ...', callback_data: 'no' },
    ],
  ],
};

/**
 * Telepot's `lover.py`: a delegate per private chat that proposes with inline buttons. Its chat's
 * callback queries reach it (`includeCallbackQueryChatId`), even after it closed: a press
 * re-creates it, and it picks up its count where it left off.
 */
export class Lover extends ChatHandler {
  /** The handler options plus this handler's own, checked when the pattern is built. */
  static override readonly optionRules: OptionRules = {
    ...ChatHandler.optionRules,
    records: is.object,
  };

  private readonly records: Map<number, ProposalRecord>;
  private count: number;
  private pending: MessageIdentifier | undefined;

  constructor(seedTuple: SeedTuple, options: LoverOptions) {
    super(seedTuple, options);
    this.records = options.records;
    const saved = this.records.get(this.chatId);
    this.count = saved?.count ?? 0;
    this.pending = saved?.pending;
  }

  override async onChatMessage(): Promise<void> {
    await this.propose();
  }

  override async onCallbackQuery(query: CallbackQuery): Promise<void> {
    if (query.data === 'yes') {
      await this.bot.api.answerCallbackQuery(query.id);
      await this.cancelLast();
      await this.sender.sendMessage('Thank you!');
      this.close();
    } else {
      await this.bot.api.answerCallbackQuery(query.id, {
        text: 'Ok. But I am going to keep asking.',
      });
      await this.cancelLast();
      await this.propose();
    }
  }

  override async onIdle(): Promise<void> {
    await this.sender.sendMessage(
      'I know you may need a little time. I will always be here for you.',
    );
    this.close();
  }

  override onClose(reason: CloseReason): void {
    this.records.set(this.chatId, { count: this.count, pending: this.pending });
    super.onClose(reason);
  }

  private async propose(): Promise<void> {
    this.count += 1;
    const sent = await this.sender.sendMessage(`${this.count}. Would you marry me?`, {
      reply_markup: KEYBOARD,
    });
    this.pending = messageIdentifier(sent);
  }

  private async cancelLast(): Promise<void> {
    if (this.pending === undefined) return;
    await this.editorFor(this.pending).editMessageReplyMarkup();
    this.pending = undefined;
  }
}
