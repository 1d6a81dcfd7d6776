import type { Clock } from '@delegram/api';
import { checkOptions, is, systemClock } from '@delegram/api';
import createDebug from 'debug';
import { emulatorBackend } from './control/emulatorBackend.js';
import { SimChat } from './control/SimChat.js';
import { SimUser } from './control/SimUser.js';
import { ControlRoutes } from './http/control.js';
import type { MethodContext, MethodImpl } from './methods/MethodContext.js';
import { METHODS } from './methods/registry.js';
import { Faults } from './server/Faults.js';
import { FloodControl } from './server/FloodControl.js';
import { HttpServer } from './server/HttpServer.js';
import type { ExtraRoutes } from './server/HttpServer.js';
import { BotUpdates } from './updates/BotUpdates.js';
import { BotAccount } from './world/BotAccount.js';
import type { BotAccountOptions } from './world/BotAccount.js';
import type { ChatRecord } from './world/ChatRecord.js';
import { EmulatorError } from './world/EmulatorError.js';
import type { UserAccountOptions } from './world/UserAccount.js';
import { World } from './world/World.js';

import type {
  CreateGroupOptions,
  EmulatorOptions,
  IdleOptions,
  StartOptions,
} from './EmulatorOptions.js';

const log = createDebug('delegram:emulator');

/**
 * The offline Telegram Bot API emulator: a world of simulated people, bots and chats behind a real
 * HTTP server that speaks the Bot API, plus the typed control API tests drive it with.
 *
 * @example
 * ```ts
 * const emu = new Emulator();
 * await emu.start();                                   // emu.apiRoot = 'http://127.0.0.1:PORT'
 * const bot = emu.createBot({ username: 'echo_bot' }); // give bot.token + emu.apiRoot to the bot
 * const alice = emu.createUser({ firstName: 'Alice' });
 * const chat = emu.privateChat(alice, bot);
 * await alice.sendMessage(chat, 'hi');
 * const reply = await chat.nextBotMessage();
 * await emu.stop();
 * ```
 */
export class Emulator {
  /** The in-memory world (for advanced use; the control API covers the usual needs). */
  readonly world: World;
  /** The emulator's clock. */
  readonly clock: Clock;
  /** Fault injection rules (`emu.faults.set('getUpdates', { kind: 'drop', rate: 0.1 })`). */
  readonly faults: Faults;
  /** Flood control (`emu.flood.enabled = false` turns it off). */
  readonly flood: FloodControl;
  private readonly options: EmulatorOptions;
  private readonly simUsers = new Map<number, SimUser>();
  private readonly simChats = new Map<string, SimChat>();
  private server: HttpServer | undefined;
  private routes: ControlRoutes | undefined;
  private root: string | undefined;

  /** @param options - clock, flood control, query lifetimes, fault seed, extra routes */
  constructor(options: EmulatorOptions = {}) {
    checkOptions('new Emulator(options)', options, {
      clock: is.clock,
      floodControl: is.either(is.boolean, is.object),
      inlineQueryTtlMs: is.number,
      callbackQueryTtlMs: is.number,
      paymentQueryTtlMs: is.number,
      faultSeed: is.number,
      firstUpdateId: is.number,
      extraRoutes: is.function,
      controlRoutes: is.boolean,
    });
    this.options = options;
    this.clock = options.clock ?? systemClock;
    const clock = this.clock;
    this.world = new World({
      clock,
      makeUpdates: () =>
        new BotUpdates({
          clock,
          ...(options.firstUpdateId === undefined ? {} : { firstUpdateId: options.firstUpdateId }),
        }),
      ...(options.inlineQueryTtlMs === undefined
        ? {}
        : { inlineQueryTtlMs: options.inlineQueryTtlMs }),
      ...(options.callbackQueryTtlMs === undefined
        ? {}
        : { callbackQueryTtlMs: options.callbackQueryTtlMs }),
      ...(options.paymentQueryTtlMs === undefined
        ? {}
        : { paymentQueryTtlMs: options.paymentQueryTtlMs }),
    });
    this.faults = new Faults(options.faultSeed === undefined ? {} : { seed: options.faultSeed });
    const flood = options.floodControl;
    this.flood = new FloodControl(typeof flood === 'object' ? flood : { enabled: flood ?? true });
  }

  /** The Bot API root to give bots (`http://127.0.0.1:PORT`); only after {@link Emulator.start}. */
  get apiRoot(): string {
    if (this.root === undefined)
      throw new EmulatorError(
        'not_running',
        'The emulator is not running; await emu.start() first',
      );
    return this.root;
  }

