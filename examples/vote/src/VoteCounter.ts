import type { CallbackQuery, InlineKeyboardMarkup, Message } from '@delegram/api';
import type {
  EventData,
  HandlerOptions,
  MessageIdentifier,
  OptionRules,
  ScheduledEvent,
  SeedTuple,
} from 'delegram';
import { ChatHandler, is, messageIdentifier } from 'delegram';

/** A ballot in progress, kept across the delegate's lives. */
export interface Ballot {
  /** Each voter's choice, `yes` or `no`. */
  readonly votes: Map<number, string>;
  /** How many people may vote (the members but the bot). */
  readonly voters: number;
  /** The message with the voting buttons. */
  readonly keyboard: MessageIdentifier;
  /** The `_vote_expired` event. */
  readonly expiry: ScheduledEvent;
}

/** Options of {@link VoteCounter}. */
export interface VoteOptions extends HandlerOptions {
  /** Ballots in progress, by chat id (telepot kept them in a global dict). */
  readonly ballots: Map<number, Ballot>;
  /** How long a ballot stays open, in seconds (default 30). */
  readonly votingSeconds?: number;
}

const KEYBOARD: InlineKeyboardMarkup = {
  inline_keyboard: [
    [
      { text: 'Yes', callback_data: 'yes' },
      { text: 'Nah!!!!', callback_data: 'no' },
    ],
  ],
};

/**
 * Telepot's `vote.py`: a group ballot. `/vote` posts Yes/Nah buttons and schedules a custom
 * `_vote_expired` event; the result is announced when everyone has voted or when the event fires,
 * which revives the delegate if it closed in the meantime (its idle timeout is shorter); the
 * ballot itself is kept outside the delegate, in `ballots`.
 */
export class VoteCounter extends ChatHandler {
  /** The handler options plus this handler's own, checked when the pattern is built. */
  static override readonly optionRules: OptionRules = {
    ...ChatHandler.optionRules,
    ballots: is.object,
    votingSeconds: is.number,
  };

  private readonly ballots: Map<number, Ballot>;
  private readonly votingSeconds: number;

  constructor(seedTuple: SeedTuple, options: VoteOptions) {
    super(seedTuple, options);
    this.ballots = options.ballots;
    this.votingSeconds = options.votingSeconds ?? 30;
  }

  private get ballot(): Ballot | undefined {
    return this.ballots.get(this.chatId);
  }

  override async onChatMessage(msg: Message): Promise<void> {
    if (msg.text?.split(/[\s@]/)[0] !== '/vote') return;
    if (this.ballot !== undefined) {
      await this.sender.sendMessage('Voting still in progress');
      return;
    }
    const sent = await this.sender.sendMessage("Let's vote ...", { reply_markup: KEYBOARD });
    const members = await this.administrator.getChatMemberCount();
    this.ballots.set(this.chatId, {
      votes: new Map(),
      voters: members - 1,
      keyboard: messageIdentifier(sent),
      expiry: this.scheduler.eventLater(this.votingSeconds, '_vote_expired', {
        seconds: this.votingSeconds,
      }),
    });
  }

  override async onCallbackQuery(query: CallbackQuery): Promise<void> {
    const ballot = this.ballot;
    if (ballot === undefined) {
      await this.bot.api.answerCallbackQuery(query.id, { text: 'This vote is over.' });
      return;
    }
    const earlier = ballot.votes.get(query.from.id);
    if (earlier !== undefined) {
      await this.bot.api.answerCallbackQuery(query.id, {
        text: `You have already voted ${earlier}`,
      });
    } else {
      await this.bot.api.answerCallbackQuery(query.id, { text: 'Ok' });
      ballot.votes.set(query.from.id, query.data ?? 'no');
    }
    if (ballot.votes.size >= ballot.voters) await this.announce('Everyone has voted');
  }

  override async onEvent(flavor: `_${string}`, _data: EventData): Promise<void> {
    if (flavor === '_vote_expired' && this.ballot !== undefined) await this.announce('Time is up');
  }

  private async announce(headline: string): Promise<void> {
    const ballot = this.ballot;
    if (ballot === undefined) return;
    this.ballots.delete(this.chatId);
    this.scheduler.cancel(ballot.expiry);
    const all = [...ballot.votes.values()];
    const yes = all.filter((v) => v === 'yes').length;
    const no = all.length - yes;
    await this.editorFor(ballot.keyboard).editMessageReplyMarkup();
    await this.sender.sendMessage(
      `${headline}:\nYes: ${yes}\nNo: ${no}\nSilent: ${ballot.voters - yes - no}`,
    );
  }
}
