import { Api, checkOptions, flowControl, is, systemClock } from '@delegram/api';
import type { FlowControl, FlowControlOptions, FlowEventName } from '@delegram/api';
import type { ApiOptions, Clock, Update } from '@delegram/api';
import createDebug from 'debug';
import { EventEmitter } from 'eventemitter3';
import type { BotEventMap, ErrorInfo } from './BotEvents.js';
import type { BotEvent } from './flavor.js';
import { toIncoming } from './Incoming.js';
import type { Incoming } from './Incoming.js';
import { MemoryStore } from './state/MemoryStore.js';
import { StateService } from './state/StateService.js';
import type { StateStats } from './state/StateStats.js';
import type { StateStore } from './state/StateStore.js';

const log = createDebug('delegram:bot');

/** Options for {@link Bot}. */
export interface BotOptions {
  /**
   * The clock for every timer of this bot and what runs on it (loop back-off, idle timeouts,
   * scheduled events). Default: the system clock; tests pass a `ManualClock`.
   */
  clock?: Clock;
  /** Options for the `Api` the bot creates from a token (not allowed with a ready `Api`). */
  api?: ApiOptions;
  /**
   * Where durable state is kept: delegates' `state`, durable machines, sessions, scheduled events
   * and jobs. Default: a {@link MemoryStore} (state outlives a delegate's idle close, not the
   * process); give `SqliteStore` (`@delegram/sqlite`) or `RedisStore` (`@delegram/redis`) for state
   * that survives restarts. The bot does not close it: close it after `stop()`.
   */
  store?: StateStore;
  /**
   * Outgoing flow control (see `flowControl` in `@delegram/api` and docs/flow-control.md): every
   * message-sending and editing call is queued per chat, in call order, under Telegram's limits
   * (30/s bot-wide, about 1/s per private chat with a burst of 3, 20/min per group), and a 429
   * pauses only its chat. On by default for a bot created from a token; `false` turns it off;
   * options (or a ready `FlowControl`) tune it. With a ready `Api`, it is installed on that Api
   * only when given here. On a clock other than the system clock (a test's `ManualClock`) it
   * starts unpaced unless `startPaced` says otherwise.
   */
  flowControl?: FlowControlOptions | FlowControl | false;
}

const FLOW_EVENTS: readonly FlowEventName[] = [
  'delayed',
  'sent',
  'rateLimited',
  'failed',
  'aborted',
  'expired',
  'pause',
  'resume',
];

/**
 * A bot: its API client, its clock, and a typed event emitter for errors and unhandled updates.
 *
 * `Bot` itself handles nothing: its {@link Bot.handle} reports each update as `unhandled`. Give a
 * handler to a `MessageLoop` or a webhook handler, or use `DelegatorBot`, which overrides
 * `handle` to route updates to per-chat delegates.
 *
 * @example
 * ```ts
 * const bot = new Bot(process.env.BOT_TOKEN!);
 * bot.on('error', (error, info) => console.error(info.source, error));
 * await new MessageLoop(bot, async (msg, incoming) => {
 *   if (incoming.flavor === 'chat') await bot.api.sendMessage(msg.chat.id, 'hi');
 * }).run();
 * ```
 */
export class Bot extends EventEmitter<BotEventMap> {
  /** The Bot API client. */
  readonly api: Api;
  /** The clock every timer of this bot runs on. */
  readonly clock: Clock;
  /**
   * The outgoing flow control installed on {@link Bot.api} (see {@link BotOptions.flowControl}),
   * or `undefined` when it is off: `bot.flow.stats()` gives queue lengths and counters, and its
   * events come as the bot's `flow` event too.
   */
  readonly flow: FlowControl | undefined;
  /** Where this bot keeps durable state (see {@link BotOptions.store}). */
  readonly store: StateStore;
  /**
   * The durable state machinery shared by delegates and sessions.
   *
   * @hidden
   */
  readonly stateService: StateService;

