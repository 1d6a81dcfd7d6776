import type {
  Bot,
  SignalSource,
  FlavorRoutingTable,
  LoopHandler,
  MessageLoopOptions,
} from 'delegram';
import { MessageLoop } from 'delegram';
import type { Launched } from './launch.js';
import { handleSignals } from './handleSignals.js';
import { reportErrors } from './reportErrors.js';

/** Options of {@link runPolling}. */
export interface RunPollingOptions {
  /** A handler function or routing table by flavor; leave it out for a `DelegatorBot`. */
  readonly handler?: LoopHandler | FlavorRoutingTable;
  /** The message loop's options. */
  readonly loop?: MessageLoopOptions;
  /**
   * Stop cleanly on SIGINT/SIGTERM (default `true`; tests pass `false`, or a stand-in
   * `SignalSource` to send signals to).
   */
  readonly signals?: boolean | SignalSource;
  /** Print the bot's errors (default `true`). */
  readonly printErrors?: boolean;
  /** Runs when the bot stops, after its loop and before its store closes (e.g. stop a broadcast). */
  readonly beforeStop?: () => Promise<void>;
}

/** A bot running in a message loop, as {@link runPolling} started it. */
export interface RunningBot<B extends Bot = Bot> {
  /** The bot. */
  readonly bot: B;
  /** Its message loop. */
  readonly loop: MessageLoop;
  /** Where it runs. */
  readonly launched: Launched;
  /** Settles when the loop ends (after `stop()`, or when it fails: it rejects then). */
  readonly done: Promise<void>;
  /** Stops the loop, then the bot's delegates and its store, then the emulator (idempotent). */
  stop(): Promise<void>;
}

/**
 * Runs a bot by long polling where {@link launch} decided, and shuts it down cleanly: the loop
 * first (it finishes the updates in hand and confirms them), then the bot (a `DelegatorBot`'s
 * delegates) and its store, then the emulator.
 *
 * @example
 * ```ts
 * const launched = await launch({ botUsername: 'counter_bot' });
 * const running = runPolling(createCounterBot(launched.token, launched.botOptions), launched);
 * ```
 * @param bot - the bot
 * @param launched - from {@link launch}
 * @param options - handler, loop options, signal handling
 * @returns the running bot
 */
export function runPolling<B extends Bot>(
  bot: B,
  launched: Launched,
  options: RunPollingOptions = {},
): RunningBot<B> {
  if (options.printErrors !== false) reportErrors(bot, launched.print);
  const loop = new MessageLoop(bot, options.handler, options.loop);
  const done = loop.run();
  let stopping: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    try {
      await loop.stop();
      await done.catch(() => {});
      await options.beforeStop?.();
      await bot.stop();
      await bot.store.close(); // the durable state's store (a file, a connection)
    } finally {
      await launched.close();
    }
  };
  const uninstall = handleSignals(() => (stopping ??= shutdown()), launched.print, options.signals);
  done.catch((error: unknown) => {
    launched.print(
      `the message loop stopped: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  return {
    bot,
    loop,
    launched,
    done,
    stop: () => {
      uninstall();
      return (stopping ??= shutdown());
    },
  };
}
