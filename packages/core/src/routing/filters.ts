import { checkOptions, is } from '@delegram/api';
import type { Message } from '@delegram/api';
import { contentType as contentTypeOf } from '../contentType.js';
import type { ContentType } from '../contentType.js';

/**
 * What a filter returns: `true` or an object (whose fields become handler data, as aiogram's
 * dict-returning filters) to match, `false`, `undefined` or `null` not to.
 */
export type FilterResult<D extends object> = boolean | D | undefined | null;

/**
 * A filter in the aiogram sense: a sync or async predicate on a message that may also extract data
 * for the handler. Any function `(msg) => boolean` is a filter; the built-in ones
 * ({@link command}, {@link regexp}, {@link ofContentType}) also narrow the message type.
 *
 * @typeParam M - the message type it accepts
 * @typeParam D - the data it gives the handler when it matches
 * @typeParam N - the narrowed message type when it matches
 */
export interface Filter<M = unknown, D extends object = object, N extends M = M> {
  (msg: M, ...extra: unknown[]): FilterResult<D> | Promise<FilterResult<D>>;
  /**
   * Type-level only: the message type after a match. Never set at runtime. (A method, so that
   * filters stay assignable whatever they narrow to.)
   */
  __narrowsTo?(msg: N): void;
}

/**
 * Runs a filter and normalises its answer: the match data, or `undefined` for no match.
 *
 * @param filter - the filter
 * @param msg - the message
 * @param extra - extra arguments for the filter
 * @returns the data (`{}` for a plain `true`), or `undefined`
 */
export async function runFilter<M, D extends object, N extends M = M>(
  filter: Filter<M, D, N>,
  msg: M,
  ...extra: unknown[]
): Promise<D | undefined> {
  const result = await filter(msg, ...extra);
  if (result === true) return {} as D;
  if (typeof result === 'object' && result !== null) return result;
  return undefined;
}

/** What {@link command} extracts: the parts of `/cmd@bot args`. */
export interface CommandMatch {
  /** The prefix that started the command (`'/'`). */
  readonly prefix: string;
  /** The command without prefix and mention (`'start'`). */
  readonly command: string;
  /** The bot username after `@`, if the command carried one. */
  readonly mention: string | undefined;
  /** Everything after the command and the first space (`''` when none). */
  readonly args: string;
  /** The deep-link payload of `/start <payload>` (`t.me/bot?start=<payload>`), if any. */
  readonly payload: string | undefined;
}

/** The data {@link command} gives the handler. */
export interface CommandData {
  /** The parts of the command. */
  readonly command: CommandMatch;
}

/** A message known to have text. */
export interface HasText {
  /** The message's text. */
  readonly text: string;
}

/** How a command `prefix` option is checked: a string or a list of strings. */
export const PREFIX_RULE = is.either(is.string, is.array);

/** Options for {@link command}. */
export interface CommandOptions {
  /** Bot username (without `@`): `/cmd@other_bot` does not match; `/cmd@this_bot` does. */
  botUsername?: string;
  /** Prefixes that start a command. Default `['/']`. */
  prefix?: string | readonly string[];
  /** Compare command names case-insensitively. Default `false`. */
  ignoreCase?: boolean;
  /** Match only with a deep-link payload (`/start <payload>`); `false` matches only without. */
  deepLink?: boolean;
}

/**
 * A filter for commands: `/start`, `/start@my_bot`, `/start <deep-link payload>`, `/help topic`.
 * The handler gets `{ command: CommandMatch }`.
 *
 * @example
 * ```ts
 * router.on(command('start', { botUsername: 'my_bot', deepLink: true }), (msg, { command }) =>
 *   bot.api.sendMessage(msg.chat.id, `invited by ${command.payload}`),
 * );
 * ```
 * @param names - the command name(s) without prefix, or a RegExp tested on the name
 * @param options - bot username, prefixes, case, deep-link requirement
 * @returns the filter
 */
