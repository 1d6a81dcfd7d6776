import type { Priority } from './withPriority.js';

/** The chat a flow-control event is about: a `chat_id`, or `undefined` for inline edits. */
export type FlowChatId = number | string | undefined;

/** The events of {@link FlowControl.on} and what each listener gets. */
export interface FlowEventMap {
  /** A call could not be sent at once and waits in its chat's queue. */
  delayed: { method: string; chatId: FlowChatId; priority: Priority; queued: number };
  /** A call was answered successfully after `waitedMs` in the queue (retries' pauses included). */
  sent: {
    method: string;
    chatId: FlowChatId;
    priority: Priority;
    waitedMs: number;
    attempts: number;
  };
  /** A call got a 429; `willRetry` tells whether it is queued again (first in its chat). */
  rateLimited: {
    method: string;
    chatId: FlowChatId;
    retryAfterMs: number;
    attempt: number;
    willRetry: boolean;
  };
  /** A call failed with an error other than a retried 429 (it is passed to the caller). */
  failed: { method: string; chatId: FlowChatId; error: unknown };
  /** A queued call left its queue because its signal aborted. */
  aborted: { method: string; chatId: FlowChatId; priority: Priority };
  /** A queued call was given up after `maxQueueDelayMs` (a `FlowControlDelayError`). */
  expired: { method: string; chatId: FlowChatId; waitedMs: number; limitMs: number };
  /** A chat's queue (`scope: 'chat'`) or all limited calls (`scope: 'bot'`) pause until `until`. */
  pause: { scope: 'chat' | 'bot'; chatId: FlowChatId; until: number };
  /** A pause ended. */
  resume: { scope: 'chat' | 'bot'; chatId: FlowChatId };
}

/** The name of a flow-control event. */
export type FlowEventName = keyof FlowEventMap;

/** A listener of one flow-control event. */
export type FlowListener<E extends FlowEventName> = (event: FlowEventMap[E]) => void;

/**
 * A tiny typed listener set for {@link FlowEventMap}. A listener that throws does not stop the
 * others or the scheduler (the error is handed to `onError`).
 *
 * @example
 * ```ts
 * const events = new FlowEvents();
 * const off = events.on('sent', (e) => metrics.observe(e.waitedMs));
 * off();
 * ```
 */
export class FlowEvents {
  private readonly sets = new Map<FlowEventName, Set<(event: never) => void>>();

  /** @param onError - gets what a listener threw */
  constructor(private readonly onError: (error: unknown) => void = () => {}) {}

  /**
   * Adds a listener.
   *
   * @param event - the event name
   * @param listener - called with the event's details
   * @returns a function that removes the listener
   */
  on<E extends FlowEventName>(event: E, listener: FlowListener<E>): () => void {
    if (typeof listener !== 'function') {
      throw new TypeError(
        `FlowControl.on('${String(event)}', listener): listener must be a function`,
      );
    }
    let set = this.sets.get(event);
    if (set === undefined) {
      set = new Set();
      this.sets.set(event, set);
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  /**
   * Removes a listener added with {@link FlowEvents.on}.
   *
   * @param event - the event name
   * @param listener - the listener
   */
  off<E extends FlowEventName>(event: E, listener: FlowListener<E>): void {
    this.sets.get(event)?.delete(listener);
  }

  /**
   * Tells whether anyone listens to an event (so that building its details can be skipped).
   *
   * @param event - the event name
   * @returns true when at least one listener is set
   */
  has(event: FlowEventName): boolean {
    return (this.sets.get(event)?.size ?? 0) > 0;
  }

  /**
   * Calls the listeners of an event.
   *
   * @param event - the event name
   * @param details - what they get
   */
  emit<E extends FlowEventName>(event: E, details: FlowEventMap[E]): void {
    const set = this.sets.get(event);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        (listener as FlowListener<E>)(details);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
