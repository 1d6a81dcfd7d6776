import { checkOptions, is } from '@delegram/api';
import { createActor, waitFor } from 'xstate';
import type { Actor, AnyStateMachine, EventFromLogic, InputFrom, Snapshot } from 'xstate';
import type {
  CloseReason,
  DelegateLogic,
  Delegator,
  StateBinding,
} from '../delegation/Delegate.js';
import { DelegationSetupError } from '../delegation/errors.js';
import type { oneShot, SeedKey } from '../delegation/Seed.js';
import type { DelegatorBot } from '../DelegatorBot.js';
import type { Flavor } from '../flavor.js';
import type { Incoming } from '../Incoming.js';
import { Sender } from '../proxies/Sender.js';
import type { StateOptions } from '../state/StateOptions.js';

/**
 * The event a machine delegate receives for each message: its flavor as the event type
 * (`'chat'`, `'callback_query'`, `'_alarm'`, ...), the update kind, the payload and the whole
 * {@link Incoming}.
 */
export interface UpdateEvent<F extends Flavor = Flavor> {
  /** The flavor: `'chat'`, `'callback_query'`, `'_alarm'`, ... */
  readonly type: F;
  /** The update kind (`'message'`, `'edited_message'`, ...) or the event's flavor. */
  readonly kind: string;
  /** The payload: the message, the query, or the event's data. */
  readonly msg: Incoming['msg'];
  /** The whole incoming message. */
  readonly incoming: Incoming;
  /**
   * Send methods bound to the delegate's chat (or user), when its seed is a number. Reply with
   * it from an action; a machine with durable state should use this rather than keep a sender in
   * its context (a context is stored, a sender cannot be).
   */
  readonly sender: Sender | undefined;
}

/** What a machine delegate gets as its `input`. */
export interface MachineDelegateInput {
  /** The bot (its `api` sends messages). */
  readonly bot: DelegatorBot;
  /** The delegate's seed (chat id, user id, ...). */
  readonly seed: SeedKey | typeof oneShot;
  /** The first message. */
  readonly incoming: Incoming;
  /**
   * Send methods bound to the chat (or user) the seed names, when the seed is a number; store it
   * in the context so actions can reply.
   */
  readonly sender: Sender | undefined;
}

/** Options of {@link fromMachine}. */
export interface FromMachineOptions<TMachine extends AnyStateMachine> {
  /** Idle timeout in seconds; without it the delegate lives until its machine reaches a final state. */
  readonly timeout?: number;
  /** `'close'` (default) or `'keep'` the delegate when the actor fails. */
  readonly onError?: 'close' | 'keep';
  /** Builds the actor's input from the default one (for machines that need more). */
  readonly input?: (base: MachineDelegateInput) => InputFrom<TMachine>;
  /**
   * Durable state: the actor's persisted snapshot is loaded from the bot's store before the first
   * message (the actor is restored from it) and saved after each handled event when it changed,
   * effectively once per update, like a handler's `state` field (see docs/state.md). `true` uses
   * the defaults; the key namespace defaults to the machine's id. A stored snapshot of a machine
   * that had reached its final state starts over from the initial state. Keep the context plain
   * data (use the event's `sender` to reply). Delayed transitions pending at a restart are not
   * restored: schedule with the bot's scheduler for timers that must survive one.
   */
  readonly state?: StateOptions | boolean | undefined;
  /** Returns a persisted snapshot to restore the actor from, for a seed (or `undefined`). */
  readonly restore?: (seed: SeedKey | typeof oneShot) => Snapshot<unknown> | undefined;
  /** Receives the persisted snapshot (`actor.getPersistedSnapshot()`) when the delegate closes. */
  readonly persist?: (
    seed: SeedKey | typeof oneShot,
    snapshot: Snapshot<unknown>,
    reason: CloseReason,
  ) => unknown;
}

/**
 * The logic of a machine delegate: one xstate actor per seed. Messages become {@link UpdateEvent}s
 * sent to the actor in order; a message counts as processed when the actor has taken the event
 * and is not in a state tagged `'busy'` (tag states that wait for invoked work). The delegate
 * closes when the machine reaches a final state, and an actor error while it handles a message
 * closes it with reason `error` (as a throwing handler does); an actor error at another time (a
 * delayed transition) is reported with source `'delegate'` and closes it with reason `closed`.
 * `onError: 'keep'` keeps the delegate in both cases.
 */
export class MachineDelegate<TMachine extends AnyStateMachine> implements DelegateLogic {
  readonly idleTimeout: number | undefined;
  readonly onError: 'close' | 'keep' | undefined;
  /** The durable state (the persisted snapshot), when the `state` option is given. */
  readonly stateBinding: StateBinding | undefined;
  /** The actor is starting or `onMessage` is running: an actor error now is thrown from there. */
  private handling = true;
  private running: Actor<TMachine> | undefined;

  /**
   * @param machine - the machine
   * @param base - the default input
   * @param close - closes the delegate
   * @param options - see {@link FromMachineOptions}
   */
  constructor(
    private readonly machine: TMachine,
    private readonly base: MachineDelegateInput,
    private readonly close: () => void,
    private readonly options: FromMachineOptions<TMachine>,
  ) {
    this.idleTimeout = options.timeout;
    this.onError = options.onError;
    const state = options.state;
    if (state === undefined || state === false) {
      this.stateBinding = undefined;
      this.start(options.restore?.(base.seed));
      return;
    }
    const stateOptions = state === true ? {} : state;
    const name = stateOptions.name ?? machine.id;
    if (stateOptions.name === undefined && (name === '' || name === '(machine)')) {
      throw new DelegationSetupError(
        "fromMachine(machine, { state }): give the machine an id, or the state a name: { state: { name: 'checkout' } }",
      );
    }
    this.stateBinding = {
      name,
      options: stateOptions,
      read: () => this.actor.getPersistedSnapshot(),
      load: (stored) => {
        this.running?.stop();
        this.running = undefined;
        const snapshot = stored?.value as Snapshot<unknown> | undefined;
        this.start(snapshot?.status === 'done' ? undefined : snapshot);
      },
    };
  }

