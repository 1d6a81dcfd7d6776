import type { Clock } from '@delegram/api';
import createDebug from 'debug';
import type { ErrorInfo } from '../BotEvents.js';
import type { DelegatorBot } from '../DelegatorBot.js';
import type { Incoming } from '../Incoming.js';
import { resolveStateOptions } from '../state/StateOptions.js';
import type { StateService } from '../state/StateService.js';
import type { DelegateLogic, Delegator, SeedTuple } from './Delegate.js';
import { ControlItem, DelegateRecord } from './DelegateRecord.js';
import type { MailItem } from './DelegateRecord.js';
import { DelegateClosedError, DelegationSetupError, DelegatorStoppedError } from './errors.js';
import { IdleList } from './IdleTimers.js';
import type { IdleNode } from './IdleTimers.js';
import { LifecycleTable } from './lifecycle.js';
import { isControl, Mailbox } from './Mailbox.js';
import { oneShot, registryKey } from './Seed.js';
import type { Seed, SeedKey, Seeder } from './Seed.js';

const log = createDebug('delegram:delegate');
const RESOLVED: Promise<void> = Promise.resolve();
const noop = (): void => {};
const IDLE = new ControlItem('idle');
const STOP = new ControlItem('stop');
const CLOSE = new ControlItem('close');

/** What the runtime needs from its bot. */
export interface RuntimeHost {
  readonly bot: DelegatorBot;
  readonly clock: Clock;
  /** The bot's durable state machinery. */
  readonly state: StateService;
  reportError(error: unknown, info: ErrorInfo): void;
  /** Called for a message no pattern took. */
  unhandled(incoming: Incoming): void;
}

/** One delegation pattern with its registry of live delegates. @internal */
export interface PatternSlot {
  readonly seeder: Seeder;
  readonly delegator: Delegator;
  readonly registry: Map<string | number, DelegateRecord>;
}

function isPair(value: unknown): boolean {
  return Array.isArray(value) && typeof value[0] === 'function' && typeof value[1] === 'function';
}

/**
 * The delegate runtime behind {@link DelegatorBot}: registries, mailboxes, idle timers, lifecycle.
 *
 * **How xstate is used.** Every delegate's lifecycle (`opening → active → closing → closed`) is the
 * xstate v5 machine {@link delegateLifecycle}, evaluated with xstate's pure `transition()` API;
 * because the machine has no context, its snapshots are shared between delegates and each
 * (state, event) pair is computed by xstate once ({@link LifecycleTable}). A delegate therefore
 * holds one shared snapshot reference instead of an `Actor` (about 3.5 KB each), and a message
 * that does not change the lifecycle costs no xstate work at all. The actor model itself (one
 * mailbox per delegate, one message at a time, in order, async handlers awaited) is the
 * {@link Mailbox}; this class keeps the registries, routes messages and builds delegates. A user who wants a full xstate actor as a delegate uses `fromMachine()`.
 *
 * **What a delegate costs.** An idle delegate is a {@link DelegateRecord} (its key, its logic, a
 * shared snapshot, idle-list links) plus the user's handler object and the registry entry; the
 * mailbox, listener and waiters exist only while used. Idle timeouts live in one intrusive list
 * per timeout value with a single clock timer for the list's head, so a reset is a few pointer
 * moves and no timer call. Measured (100k live delegates, after `global.gc()`): about 320 B per
 * delegate for a plain logic object holding a counter, 410 B for a `ChatHandler` subclass, 510 B
 * once its `sender` exists; spawn cost stays flat from 10k to 100k live delegates. Throughput
 * figures and how they were taken are in `docs/delegation.md`.
 *
 * @internal
 */
export class DelegateRuntime {
  /** The shared lifecycle snapshots. */
  readonly lifecycle = new LifecycleTable();
  /** The bot's durable state machinery. */
  readonly state: StateService;
  private readonly mailbox: Mailbox;
  private readonly slots: PatternSlot[];
  /** Which pattern keeps state under each namespace (two patterns must not share one). */
  private readonly stateNames = new Map<string, PatternSlot>();
  private readonly lists = new Map<number, IdleList>();
  private readonly oneShots = new Set<DelegateRecord>();
  private stopping = false;
  private stopped = false;

  /**
   * @param host - the bot, its clock and its error sink
   * @param patterns - `[seeder, delegator]` pairs, evaluated in order for each message
   */
  constructor(
    private readonly host: RuntimeHost,
    patterns: readonly (readonly [Seeder, Delegator])[],
  ) {
    this.state = host.state;
    this.mailbox = new Mailbox(this);
    const list: unknown = patterns;
    if (!(list instanceof Array)) {
      throw new DelegationSetupError(
        'new DelegatorBot(token, patterns): patterns must be an array of [seeder, delegator] pairs, ' +
          'e.g. [delegate(perChatId(), MyHandler, { timeout: 10 })]',
      );
    }
    this.slots = patterns.map((pattern, i) => {
      if (!isPair(pattern)) {
        throw new DelegationSetupError(
          `delegation pattern #${i} is not a [seeder, delegator] pair; build one with ` +
            'pair(seeder, createOpen, Handler), delegate(seeder, Handler, options) or paveEventSpace()(...)',
        );
      }
      return { seeder: pattern[0], delegator: pattern[1], registry: new Map() };
    });
  }

