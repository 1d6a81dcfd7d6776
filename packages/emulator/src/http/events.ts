import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, TimerId } from '@delegram/api';
import createDebug from 'debug';
import type { ControlBackend, ControlEvent } from './ControlBackend.js';

const log = createDebug('delegram:emulator:events');

/** Options for {@link EventStreams}. */
export interface EventStreamsOptions {
  /** Clock for the keep-alive comments (default: none are sent). */
  readonly clock?: Clock;
  /** Milliseconds between keep-alive comments; 15 s by default. */
  readonly keepAliveMs?: number;
}

/**
 * The server-sent event streams of the control API (`GET /control/events`), which the chat page
 * listens to for new messages, edits, deletions, typing indicators and callback answers.
 *
 * Each stream carries {@link ControlEvent}s as `event: <type>` + `data: <json>`; with `chatKey` in
 * the query string only that chat's events are sent. {@link EventStreams.close} ends every open
 * stream (the emulator calls it on `stop()`, so that the server can close).
 *
 * @example
 * ```ts
 * const source = new EventSource(`${emu.chatPageUrl}control/events?chatKey=${chat.key}`);
 * source.addEventListener('message', (e) => render(JSON.parse(e.data).message));
 * ```
 */
export class EventStreams {
  readonly #backend: ControlBackend;
  readonly #options: EventStreamsOptions;
  readonly #open = new Set<() => void>();

  /**
   * @param backend - where the events come from
   * @param options - clock and keep-alive interval
   */
  constructor(backend: ControlBackend, options: EventStreamsOptions = {}) {
    this.#backend = backend;
    this.#options = options;
  }

  /** How many streams are open right now. */
  get size(): number {
    return this.#open.size;
  }

  /**
   * Starts a stream on `res`, optionally only for the chat with key `chatKey`.
   *
   * @param req - the request (its `close` ends the stream)
   * @param res - the response to stream into
   * @param chatKey - only this chat's events, or every chat's
   */
  serve(req: IncomingMessage, res: ServerResponse, chatKey: string | undefined): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // A dropped stream is retried after a second (browsers wait about three by default).
    res.write(': connected\nretry: 1000\n\n');
    const send = (event: ControlEvent): void => {
      if (chatKey !== undefined && event.chatKey !== chatKey) return;
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const unsubscribe = this.#backend.subscribe(send);
    const { clock } = this.#options;
    const every = this.#options.keepAliveMs ?? 15_000;
    let timer: TimerId = undefined;
    const keepAlive = (): void => {
      if (clock === undefined) return;
      timer = clock.setTimeout(() => {
        res.write(': keep-alive\n\n');
        keepAlive();
      }, every);
    };
    keepAlive();
    const end = (): void => {
      if (!this.#open.delete(end)) return;
      unsubscribe();
      if (timer !== undefined) clock?.clearTimeout(timer);
      if (!res.writableEnded) res.end();
      log('stream closed (chat %s), %d open', chatKey ?? 'all', this.#open.size);
    };
    this.#open.add(end);
    req.on('close', end);
    res.on('error', end);
    log('stream opened (chat %s), %d open', chatKey ?? 'all', this.#open.size);
  }

  /** Ends every open stream. */
  close(): void {
    for (const end of [...this.#open]) end();
  }
}
