import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Bot } from '../Bot.js';
import { openWebhookInbox } from './webhookInbox.js';
import { nodeWebhookHandler } from './nodeWebhookHandler.js';
import { is } from '@delegram/api';
import { checkWebhookOptions } from './WebhookOptions.js';
import type { WebhookOptions } from './WebhookOptions.js';

/** Options for {@link WebhookServer}. */
export interface WebhookServerOptions extends WebhookOptions {
  /** The path updates are posted to (default `/`); other paths get 404. */
  path?: string;
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`; put a TLS proxy in front for Telegram). */
  host?: string;
}

/**
 * A small `node:http` server for webhook examples and tests: one path, the checks of
 * {@link nodeWebhookHandler}, `start()` and `stop()`. For production, mount
 * `nodeWebhookHandler` or `fetchWebhookHandler` in your own server behind TLS.
 *
 * @example
 * ```ts
 * const server = new WebhookServer(bot, { path: '/telegram', port: 8080, secretToken, handler });
 * const { url } = await server.start();
 * stopOnSignals(server);
 * ```
 */
export class WebhookServer {
  private server: Server | undefined;
  private readonly path: string;
  /** Answers not sent yet: once stopping, they close their connection instead of keeping it. */
  private readonly unanswered = new Map<ServerResponse, IncomingMessage>();
  /** Every open connection, idle, half-open or busy. */
  private readonly sockets = new Set<Socket>();

  /**
   * @param bot - the bot
   * @param options - path, port, host and the webhook options
   */
  constructor(
    readonly bot: Bot,
    private readonly options: WebhookServerOptions = {},
  ) {
    checkWebhookOptions('new WebhookServer(bot, options)', options, {
      path: is.string,
      port: is.number,
      host: is.string,
    });
    this.path = options.path ?? '/';
    if (!this.path.startsWith('/')) {
      throw new TypeError(`WebhookServer: path must start with '/', got '${this.path}'`);
    }
  }

  /**
   * Starts listening.
   *
   * @returns the port and the local URL of the webhook path
   */
  async start(): Promise<{ port: number; url: string }> {
    if (this.server !== undefined) throw new Error('WebhookServer.start(): already started');
    const { path: _path, port: _port, host: _host, ...webhook } = this.options;
    // With an inbox, what a previous process left unfinished is handled from the start, not
    // only once the first request comes.
    if (webhook.inbox !== undefined) {
      await openWebhookInbox(this.bot, webhook.inbox, webhook.handler);
    }
    const handle = nodeWebhookHandler(this.bot, webhook);
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== this.path) {
        res.writeHead(404).end();
        return;
      }
      this.unanswered.set(res, req);
      res.once('close', () => this.unanswered.delete(res));
      void handle(req, res);
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    return { port, url: `http://${host}:${port}${this.path}` };
  }

  /**
   * Stops listening and closes every connection that is not waiting for the answer to a whole
   * update: idle kept-alive ones, half-open ones that never finished their headers, uploads still
   * sending their body (Telegram sends that update again, since it got no answer) and connections
   * left half-read by an early 401/413. Requests whose update was read in full are answered (with
   * `wait`, once handled or after `waitTimeoutMs`) and their connections then closed. Resolves when
   * every connection is closed; no timer or idle socket is needed for that, so it also resolves
   * when nothing else keeps the process alive.
   */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    const busy = new Set<Socket>();
    for (const [res, req] of this.unanswered) {
      // Without this, a kept-alive connection whose answer is sent after close() stays open
      // until the keep-alive timeout (5 s) and stop() waits for it.
      if (!res.headersSent) res.setHeader('connection', 'close');
      if (req.complete && !res.writableEnded) busy.add(req.socket);
    }
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      for (const socket of this.sockets) if (!busy.has(socket)) socket.destroy();
    });
  }
}
