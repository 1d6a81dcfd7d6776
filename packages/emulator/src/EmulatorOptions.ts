import type { Clock } from '@delegram/api';
import type { SimUser } from './control/SimUser.js';
import type { Emulator } from './Emulator.js';
import type { FloodControlOptions } from './server/FloodControl.js';
import type { ExtraRoutes } from './server/HttpServer.js';
import type { BotAccount } from './world/BotAccount.js';
import type { GroupOptions } from './world/World.js';

/** What `new Emulator(...)` accepts; everything has a default. */
export interface EmulatorOptions {
  /** Emulated time for dates, expiries, long polls, retries, flood windows (default `systemClock`). */
  readonly clock?: Clock;
  /** Flood control: on by default; `false` turns it off, an object sets the limits. */
  readonly floodControl?: boolean | FloodControlOptions;
  /** How long bots have to answer inline queries, in emulated ms (default 10 000). */
  readonly inlineQueryTtlMs?: number;
  /** How long bots have to answer callback queries, in emulated ms (default 15 000). */
  readonly callbackQueryTtlMs?: number;
  /** How long bots have to answer shipping and pre-checkout queries, in emulated ms (default 10 000). */
  readonly paymentQueryTtlMs?: number;
  /** Seed of the fault-injection random generator (default 1). */
  readonly faultSeed?: number;
  /**
   * The first `update_id` of every bot (default 1). An emulator started again for a bot whose
   * durable state remembers update ids should continue above them, as Telegram does: pass, say,
   * `Date.now()`.
   */
  readonly firstUpdateId?: number;
  /**
   * Extra HTTP routes served next to the Bot API, built once the emulator exists. By default the
   * control API over HTTP (`/control/…`), its event stream and the chat page (`/`) are served.
   */
  readonly extraRoutes?: (emulator: Emulator) => ExtraRoutes;
  /** Serve the control API over HTTP and the chat page (default true; ignored with `extraRoutes`). */
  readonly controlRoutes?: boolean;
}

/** Where {@link Emulator.start} listens. */
export interface StartOptions {
  /** The port (default 0: a free one). */
  readonly port?: number;
  /** The interface (default `127.0.0.1`; anything else exposes the emulator to the network). */
  readonly host?: string;
}

/** What {@link Emulator.createGroup} accepts. */
export interface CreateGroupOptions extends Omit<GroupOptions, 'creator' | 'members' | 'admins'> {
  /** People and bots in the group from the start (the first person is its creator). */
  readonly members?: readonly (SimUser | BotAccount)[];
  /** Bots to add (same as listing them in `members`). */
  readonly bots?: readonly BotAccount[];
  /** Members made administrators with every right. */
  readonly admins?: readonly (SimUser | BotAccount)[];
}

/** Options for {@link Emulator.waitForIdle}. */
export interface IdleOptions {
  /** Give up after this many ms (default 10 000). */
  readonly timeoutMs?: number;
  /** How long the bot side must stay quiet, in ms (default 30). */
  readonly graceMs?: number;
  /**
   * The clock that measures the quiet period and the timeout. It defaults to `systemClock`, not
   * the emulator's clock: quiet means no real loopback I/O, which happens in real time.
   */
  readonly clock?: Clock;
}
