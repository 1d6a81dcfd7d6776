import type { Api } from '@delegram/api';
import createDebug from 'debug';
import { Bot } from './Bot.js';
import type { BotOptions } from './Bot.js';
import type { DelegationPattern } from './delegation/Delegate.js';
import { DelegateRuntime } from './delegation/DelegateRuntime.js';
import type { DelegateControl } from './delegation/Delegate.js';
import { EventScheduler } from './delegation/EventScheduler.js';
import type { oneShot, Seed } from './delegation/Seed.js';
import type { Incoming } from './Incoming.js';

const log = createDebug('delegram:delegator');

/** Options of {@link DelegatorBot}: those of {@link Bot}. */
export type DelegatorBotOptions = BotOptions;

/**
 * A bot that hands each message to delegates, telepot-style: one live delegate per chat (or per
 * user, per callback origin, per invoice, ...), each an actor with its own ordered mailbox, idle
 * timeout and typed close reason.
 *
 * Patterns are evaluated in order for every message: a seeder maps the message to a seed
 * (`undefined`: not mine; a key: the one live delegate for that key, created if needed; `oneShot`:
 * a fresh unrecorded delegate) and the delegator builds the delegate when none is alive. One
 * message may reach delegates of several patterns. `handle()` resolves when every delegate that
 * received the message has processed it, which is what the {@link MessageLoop} waits for before
 * confirming the update.
 *
 * @example
 * ```ts
 * class MessageCounter extends ChatHandler {
 *   private count = 0;
 *   override async onChatMessage() {
 *     this.count += 1;
 *     await this.sender.sendMessage(String(this.count));
 *   }
 * }
 * const bot = new DelegatorBot(token, [delegate(perChatId(), MessageCounter, { timeout: 10 })]);
 * await new MessageLoop(bot).run();
 * ```
 */
export class DelegatorBot extends Bot {
  /** The bot's event scheduler; events it fires go through {@link DelegatorBot.handle}. */
  readonly scheduler: EventScheduler;
  private readonly runtime: DelegateRuntime;

  /**
   * @param tokenOrApi - the bot token, or an `Api` from `@delegram/api`
   * @param patterns - delegation patterns, `[seeder, delegator]` pairs, evaluated in order
   * @param options - clock and API options
   */
  constructor(
    tokenOrApi: string | Api,
    patterns: readonly DelegationPattern[],
    options: DelegatorBotOptions = {},
  ) {
    super(tokenOrApi, options);
    this.runtime = new DelegateRuntime(
      {
        bot: this,
        clock: this.clock,
        state: this.stateService,
        reportError: (error, info) => this.reportError(error, info),
        unhandled: (incoming) => this.onUnhandled(incoming),
      },
      patterns,
    );
    this.scheduler = new EventScheduler(
      this.clock,
      (event) => this.handle(event),
      (error, info) => this.reportError(error, info),
      options.store,
    );
  }

  /**
   * Gets the bot ready: re-arms the durable scheduled events and repeating jobs kept in the store
   * (a bot given a `store`). `MessageLoop.run()` and the webhook servers call it; call it
   * yourself when you feed `handle()` another way. Calling it again does nothing.
   *
   * @returns a promise that resolves once the store was read
   */
  override start(): Promise<void> {
    return this.scheduler.restore();
  }

  /**
   * Routes an update or event to its delegates (`handle(update)` classifies it, then calls this).
   *
   * @param incoming - the classified update or event
   * @returns a promise that resolves when every delegate that received it has processed it (and
   *   saved its durable state); it rejects after {@link DelegatorBot.stop}, and with a
   *   `StateSaveError` for an update whose state could not be saved before the stop (it must be
   *   delivered again)
   */
  override handleIncoming(incoming: Incoming): Promise<void> {
    const done = this.runtime.dispatch(incoming);
    if (!this.stateService.inUse) return done;
    // An update whose state could not be saved (the store was down until the stop) must not be
    // confirmed: reject, so the loop leaves it unconfirmed and a webhook answers with an error.
    return done.then(() => {
      const held = this.stateService.heldError(incoming);
      if (held !== undefined) throw held;
    });
  }

  /** The number of live delegates (0 once all have closed: dead delegates are pruned). */
  get delegateCount(): number {
    return this.runtime.size;
  }

  /** The number of armed idle timers (each live delegate with a timeout has one). */
  get idleTimerCount(): number {
    return this.runtime.armedIdleTimers;
  }

  /**
   * The live delegate of a pattern for a seed, if any (for inspection and tests).
   *
   * @param patternIndex - the pattern's index in the constructor's list
   * @param seed - the seed key
   * @returns the delegate's control, or `undefined`
   */
  delegateOf(
    patternIndex: number,
    seed: Exclude<Seed, undefined | typeof oneShot>,
  ): DelegateControl | undefined {
    return this.runtime.find(patternIndex, seed);
  }

  /**
   * Stops the bot's delegation: cancels scheduled events, lets every delegate finish the messages
   * already in its mailbox, then closes each with reason `stopped` (`onClose` runs once). Stop the
   * {@link MessageLoop} first. Afterwards `handle()` rejects, and scheduling an event throws, with a
   * `DelegatorStoppedError`.
   */
  override async stop(): Promise<void> {
    log('stopping');
    // Timers off; durable events and jobs stay in the store for the next start.
    this.scheduler.suspend();
    // Store calls that keep failing give up now: their updates are held for redelivery.
    this.stateService.stop();
    await this.runtime.stop();
    // Events the closing delegates scheduled are cancelled too, and later ones refused.
    this.scheduler.close();
    log('stopped');
  }

  private onUnhandled(incoming: Incoming): void {
    if (this.listenerCount('unhandled') > 0) this.emit('unhandled', incoming);
  }
}
