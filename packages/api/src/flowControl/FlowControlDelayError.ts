import type { Priority } from './withPriority.js';

/**
 * A call that {@link flowControl} gave up on because it would have waited in its queue longer
 * than `maxQueueDelayMs` (the chat, or the whole bot, is too far behind its rate limits). The
 * call was never sent, or its last attempt got a 429 and it was not tried again; the calls
 * queued after it in the same chat go on.
 *
 * @example
 * ```ts
 * try {
 *   await api.sendMessage(chatId, 'Your report is ready');
 * } catch (error) {
 *   if (error instanceof FlowControlDelayError) log('dropped after %d ms', error.waitedMs);
 *   else throw error;
 * }
 * ```
 */
export class FlowControlDelayError extends Error {
  /** The Bot API method, e.g. `sendMessage`. */
  readonly method: string;
  /** The call's `chat_id`, or `undefined` for an inline message edit. */
  readonly chatId: number | string | undefined;
  /** How long the call had waited when it was given up, in ms. */
  readonly waitedMs: number;
  /** The `maxQueueDelayMs` it exceeded. */
  readonly limitMs: number;
  /** The call's priority. */
  readonly priority: Priority;

  /**
   * @param method - the method
   * @param chatId - the target chat
   * @param waitedMs - time spent queued
   * @param limitMs - the limit
   * @param priority - the call's priority
   */
  constructor(
    method: string,
    chatId: number | string | undefined,
    waitedMs: number,
    limitMs: number,
    priority: Priority,
  ) {
    super(
      `${method} waited ${waitedMs} ms for flow control (limit ${limitMs} ms for ${priority} calls); not sent`,
    );
    this.name = 'FlowControlDelayError';
    this.method = method;
    this.chatId = chatId;
    this.waitedMs = waitedMs;
    this.limitMs = limitMs;
    this.priority = priority;
  }
}
