import { checkOptions, is } from '@delegram/api';
import type { Message } from '@delegram/api';
import { contentType } from '../contentType.js';
import { PREFIX_RULE } from './filters.js';
import { noMatch } from './routeKeys.js';
import type { KeyFunction, KeyResult, RouteKey } from './routeKeys.js';

/**
 * A key function routing chat messages by content type, telepot's `by_content_type`: the key is
 * the content type (`'text'`, `'photo'`, ..., `'unknown'`) and the handler gets the content as
 * its second argument (`handler(msg, msg.photo)`).
 *
 * @example
 * ```ts
 * new Router(byContentType(), { text: (msg, text: string) => ..., photo: (msg, sizes) => ... });
 * ```
 * @returns the key function
 */
export function byContentType(): (msg: Message) => KeyResult {
  return (msg) => {
    const type = contentType(msg);
    return [type, [(msg as unknown as Record<string, unknown>)[type]]];
  };
}

/** Options for {@link byCommand} and {@link byChatCommand}. */
export interface ByCommandOptions {
  /** The prefixes that start a command. Default `['/']`. */
  prefix?: string | readonly string[];
  /** What separates the command from its arguments, and the arguments. Default `' '`. */
  separator?: string;
  /** Pass the arguments (a `string[]`, empty strings dropped) to the handler. Default `false`. */
  passArgs?: boolean;
  /**
   * The bot's username (without `@`). With it, `/cmd@this_bot` routes as `cmd` and `/cmd@other_bot`
   * is {@link noMatch} (it is addressed to another bot). Without it, any `@mention` is stripped.
   */
  botUsername?: string;
}

/**
 * A key function routing by command, telepot's `by_command`: for text starting with a prefix the
 * key is the command (`'/start a b'` → `'start'`), otherwise (or with no text) it is
 * {@link noMatch}, which is distinct from the default entry.
 *
 * @example
 * ```ts
 * const keyFn = byCommand((msg: Message) => msg.caption, { passArgs: true });
 * ```
 * @param extractor - picks the text from the message (`undefined` when it has none)
 * @param options - prefixes, separator, argument passing, bot username
 * @returns the key function
 */
export function byCommand<M>(
  extractor: (msg: M) => string | undefined,
  options: ByCommandOptions = {},
): (msg: M) => KeyResult {
  checkOptions('byCommand(extractor, options)', options, {
    prefix: PREFIX_RULE,
    separator: is.string,
    passArgs: is.boolean,
    botUsername: is.string,
  });
  const prefixes =
    typeof options.prefix === 'string' ? [options.prefix] : (options.prefix ?? ['/']);
  const separator = options.separator ?? ' ';
  if (prefixes.length === 0 || prefixes.some((p) => p === '')) {
    throw new TypeError('byCommand: prefix must be a non-empty string or a list of them');
  }
  if (separator === '') throw new TypeError('byCommand: separator must not be empty');
  const bot = options.botUsername?.replace(/^@/, '').toLowerCase();
  return (msg) => {
    const text = extractor(msg);
    if (typeof text !== 'string') return [noMatch];
    const prefix = prefixes.find((p) => text.startsWith(p));
    if (prefix === undefined) return [noMatch];
    const [head = '', ...rest] = text.slice(prefix.length).split(separator);
    const at = head.indexOf('@');
    const command = at < 0 ? head : head.slice(0, at);
    if (at >= 0 && bot !== undefined && head.slice(at + 1).toLowerCase() !== bot) return [noMatch];
    if (command === '') return [noMatch];
    return options.passArgs === true ? [command, [rest.filter((a) => a !== '')]] : [command, []];
  };
}

/**
 * {@link byCommand} on a chat message's `text`, telepot's `by_chat_command`.
 *
 * @example
 * ```ts
 * new Router(byChatCommand({ botUsername: 'counter_bot' }), { start: onStart, [noMatch]: onText });
 * ```
 * @param options - prefixes, separator, argument passing, bot username
 * @returns the key function
 */
export function byChatCommand(options: ByCommandOptions = {}): (msg: Message) => KeyResult {
  return byCommand((msg: Message) => msg.text, options);
}

/**
 * A key function whose key is the message's `text` (telepot's `by_text`).
 *
 * @returns the key function
 */
export function byText(): (msg: { readonly text?: string | undefined }) => KeyResult {
  return (msg) => msg.text;
}

/**
 * A key function whose key is a callback query's `data` (telepot's `by_data`).
 *
 * @returns the key function
 */
export function byData(): (msg: { readonly data?: string | undefined }) => KeyResult {
  return (msg) => msg.data;
}

/**
 * A key function routing by a regular expression, telepot's `by_regex`: on a match the key is the
 * chosen group (default 1; `0` for the whole match, or a group name) and the handler gets the
 * match array as its second argument; otherwise the key is {@link noMatch}.
 *
 * @example
 * ```ts
 * new Router(byRegex((m: Message) => m.text, /^(\w+) (\d+)$/), { add: (msg, match) => ... });
 * ```
 * @param extractor - picks the text from the message
 * @param regex - the pattern (a `g` flag is ignored: the first match counts)
 * @param key - the group whose text is the key
 * @returns the key function
 */
export function byRegex<M>(
  extractor: (msg: M) => string | undefined,
  regex: RegExp | string,
  key: number | string = 1,
): (msg: M) => KeyResult {
  const pattern =
    typeof regex === 'string'
      ? new RegExp(regex)
      : new RegExp(regex.source, regex.flags.replace('g', ''));
  return (msg) => {
    const text = extractor(msg);
    pattern.lastIndex = 0;
    const found = typeof text === 'string' ? pattern.exec(text) : null;
    if (found === null) return [noMatch];
    const group = typeof key === 'number' ? found[key] : found.groups?.[key];
    return [group, [found]];
  };
}

/**
 * Wraps a key function so that string keys are transformed (telepot's `process_key`); other keys,
 * and the handler arguments, pass through.
 *
 * @param processor - transforms a string key
 * @param fn - the key function to wrap
 * @returns the wrapped key function
 */
export function processKey<M>(
  processor: (key: string) => RouteKey,
  fn: KeyFunction<M>,
): (msg: M, ...extra: unknown[]) => KeyResult {
  return (msg, ...extra) => {
    const result = fn(msg, ...extra);
    if (typeof result === 'string') return processor(result);
    if (!Array.isArray(result)) return result;
    const [first, ...rest] = result as readonly unknown[];
    if (typeof first !== 'string') return result;
    return [processor(first), ...rest] as unknown as KeyResult;
  };
}

/**
 * Lower-cases string keys of a key function (telepot's `lower_key`), e.g. for case-insensitive
 * commands.
 *
 * @param fn - the key function to wrap
 * @returns the wrapped key function
 */
export function lowerKey<M>(fn: KeyFunction<M>): (msg: M, ...extra: unknown[]) => KeyResult {
  return processKey((key) => key.toLowerCase(), fn);
}

/**
 * Upper-cases string keys of a key function (telepot's `upper_key`).
 *
 * @param fn - the key function to wrap
 * @returns the wrapped key function
 */
export function upperKey<M>(fn: KeyFunction<M>): (msg: M, ...extra: unknown[]) => KeyResult {
  return processKey((key) => key.toUpperCase(), fn);
}
