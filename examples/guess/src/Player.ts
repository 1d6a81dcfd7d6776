import type { Message } from '@delegram/api';
import type { HandlerOptions, OptionRules, SeedTuple } from 'delegram';
import { ChatHandler, is } from 'delegram';

/** Options of {@link Player}: the handler options plus how the secret number is picked. */
export interface PlayerOptions extends HandlerOptions {
  /** Picks the number to guess, 0-99 (default: at random). */
  readonly pickNumber?: () => number;
}

/**
 * One game of guess-a-number per chat (telepot's `guess.py`): the first message starts the game
 * (it is not taken as a guess: `open()` returns `true`), each number gets "larger" or "smaller",
 * the right one ends the game, and a silent player is told the answer when the game expires.
 */
export class Player extends ChatHandler {
  /** The handler options plus this handler's own, checked when the pattern is built. */
  static override readonly optionRules: OptionRules = {
    ...ChatHandler.optionRules,
    pickNumber: is.function,
  };

  private readonly answer: number;

  constructor(seedTuple: SeedTuple, options: PlayerOptions = {}) {
    super(seedTuple, options);
    this.answer = options.pickNumber?.() ?? Math.floor(Math.random() * 100);
  }

  override async open(): Promise<boolean> {
    await this.sender.sendMessage('Guess my number (0-99).');
    return true;
  }

  override async onChatMessage(msg: Message): Promise<void> {
    const text = msg.text?.trim() ?? '';
    if (!/^-?\d+$/.test(text)) {
      await this.sender.sendMessage('Give me a number, please.');
      return;
    }
    const guess = Number(text);
    if (guess === this.answer) {
      await this.sender.sendMessage('Correct!');
      this.close();
    } else {
      await this.sender.sendMessage(guess < this.answer ? 'larger' : 'smaller');
    }
  }

  override async onIdle(): Promise<void> {
    await this.sender.sendMessage(`Game expired. The answer is ${this.answer}.`);
    this.close();
  }
}