  /** The URL of the web chat page (served by the same server). */
  get chatPageUrl(): string {
    return `${this.apiRoot}/`;
  }

  /** Whether the server is listening. */
  get running(): boolean {
    return this.server !== undefined;
  }

  /**
   * Starts the HTTP server.
   *
   * @param options - port (0 = any free one) and host (default 127.0.0.1)
   * @returns the API root and chat page URL
   */
  async start(options: StartOptions = {}): Promise<{ apiRoot: string; chatPageUrl: string }> {
    checkOptions('emulator.start(options)', options, { port: is.number, host: is.string });
    if (this.server !== undefined)
      throw new EmulatorError('invalid_option', 'The emulator is already running');
    const host = options.host ?? '127.0.0.1';
    const server = new HttpServer({
      world: this.world,
      methods: this.methods,
      clock: this.clock,
      faults: this.faults,
      flood: this.flood,
      ...this.extraRoutes(),
    });
    const { port } = await server.listen(options.port ?? 0, host);
    this.server = server;
    this.root = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    log('listening on %s', this.root);
    return { apiRoot: this.root, chatPageUrl: this.chatPageUrl };
  }

  /** Stops the server, ends waiting long polls and webhook deliveries. Safe to call twice. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.root = undefined;
    this.routes?.close();
    this.routes = undefined;
    for (const bot of this.world.bots()) bot.updates.dispose();
    for (const chat of this.simChats.values()) chat.dispose();
    this.simChats.clear();
    await server?.close();
  }

  /**
   * Creates a bot account. Give `bot.token` and {@link Emulator.apiRoot} to the bot's client.
   *
   * @param options - username (must end in "bot"), preset token, name, privacy mode, ...
   * @returns the bot
   */
  createBot(options: BotAccountOptions = {}): BotAccount {
    checkOptions('emu.createBot(options)', options, {
      username: is.string,
      token: is.string,
      firstName: is.string,
      canJoinGroups: is.boolean,
      privacyMode: is.boolean,
      supportsInlineQueries: is.boolean,
      inlineFeedback: is.boolean,
    });
    return this.world.createBot(options);
  }

  /**
   * Creates a simulated person.
   *
   * @param options - first name (required), last name, username, language
   * @returns the person, who can send messages, press buttons, pay, ...
   */
  createUser(options: UserAccountOptions): SimUser {
    checkOptions('emu.createUser(options)', options, {
      firstName: is.string,
      lastName: is.string,
      username: is.string,
      languageCode: is.string,
      isPremium: is.boolean,
    });
    return this.sim(this.world.createUser(options).id);
  }

  /** Every simulated person, in creation order. */
  users(): SimUser[] {
    return this.world.users().map((u) => this.sim(u.id));
  }

  /** The simulated person with this id. */
  user(id: number): SimUser | undefined {
    return this.world.user(id) === undefined ? undefined : this.sim(id);
  }

  /** Every bot, in creation order. */
  bots(): BotAccount[] {
    return this.world.bots();
  }

  /**
   * The private chat between a person and a bot (created on first use; one handle per chat).
   *
   * @param user - the person
   * @param bot - the bot
   * @returns the chat
   */
  privateChat(user: SimUser, bot: BotAccount): SimChat {
    if (!(user instanceof SimUser) || !(bot instanceof BotAccount)) {
      throw new EmulatorError(
        'invalid_option',
        'privateChat(user, bot) takes a SimUser from createUser and a bot from createBot',
      );
    }
    return this.chat(this.world.privateChat(user.account, bot));
  }

  /**
   * Creates a group, supergroup (default) or channel. Bots listed get `my_chat_member`; bots in a
   * channel are made administrators so that they can post.
   *
   * @param options - title, type, members, bots, admins
   * @returns the chat
   */
  createGroup(options: CreateGroupOptions): SimChat {
    checkOptions('emu.createGroup(options)', options, {
      title: is.string,
      type: is.oneOf('group', 'supergroup', 'channel'),
      username: is.string,
      description: is.string,
      members: is.array,
      bots: is.array,
      admins: is.array,
    });
    const account = (m: SimUser | BotAccount): SimUser['account'] | BotAccount =>
      m instanceof SimUser ? m.account : m;
    const members = [...(options.members ?? []), ...(options.bots ?? [])].map(account);
    const creator = members.find((m): m is SimUser['account'] => !(m instanceof BotAccount));
    const record = this.world.createGroup({
      ...options,
      members,
      admins: (options.admins ?? []).map(account),
      ...(creator === undefined ? {} : { creator }),
    });
    return this.chat(record);
  }