export function command(
  names: string | RegExp | readonly (string | RegExp)[],
  options: CommandOptions = {},
): Filter<Message, CommandData, Message & HasText> {
  checkOptions('command(names, options)', options, {
    botUsername: is.string,
    prefix: PREFIX_RULE,
    ignoreCase: is.boolean,
    deepLink: is.boolean,
  });
  const list = (Array.isArray(names) ? names : [names]) as readonly (string | RegExp)[];
  if (list.length === 0) throw new TypeError('command(names): give at least one command name');
  const fold = (s: string): string => (options.ignoreCase === true ? s.toLowerCase() : s);
  const wanted = list.map((n) => (typeof n === 'string' ? fold(n.replace(/^\//, '')) : n));
  const prefixes =
    typeof options.prefix === 'string' ? [options.prefix] : (options.prefix ?? ['/']);
  const bot = options.botUsername?.replace(/^@/, '').toLowerCase();
  return (msg) => {
    const text = (msg as { text?: unknown }).text;
    if (typeof text !== 'string') return false;
    const prefix = prefixes.find((p) => p !== '' && text.startsWith(p));
    if (prefix === undefined) return false;
    const rest = text.slice(prefix.length);
    const space = rest.search(/\s/);
    const head = space < 0 ? rest : rest.slice(0, space);
    const args = space < 0 ? '' : rest.slice(space + 1).trim();
    const at = head.indexOf('@');
    const name = at < 0 ? head : head.slice(0, at);
    const mention = at < 0 ? undefined : head.slice(at + 1);
    if (mention !== undefined && bot !== undefined && mention.toLowerCase() !== bot) return false;
    const nameMatches = wanted.some((w) =>
      typeof w === 'string' ? w === fold(name) : testOnce(w, name),
    );
    if (!nameMatches) return false;
    const payload = name === 'start' && args !== '' ? args : undefined;
    if (options.deepLink === true && payload === undefined) return false;
    if (options.deepLink === false && payload !== undefined) return false;
    return { command: { prefix, command: name, mention, args, payload } };
  };
}

/** The data {@link regexp} gives the handler. */
export interface RegexpData {
  /** The match, with its groups. */
  readonly match: RegExpExecArray;
}

/** Options for {@link regexp}. */
export interface RegexpOptions {
  /**
   * Which field to test. Default: the first string among `text`, `caption` (messages), `data`
   * (callback queries) and `query` (inline queries).
   */
  field?: string;
}

/**
 * A filter testing a RegExp on the message's text (or caption, callback data, inline query).
 * The handler gets `{ match: RegExpExecArray }`.
 *
 * @example
 * ```ts
 * router.on(regexp(/^add (\d+)$/), (msg, { match }) => add(Number(match[1])));
 * ```
 * @param pattern - the RegExp (its `g` flag is ignored) or its source
 * @param options - which field to test
 * @returns the filter
 */
export function regexp(
  pattern: RegExp | string,
  options: RegexpOptions = {},
): Filter<unknown, RegexpData> {
  checkOptions('regexp(pattern, options)', options, { field: is.string });
  const re =
    typeof pattern === 'string'
      ? new RegExp(pattern)
      : new RegExp(pattern.source, pattern.flags.replace('g', ''));
  const fields =
    options.field === undefined ? ['text', 'caption', 'data', 'query'] : [options.field];
  return (msg) => {
    if (typeof msg !== 'object' || msg === null) return false;
    const record = msg as Record<string, unknown>;
    const value = fields.map((f) => record[f]).find((v): v is string => typeof v === 'string');
    if (value === undefined) return false;
    re.lastIndex = 0;
    const found = re.exec(value);
    return found === null ? false : { match: found };
  };
}

/** A message known to carry the content of one of the types `T`. */
export type MessageWith<T extends ContentType> = Message & {
  [K in Extract<T, keyof Message>]-?: NonNullable<Message[K]>;
};

/**
 * A filter matching chat messages of the given content types (see `contentType`), narrowing the
 * message so the content field is known to be present.
 *
 * @example
 * ```ts
 * router.on(ofContentType('photo', 'video'), (msg) => msg.photo ?? msg.video);
 * ```
 * @param types - the accepted content types
 * @returns the filter
 */
export function ofContentType<T extends ContentType>(
  ...types: T[]
): Filter<Message, object, MessageWith<T>> {
  if (types.length === 0) throw new TypeError('ofContentType(...types): give at least one type');
  const accepted = new Set<string>(types);
  return (msg) => accepted.has(contentTypeOf(msg));
}

/**
 * Any filter, whatever message type it accepts; the constraint of the combinators' arguments.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any filter, whatever it accepts
export type SomeFilter = Filter<any, object, any>;

/** The type-level mark of a filter that narrows the message to `N`. */
export interface Narrowing<N> {
  /**
   * Never set at runtime; carries `N` for the types.
   *
   * @param msg - the narrowed message
   */
  __narrowsTo?(msg: N): void;
}

/** The message type a list of filters accepts: the intersection of what each accepts. */
export type InputOf<F extends readonly unknown[]> = F extends readonly [infer H, ...infer R]
  ? (H extends (msg: infer M, ...extra: never[]) => unknown ? M : unknown) & InputOf<R>
  : unknown;
/** The merged data of a list of filters (`object` for plain predicates). */
export type DataOf<F extends readonly unknown[]> = F extends readonly [infer H, ...infer R]
  ? (H extends (...args: never[]) => infer Res
      ? [Extract<Awaited<Res>, object>] extends [never]
        ? object
        : Extract<Awaited<Res>, object>
      : object) &
      DataOf<R>
  : object;
/** The narrowed message type of a list of filters (the intersection of their narrowings). */
export type NarrowOf<M, F extends readonly unknown[]> = F extends readonly [infer H, ...infer R]
  ? (H extends Narrowing<infer N> ? (unknown extends N ? M : N) : M) & NarrowOf<M, R>
  : M;

/**
 * A filter matching when every filter matches (checked in order, stopping at the first miss);
 * the data of all of them is merged.
 *
 * @param filters - the filters
 * @returns the combined filter
 */
export function and<const F extends readonly SomeFilter[]>(
  ...filters: F
): Filter<InputOf<F>, DataOf<F>, NarrowOf<InputOf<F>, F>> {
  return async (msg, ...extra) => {
    let data = {};
    for (const filter of filters) {
      const result: object | undefined = await runFilter(filter as Filter<unknown>, msg, ...extra);
      if (result === undefined) return false;
      data = { ...data, ...result };
    }
    return data as DataOf<F>;
  };
}

/**
 * A filter matching when any filter matches (checked in order); the first match's data is given.
 *
 * @param filters - the filters
 * @returns the combined filter
 */
export function or<const F extends readonly SomeFilter[]>(
  ...filters: F
): Filter<InputOf<F>, Partial<DataOf<F>>> {
  return async (msg, ...extra) => {
    for (const filter of filters) {
      const result: object | undefined = await runFilter(filter as Filter<unknown>, msg, ...extra);
      if (result !== undefined) return result;
    }
    return false;
  };
}

/**
 * A filter matching when the given filter does not.
 *
 * @param filter - the filter to negate
 * @returns the negated filter
 */
export function not<M, N extends M>(filter: Filter<M, object, N>): Filter<M> {
  return async (msg, ...extra) => (await runFilter(filter, msg, ...extra)) === undefined;
}

function testOnce(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}