  /** Reports an error on the bot's `error` event. */
  reportError(error: unknown, info: ErrorInfo): void {
    this.host.reportError(error, info);
  }

  /** The number of live delegates (recorded and one-shot). */
  get size(): number {
    let n = this.oneShots.size;
    for (const slot of this.slots) n += slot.registry.size;
    return n;
  }

  /** The number of armed idle timers. */
  get armedIdleTimers(): number {
    let n = 0;
    for (const list of this.lists.values()) n += list.armed;
    return n;
  }

  /**
   * Looks up the live delegate of a pattern for a seed.
   *
   * @param patternIndex - the pattern's index
   * @param seed - the seed key
   * @returns the delegate's control, if one is live
   */
  find(
    patternIndex: number,
    seed: Exclude<Seed, undefined | typeof oneShot>,
  ): DelegateRecord | undefined {
    return this.slots[patternIndex]?.registry.get(registryKey(seed));
  }

  /**
   * Routes a message through every pattern, creating delegates as needed.
   *
   * @param incoming - the message or event
   * @returns a promise that resolves when every delegate that got the message has processed it
   */
  dispatch(incoming: Incoming): Promise<void> {
    if (this.stopped) return Promise.reject(new DelegatorStoppedError());
    let first: Promise<void> | undefined;
    let more: Promise<void>[] | undefined;
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      let seed: Seed;
      try {
        seed = slot.seeder(incoming);
      } catch (error) {
        this.reportError(error, {
          source: 'delegate',
          incoming,
          update: incoming.update,
          outcome: 'continue',
        });
        continue;
      }
      if (seed === undefined) continue;
      const done = this.route(slot, seed, incoming);
      if (first === undefined) first = done;
      else (more ??= [first]).push(done);
    }
    if (more !== undefined) return Promise.all(more).then(noop);
    if (first === undefined) {
      this.host.unhandled(incoming);
      return RESOLVED;
    }
    return first;
  }

  private route(
    slot: PatternSlot,
    seed: Exclude<Seed, undefined>,
    incoming: Incoming,
  ): Promise<void> {
    if (seed === oneShot) {
      const rec = this.create(slot, seed, undefined, incoming);
      return rec === undefined ? RESOLVED : this.deliver(rec, incoming);
    }
    const key = registryKey(seed);
    let rec = slot.registry.get(key);
    if (rec === undefined) {
      rec = this.create(slot, seed, key, incoming);
      if (rec === undefined) return RESOLVED;
    }
    return this.deliver(rec, incoming);
  }

  private create(
    slot: PatternSlot,
    seed: Exclude<Seed, undefined>,
    key: string | number | undefined,
    incoming: Incoming,
  ): DelegateRecord | undefined {
    const rec = new DelegateRecord(this, slot, seed, key);
    const tuple: SeedTuple = { bot: this.host.bot, incoming, seed, delegate: rec };
    try {
      rec.logic = slot.delegator(tuple);
      if (
        typeof rec.logic !== 'object' ||
        rec.logic === null ||
        typeof rec.logic.onMessage !== 'function'
      ) {
        throw new DelegationSetupError(
          'a delegator returned something that is not a delegate: return an object with ' +
            'onMessage(incoming), e.g. use createOpen(MyHandler) or call(fn)',
        );
      }
      checkHooks(rec.logic);
      if (rec.logic.stateBinding !== undefined && key !== undefined) {
        this.bindState(rec, slot, seed as SeedKey);
      }
      const timeout = rec.logic.idleTimeout;
      if (timeout !== undefined && timeout !== 0) {
        if (typeof timeout !== 'number' || !(timeout > 0) || !Number.isFinite(timeout)) {
          throw new DelegationSetupError(
            `idle timeout must be a positive number of seconds, got ${String(timeout)}; ` +
              'leave it out (or use Monitor) for a delegate that never times out',
          );
        }
        this.listFor(timeout).touch(rec);
      }
    } catch (error) {
      this.reportError(error, {
        source: 'delegate',
        incoming,
        update: incoming.update,
        seed,
        outcome: 'continue',
      });
      return undefined;
    }
    if (key === undefined) this.oneShots.add(rec);
    else slot.registry.set(key, rec);
    log('created delegate %o', seed);
    return rec;
  }

  /** Gives a delegate whose logic has durable state its keeper. */
  private bindState(rec: DelegateRecord, slot: PatternSlot, seed: SeedKey): void {
    const binding = rec.logic.stateBinding!;
    if (typeof binding.read !== 'function' || typeof binding.load !== 'function') {
      throw new DelegationSetupError('a stateBinding needs read() and load(stored) methods');
    }
    const options = resolveStateOptions(binding.options, binding.name);
    const owner = this.stateNames.get(options.name);
    if (owner !== undefined && owner !== slot) {
      throw new DelegationSetupError(
        `two delegation patterns keep state under the name '${options.name}'; give one of them ` +
          "its own, e.g. { state: { name: 'other' } }",
      );
    }
    this.stateNames.set(options.name, slot);
    rec.binding = binding;
    rec.keeper = this.state.keeper(`state:${options.name}:${stateKeyOf(seed)}`, options);
  }

  /** The idle list for a timeout in seconds (one list, one clock timer, per timeout value). */
  listFor(seconds: number): IdleList {
    const ms = Math.round(seconds * 1000);
    let list = this.lists.get(ms);
    if (list === undefined) {
      list = new IdleList(this.host.clock, ms, this.expire);
      this.lists.set(ms, list);
    }
    return list;
  }

  private readonly expire = (node: IdleNode): void => {
    const rec = node as DelegateRecord;
    void this.deliver(rec, rec.idleGen === 0 ? IDLE : new ControlItem('idle', rec.idleGen));
  };

  /**
   * Puts an item into a delegate's mailbox (or hands it to a pending `wait()`).
   *
   * @returns a promise that resolves when the item has been processed
   */
  deliver(rec: DelegateRecord, item: MailItem): Promise<void> {
    return this.mailbox.deliver(rec, item);
  }

  /**
   * `listener.wait()`: the delegate's next captured message, taken from its mailbox.
   *
   * @param rec - the waiting delegate
   * @returns the message
   */
  waitNext(rec: DelegateRecord, timeout?: number): Promise<Incoming> {
    return this.mailbox.waitNext(rec, timeout);
  }

  /** Removes a closed delegate from its registry and gives its unprocessed messages to a successor. */
  handOver(rec: DelegateRecord): void {
    const queue = rec.queue;
    rec.queue = undefined;
    if (rec.key === undefined) {
      this.oneShots.delete(rec);
    } else if (rec.slot.registry.get(rec.key) === rec) {
      rec.slot.registry.delete(rec.key);
    }
    if (queue === undefined) return;
    let successor: DelegateRecord | undefined;
    for (let i = 0; i < queue.length; i += 2) {
      const item = queue[i] as MailItem;
      const resolve = queue[i + 1] as () => void;
      if (isControl(item) || rec.key === undefined) {
        resolve();
        continue;
      }
      if (successor === undefined || !successor.isAlive) {
        successor =
          rec.slot.registry.get(rec.key) ?? this.create(rec.slot, rec.seed, rec.key, item);
      }
      if (successor === undefined) resolve();
      else this.deliver(successor, item).then(resolve, resolve);
    }
  }

  /**
   * `close()` on a delegate: applied after the current message when called from its handler (or
   * from its delegator, while it is built for its first message), otherwise queued behind the
   * messages already in its mailbox.
   */
  requestClose(rec: DelegateRecord): void {
    if (!rec.isAlive) return;
    // From the delegator (the delegate is being built for its first message): after that message.
    if (!rec.inStep && (rec.logic as DelegateLogic | undefined) !== undefined) {
      void this.deliver(rec, CLOSE);
      return;
    }
    rec.closeRequested ??= { reason: 'closed' };
    const waiter = rec.waiter; // closed from outside while the handler waits for a message
    if (waiter !== undefined) {
      rec.waiter = undefined;
      waiter.reject(new DelegateClosedError(rec.closeRequested));
    }
  }

  /**
   * Closes every delegate with reason `stopped`, after the messages already in their mailboxes.
   * Messages handed over to successors meanwhile are processed and those successors stopped too.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (;;) {
      const live: DelegateRecord[] = [...this.oneShots];
      for (const slot of this.slots) for (const rec of slot.registry.values()) live.push(rec);
      if (live.length === 0) break;
      await Promise.all(
        live.map((rec) => {
          void this.deliver(rec, STOP);
          return rec.whenClosed();
        }),
      );
    }
    for (const list of this.lists.values()) if (list.armed > 0) log('idle timers left after stop');
    this.stopped = true;
  }

  /** Whether `stop()` has begun. */
  get isStopping(): boolean {
    return this.stopping;
  }
}

/** The part of a state key that names the seed: a number as it is, anything else as JSON. */
function stateKeyOf(seed: SeedKey): string {
  return typeof seed === 'number' ? String(seed) : JSON.stringify(seed);
}

const lifecycleHooks = ['open', 'onIdle', 'onClose'] as const;

/**
 * Fails early when a lifecycle hook is not a function: most often a class field with the hook's
 * name (`open = true`) that hides the method of the same name, which would otherwise break the
 * delegate on its first message with a bare TypeError.
 */
function checkHooks(logic: DelegateLogic): void {
  for (const name of lifecycleHooks) {
    const hook = (logic as unknown as Record<string, unknown>)[name];
    if (hook !== undefined && typeof hook !== 'function') {
      throw new DelegationSetupError(
        `the delegate's '${name}' is a ${hook === null ? 'null' : typeof hook}, not a method: ` +
          `a field named '${name}' hides the ${name}() hook; rename the field`,
      );
    }
  }
}
