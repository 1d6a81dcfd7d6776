import type { Template } from '../filtering.js';
import { matchAll } from '../filtering.js';
import type { Incoming } from '../Incoming.js';

/**
 * What a {@link Listener} needs from the runtime: the next captured message from its delegate's
 * mailbox.
 */
export interface ListenerSource {
  /** Resolves with the delegate's next captured message (see {@link Listener.wait}). */
  next(timeout?: number): Promise<Incoming>;
}

/**
 * A delegate's listener (telepot's `Listener`): the capture patterns that decide which of the
 * messages routed to the delegate reach it, and `wait()` for the next one.
 *
 * A pattern is a list of templates that must all match; a message is captured when any pattern
 * matches (or when the delegate's own `accepts()` says so). A delegate with neither patterns nor
 * `accepts()` captures every message routed to it. Messages that are not captured are dropped and
 * do not reset the idle timeout.
 *
 * @example
 * ```ts
 * this.listener.capture([{ chat: { id: 42 } }, (msg) => typeof msg === 'object']);
 * const next = await this.listener.wait(); // the delegate's next captured message
 * ```
 */
export class Listener {
  private patterns: (readonly Template[])[] | undefined;

  /** @param source - where `wait()` takes messages from */
  constructor(private readonly source: ListenerSource) {}

  /**
   * Adds a capture pattern: a list of templates that must all match the message's payload.
   *
   * @param pattern - the templates (see `match` in `filtering`)
   * @returns this listener, to chain calls
   */
  capture(pattern: readonly Template[]): this {
    const shape: unknown = pattern;
    if (!Array.isArray(shape)) {
      throw new TypeError(
        'listener.capture(pattern): pass an array of templates, e.g. capture([{ chat: { id } }])',
      );
    }
    (this.patterns ??= []).push([...pattern]);
    return this;
  }

  /** Whether any capture pattern was added. */
  get hasPatterns(): boolean {
    return this.patterns !== undefined;
  }

  /**
   * Tells whether a message matches one of the capture patterns.
   *
   * @param incoming - the message
   * @returns `true` if any pattern matches its payload
   */
  matches(incoming: Incoming): boolean {
    const patterns = this.patterns;
    if (patterns === undefined) return false;
    for (const pattern of patterns) if (matchAll(incoming.msg, pattern)) return true;
    return false;
  }

  /**
   * Waits for the delegate's next captured message, taking it from the mailbox: it is not handed
   * to `onMessage` as well. Call it only from the delegate's own handler (or `run()`).
   *
   * @example
   * ```ts
   * try {
   *   const answer = await this.listener.wait(30);
   * } catch (error) {
   *   if (!(error instanceof WaitTooLongError)) throw error;
   *   await this.sender.sendMessage('Too slow!');
   * }
   * ```
   * @param timeout - give up after this many seconds (on the bot's clock) with
   *   {@link WaitTooLongError} (telepot's `wait(timeout)`); leave it out to wait without limit
   * @returns the next captured message
   * @throws {@link DelegateClosedError} (rejection) when the delegate closes meanwhile
   * @throws {@link WaitTooLongError} (rejection) when the timeout passed first
   */
  wait(timeout?: number): Promise<Incoming> {
    if (
      timeout !== undefined &&
      (typeof timeout !== 'number' || !(timeout >= 0) || !Number.isFinite(timeout))
    ) {
      return Promise.reject(
        new TypeError(
          `listener.wait(timeout): timeout must be a number of seconds >= 0, got ${String(timeout)}`,
        ),
      );
    }
    return this.source.next(timeout);
  }
}