  /** The running actor. */
  get actor(): Actor<TMachine> {
    if (this.running === undefined) {
      throw new DelegationSetupError('the machine delegate has not loaded its state yet');
    }
    return this.running;
  }

  private start(snapshot: Snapshot<unknown> | undefined): void {
    const { base, options } = this;
    const input = options.input === undefined ? base : options.input(base);
    const actorOptions: unknown = {
      input,
      clock: base.bot.clock,
      ...(snapshot === undefined ? {} : { snapshot }),
    };
    this.handling = true;
    const actor = createActor(this.machine, actorOptions as never);
    // xstate rethrows the error of an actor nobody observes from a timer, which crashes the
    // process: observe it, and surface it as a handler error instead.
    actor.subscribe({ error: (error: unknown) => this.failedOutside(error) });
    actor.start();
    this.running = actor;
    const started = actor.getSnapshot() as Snapshot<unknown>;
    if (started.status === 'error') throw (started as { error?: unknown }).error;
    this.handling = false;
  }

  async onMessage(incoming: Incoming): Promise<void> {
    const event: UpdateEvent = {
      type: incoming.flavor,
      kind: incoming.kind,
      msg: incoming.msg,
      incoming,
      sender: this.base.sender,
    };
    this.handling = true;
    try {
      this.actor.send(event as EventFromLogic<TMachine>);
      let snapshot = this.actor.getSnapshot() as Snapshot<unknown> & {
        hasTag?(tag: string): boolean;
      };
      if (snapshot.status === 'active' && snapshot.hasTag?.('busy') === true) {
        snapshot = await waitFor(
          this.actor,
          (s: Snapshot<unknown> & { hasTag?(tag: string): boolean }) =>
            s.status !== 'active' || s.hasTag?.('busy') !== true,
        );
      }
      if (snapshot.status === 'error') throw (snapshot as { error?: unknown }).error;
      if (snapshot.status === 'done') this.close();
    } finally {
      this.handling = false;
    }
  }

  /**
   * An actor error: during `onMessage` it is thrown from there (the runtime reports it and applies
   * `onError`); at any other time (a delayed transition, an invoked actor settling while the
   * delegate is idle) it is reported here and, unless `onError` is `'keep'`, closes the delegate.
   */
  private failedOutside(error: unknown): void {
    if (this.handling) return;
    this.base.bot.reportError(error, {
      source: 'delegate',
      seed: this.base.seed,
      outcome: 'continue',
    });
    if (this.onError !== 'keep') this.close();
  }

  /** The actor's persisted snapshot, for storage. */
  getPersistedSnapshot(): Snapshot<unknown> {
    return this.actor.getPersistedSnapshot();
  }

  async onClose(reason: CloseReason): Promise<void> {
    const actor = this.running;
    if (actor === undefined) return; // its state never loaded: nothing ran, nothing to persist
    const persisted = actor.getPersistedSnapshot();
    actor.stop();
    await this.options.persist?.(this.base.seed, persisted, reason);
  }
}

/**
 * Makes an xstate machine the delegate: each seed gets its own actor, messages arrive as typed
 * {@link UpdateEvent}s (`{ type: 'chat', msg, sender, ... }`), the input carries the bot and seed
 * so actions can send, and with the `state` option the snapshot is durable: restored from the
 * bot's store and saved after each handled event.
 *
 * Each delegate here is a real xstate `Actor` (a few KB each): choose it for behaviour that is a
 * state machine; plain handler classes cost far less per chat.
 *
 * @example
 * ```ts
 * const counter = setup({
 *   types: { input: {} as MachineDelegateInput, context: {} as { count: number; sender: Sender }, events: {} as UpdateEvent },
 *   actions: { reply: ({ context }) => void context.sender.sendMessage(String(context.count)) },
 * }).createMachine({
 *   context: ({ input }) => ({ count: 0, sender: input.sender! }),
 *   on: { chat: { actions: [assign({ count: ({ context }) => context.count + 1 }), 'reply'] } },
 * });
 * new DelegatorBot(token, [pair(perChatId(), fromMachine, counter, { timeout: 60 })]);
 * ```
 * @param machine - the machine
 * @param options - idle timeout, input, durable state, restore and persist hooks
 * @returns the delegator
 */
export function fromMachine<TMachine extends AnyStateMachine>(
  machine: TMachine,
  options: FromMachineOptions<TMachine> = {},
): Delegator {
  if (
    typeof machine !== 'object' ||
    machine === null ||
    typeof (machine as { transition?: unknown }).transition !== 'function'
  ) {
    throw new DelegationSetupError(
      'fromMachine(machine): pass an xstate machine made with createMachine() or setup().createMachine()',
    );
  }
  checkOptions('fromMachine(machine, options)', options, {
    timeout: is.number,
    onError: is.oneOf('close', 'keep'),
    input: is.function,
    state: is.either(is.boolean, is.object),
    restore: is.function,
    persist: is.function,
  });
  return ({ bot, seed, incoming, delegate }) => {
    const sender = typeof seed === 'number' ? new Sender(bot.api, seed) : undefined;
    return new MachineDelegate(
      machine,
      { bot, seed, incoming, sender },
      () => delegate.close(),
      options,
    );
  };
}