  /**
   * Upgrades a basic group to a supergroup (see {@link World.upgradeGroup}); bots then get 400
   * with `migrate_to_chat_id` for the old id.
   *
   * @param group - a chat of type `group`
   * @returns the new supergroup
   */
  upgradeGroup(group: SimChat): SimChat {
    return this.chat(this.world.upgradeGroup(group.record));
  }

  /** Creates a channel (a group of type `channel`). */
  createChannel(options: Omit<CreateGroupOptions, 'type'>): SimChat {
    return this.createGroup({ ...options, type: 'channel' });
  }

  /**
   * The handle of a chat, by its record or key.
   *
   * @param chat - the world's record, or its key (`p<user>_<bot>` or the group id)
   * @returns the chat's one handle
   * @throws EmulatorError `not_found` for an unknown key
   */
  chat(chat: ChatRecord | string): SimChat {
    const record = typeof chat === 'string' ? this.world.chatByKey(chat) : chat;
    if (record === undefined)
      throw new EmulatorError(
        'not_found',
        `No chat with key "${typeof chat === 'string' ? chat : chat.key}"`,
      );
    let handle = this.simChats.get(record.key);
    if (handle === undefined) {
      handle = new SimChat(this.world, record);
      this.simChats.set(record.key, handle);
    }
    return handle;
  }

  /** Every chat, in creation order. */
  chats(): SimChat[] {
    return this.world.chats().map((c) => this.chat(c));
  }

  /**
   * Waits until the bot side has gone quiet: every update delivered and confirmed, no webhook
   * delivery and no bot request in flight (waiting long polls do not count), for `graceMs` in a row.
   * Bots that never called the API (and have no webhook) are not waited for.
   *
   * @param options - timeout, grace period and the clock measuring them
   * @throws EmulatorError `timeout` when it does not get quiet in time
   */
  async waitForIdle(options: IdleOptions = {}): Promise<void> {
    checkOptions('emu.waitForIdle(options)', options, {
      timeoutMs: is.number,
      graceMs: is.number,
      clock: is.clock,
    });
    const clock = options.clock ?? systemClock;
    const timeoutMs = options.timeoutMs ?? 10_000;
    const graceMs = options.graceMs ?? 30;
    const step = Math.max(1, Math.min(5, graceMs));
    const deadline = clock.now() + timeoutMs;
    let quietSince: number | undefined;
    for (;;) {
      const now = clock.now();
      if (this.busy()) quietSince = undefined;
      else quietSince ??= now;
      if (quietSince !== undefined && now - quietSince >= graceMs) return;
      if (now >= deadline) {
        throw new EmulatorError(
          'timeout',
          `The bots did not go quiet within ${timeoutMs} ms (${this.busyReport()})`,
        );
      }
      await new Promise<void>((resolve) => clock.setTimeout(resolve, step));
    }
  }

  /** The registry, marking each bot as connected on its first call (see `waitForIdle`). */
  private readonly methods: Readonly<Record<string, MethodImpl>> = Object.fromEntries(
    Object.entries(METHODS).map(([name, impl]) => [
      name,
      (ctx: MethodContext): unknown => {
        ctx.bot.connected = true;
        return impl(ctx);
      },
    ]),
  );

  private extraRoutes(): { extraRoutes?: ExtraRoutes } {
    if (this.options.extraRoutes !== undefined)
      return { extraRoutes: this.options.extraRoutes(this) };
    if (this.options.controlRoutes === false) return {};
    this.routes = new ControlRoutes(emulatorBackend(this), { clock: this.clock });
    return { extraRoutes: this.routes.handle };
  }

  private busy(): boolean {
    if ((this.server?.activeRequests ?? 0) > 0) return true;
    return this.world
      .bots()
      .some(
        (b) =>
          (b.connected || b.updates.webhookConfig !== undefined) &&
          (b.updates.pendingCount > 0 || b.updates.deliveriesInFlight > 0),
      );
  }

  private busyReport(): string {
    const pending = this.world
      .bots()
      .map((b) => `@${b.username}: ${b.updates.pendingCount} pending`);
    return [`${this.server?.activeRequests ?? 0} requests in flight`, ...pending].join(', ');
  }

  private sim(id: number): SimUser {
    let user = this.simUsers.get(id);
    if (user === undefined) {
      const account = this.world.user(id);
      if (account === undefined) throw new EmulatorError('not_found', `No user ${id}`);
      user = new SimUser({ world: this.world, chat: (record) => this.chat(record) }, account);
      this.simUsers.set(id, user);
    }
    return user;
  }
}
