import type { DelegateLogic, DelegationPattern, Delegator, SeedTuple } from './Delegate.js';
import { createOpen } from './delegators.js';
import { DelegationSetupError } from './errors.js';
import { OriginMap } from './OriginMap.js';
import type { Seeder } from './Seed.js';
import { chain, perCallbackQueryChatId, perEventSourceId } from './seeders.js';
import type { ChatType } from '../glance.js';
import type { OriginKind } from './seeders.js';

/**
 * Builds a delegation pattern from seeders and a delegator factory (telepot's `pair`): several
 * seeders are chained (the first seed that is not `undefined` wins).
 *
 * @example
 * ```ts
 * pair([perChatId(), perCallbackQueryChatId()], createOpen, Quiz, { timeout: 30 });
 * ```
 * @param seeders - a seeder or a list of seeders
 * @param factory - a delegator factory such as `createOpen`, `createRun` or `call`
 * @param args - the factory's arguments
 * @returns the `[seeder, delegator]` pattern
 */
export function pair<A extends unknown[]>(
  seeders: Seeder | readonly Seeder[],
  factory: (...args: A) => Delegator,
  ...args: A
): DelegationPattern {
  const list = toList(seeders);
  if (list.length === 0 || list.some((s) => typeof s !== 'function')) {
    throw new DelegationSetupError(
      'pair(seeders, ...): give a seeder or a non-empty list of seeders',
    );
  }
  if (typeof factory !== 'function') {
    throw new DelegationSetupError(
      'pair(seeders, factory, ...args): factory must be createOpen, createRun, call or similar',
    );
  }
  return [chain(...list), factory(...args)];
}

/** A pair producer: {@link pair} or one wrapped by {@link paveEventSpace} and the like. */
export type PairProducer = typeof pair;

function toList(seeders: Seeder | readonly Seeder[]): Seeder[] {
  return typeof seeders === 'function' ? [seeders] : [...seeders];
}

function isOptionsObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Adds options to a producer's arguments, telepot's `**kwargs` style: merged into a trailing
 * options object, or appended as one.
 */
function withOptions(args: unknown[], extra: Record<string, unknown>): unknown[] {
  const last = args[args.length - 1];
  if (args.length > 1 && isOptionsObject(last))
    return [...args.slice(0, -1), { ...last, ...extra }];
  return [...args, extra];
}

let lastEventSpace = 0;

/**
 * Gives a pattern its own event space (telepot's `pave_event_space`): each call allocates a new
 * space number, adds a `perEventSourceId(space)` seeder and passes `eventSpace` to the delegate's
 * options, so events a delegate schedules with `this.scheduler` come back to it, or revive it
 * after it closed.
 *
 * @example
 * ```ts
 * paveEventSpace()(perChatId(), createOpen, MessageCounter, { timeout: 10 });
 * ```
 * @param fn - the producer to wrap (default {@link pair})
 * @returns the wrapped producer
 */
export function paveEventSpace(fn: PairProducer = pair): PairProducer {
  const space = ++lastEventSpace;
  return extend(fn, perEventSourceId(space), { eventSpace: space });
}

/** Wraps a producer so it appends `seeder` to the pattern's seeders and adds `options`. */
function extend(fn: PairProducer, seeder: Seeder, options: Record<string, unknown>): PairProducer {
  return ((
    seeders: Seeder | readonly Seeder[],
    factory: (...a: unknown[]) => Delegator,
    ...args: unknown[]
  ) => fn([...toList(seeders), seeder], factory, ...withOptions(args, options))) as PairProducer;
}

/**
 * Lets callback queries on a chat's messages reach (or re-create) that chat's delegate (telepot's
 * `include_callback_query_chat_id`): adds a `perCallbackQueryChatId(types)` seeder and the option
 * `includeCallbackQuery: true`.
 *
 * @example
 * ```ts
 * includeCallbackQueryChatId(paveEventSpace())(perChatId(), createOpen, Lover, { timeout: 10 });
 * ```
 * @param fn - the producer to wrap (default {@link pair})
 * @param types - the chat types to accept
 * @returns the wrapped producer
 */
export function includeCallbackQueryChatId(
  fn: PairProducer = pair,
  types: 'all' | readonly ChatType[] = 'all',
): PairProducer {
  return extend(fn, perCallbackQueryChatId(types), { includeCallbackQuery: true });
}

/**
 * Routes callback queries by the message they came from to the delegate that sent (or edited) that
 * message with callback buttons (telepot's `intercept_callback_query_origin`). The delegate's
 * `sender` and `editor` record the origins; a callback query on a recorded origin reaches the
 * owner, or re-creates it if it closed.
 *
 * @param fn - the producer to wrap (default {@link pair})
 * @param origins - which origins to intercept: chat messages, inline messages, or both
 * @returns the wrapped producer
 */
export function interceptCallbackQueryOrigin(
  fn: PairProducer = pair,
  origins: 'all' | readonly OriginKind[] = 'all',
): PairProducer {
  const map = new OriginMap(origins);
  return extend(fn, map.seeder, { interceptCallbackQuery: map });
}

/**
 * The short form for the common case: a handler class per seed, with its own event space.
 * `delegate(perChatId(), Counter, { timeout: 10 })` is
 * `paveEventSpace()(perChatId(), createOpen, Counter, { timeout: 10 })`.
 *
 * @example
 * ```ts
 * new DelegatorBot(token, [delegate(perChatId(), MessageCounter, { timeout: 10 })]);
 * ```
 * @param seeders - a seeder or a list of seeders
 * @param cls - the handler class
 * @param options - the handler's options (`timeout`, ...)
 * @returns the pattern
 */
export function delegate<O extends object>(
  seeders: Seeder | readonly Seeder[],
  cls: new (seedTuple: SeedTuple, options: O) => DelegateLogic,
  options: O,
): DelegationPattern;
export function delegate(
  seeders: Seeder | readonly Seeder[],
  cls: new (seedTuple: SeedTuple) => DelegateLogic,
): DelegationPattern;
export function delegate(
  seeders: Seeder | readonly Seeder[],
  cls: new (seedTuple: SeedTuple, options?: object) => DelegateLogic,
  options: object = {},
): DelegationPattern {
  return paveEventSpace()(seeders, createOpen, cls, options);
}