  /**
   * @param tokenOrApi - the bot token from @BotFather, or a ready `Api` client
   * @param options - clock and API options
   */
  constructor(tokenOrApi: string | Api, options: BotOptions = {}) {
    super();
    checkOptions(`new ${new.target.name}(tokenOrApi, options)`, options, {
      clock: is.clock,
      api: is.object,
      store: {
        expected: 'a StateStore (get, set, delete, entries, close)',
        test: (v) =>
          typeof v === 'object' &&
          v !== null &&
          ['get', 'set', 'delete', 'entries', 'close'].every(
            (m) => typeof (v as Record<string, unknown>)[m] === 'function',
          ),
      },
      flowControl: is.either(is.oneOf(false), is.object),
    });
    this.clock = options.clock ?? options.api?.clock ?? systemClock;
    if (typeof tokenOrApi === 'string') {
      if (tokenOrApi.trim() === '') {
        throw new TypeError('new Bot(token): the token is empty; pass the token from @BotFather');
      }
      this.api = new Api(tokenOrApi, { ...options.api, clock: this.clock });
    } else if (typeof tokenOrApi === 'object' && tokenOrApi !== null) {
      if (options.api !== undefined) {
        throw new TypeError(
          'new Bot(api, { api }): options.api only configures an Api created from a token; ' +
            'configure the Api you pass in instead',
        );
      }
      this.api = tokenOrApi;
    } else {
      throw new TypeError('new Bot(tokenOrApi): pass the bot token (a string) or an Api instance');
    }
    const flowOption = options.flowControl ?? (typeof tokenOrApi === 'string' ? {} : false);
    this.flow = flowOption === false ? undefined : toFlowControl(flowOption);
    if (this.flow !== undefined) {
      this.api.use(this.flow.transformer);
      for (const name of FLOW_EVENTS) {
        this.flow.on(name, (event) => {
          if (this.listenerCount('flow') > 0) this.emit('flow', name, event);
        });
      }
    }
    this.store = options.store ?? new MemoryStore({ clock: this.clock });
    this.stateService = new StateService(this.store, this.clock, (error, info) =>
      this.reportError(error, info),
    );
  }

  /** Counters of this bot's durable state: loads, saves, skipped redeliveries, conflicts, ... */
  get stateStats(): Readonly<StateStats> {
    return this.stateService.stats;
  }

  /**
   * Prepares what the bot needs before its first update; `MessageLoop.run()` and the webhook
   * handlers call it for you, and calling it again does nothing. The base class has nothing to
   * prepare; `DelegatorBot` re-arms its durable scheduled events and jobs here.
   *
   * @returns a promise that resolves when the bot is ready
   */
  start(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Stops the bot's durable state: store calls that keep failing give up, and the updates they
   * were for reject with `StateSaveError` (left unconfirmed, to be delivered again). Stop the
   * {@link MessageLoop} first. `DelegatorBot` also closes its delegates.
   *
   * @returns a promise that resolves once stopped
   */
  stop(): Promise<void> {
    this.stateService.stop();
    return Promise.resolve();
  }

  /**
   * What `JSON.stringify(bot)` gives: the API client's public settings (never the token), not
   * the listeners (which would make it circular).
   *
   * @returns `{ api: { apiRoot, testEnvironment } }`
   */
  toJSON(): { api: unknown } {
    return { api: (this.api as Partial<Api>).toJSON?.() };
  }

  /**
   * Handles one update or event; resolves when it is fully handled.
   *
   * The base class handles nothing and emits `unhandled`. Subclasses (`DelegatorBot`) override it
   * and resolve only when every part of the bot that received the update has finished with it:
   * a `MessageLoop` without a handler confirms an update to Telegram only after this resolves.
   *
   * @param update - an update as Telegram sends it, or an event (`{ _name: data }`)
   * @returns a promise that resolves when the update is handled
   */
  handle(update: Update | BotEvent): Promise<void> {
    let incoming: Incoming;
    try {
      incoming = toIncoming(update);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new TypeError(String(error)));
    }
    return this.handleIncoming(incoming);
  }

  /**
   * {@link Bot.handle} for an update classified already (by `toIncoming`): what `MessageLoop`
   * and the webhook handlers call, so that an update is classified once on its way in.
   *
   * @param incoming - the classified update or event
   * @returns a promise that resolves when it is handled
   */
  handleIncoming(incoming: Incoming): Promise<void> {
    if (this.listenerCount('unhandled') === 0) {
      log('unhandled %s (%s)', incoming.flavor, incoming.kind);
    } else this.emit('unhandled', incoming);
    return Promise.resolve();
  }

  /**
   * Reports a failure on the `error` event. Never throws and never prints: with no `error`
   * listener the error goes to the `delegram:error` debug namespace only, and an error thrown by
   * a listener is logged there too.
   *
   * @param error - what went wrong
   * @param info - where, and with which update
   */
  reportError(error: unknown, info: ErrorInfo): void {
    try {
      if (this.listenerCount('error') === 0) {
        logError('%s error (no error listener): %O', info.source, error);
        return;
      }
      this.emit('error', error, info);
    } catch (listenerError) {
      logError('an error listener threw: %O', listenerError);
    }
  }
}

const logError = createDebug('delegram:error');

function toFlowControl(option: FlowControlOptions | FlowControl): FlowControl {
  const ready = option as Partial<FlowControl>;
  if (typeof ready.transformer === 'function' && typeof ready.stats === 'function') {
    return option as FlowControl;
  }
  return flowControl(option as FlowControlOptions);
}
