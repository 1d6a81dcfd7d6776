import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '@delegram/api';
import type { WebhookListener } from '@delegram-examples/launcher';
import type { Bot } from 'delegram';
import { nodeWebhookHandler, webhookReply } from 'delegram';

/** Options of {@link createHttpServer}. */
export interface HttpServerOptions {
  /** The port to listen on (0: a free one). */
  readonly port: number;
  /** The secret token given to `setWebhook`. */
  readonly secretToken: string;
}

/**
 * A webhook bot behind a plain `node:http` server of your own: `POST /telegram` goes to delegram's
 * {@link nodeWebhookHandler}, `GET /healthz` tells how many updates were handled, anything else is
 * 404. The handler waits for each update (`wait: true`) and answers a text by returning a
 * {@link webhookReply}: Telegram makes the `sendMessage` call with the webhook's response, which
 * saves a request.
 *
 * @param bot - the bot
 * @param options - port and secret token
 * @returns the server, as `runWebhook` takes it
 */
export function createHttpServer(bot: Bot, options: HttpServerOptions): WebhookListener {
  let handled = 0;
  const telegram = nodeWebhookHandler(bot, {
    secretToken: options.secretToken,
    wait: true,
    handler: {
      chat: (msg: Message) => {
        handled += 1;
        if (msg.text === undefined) return undefined;
        return webhookReply('sendMessage', { chat_id: msg.chat.id, text: `Echo: ${msg.text}` });
      },
    },
  });
  let server: Server | undefined;
  return {
    start: async () => {
      const srv = createServer((req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === '/telegram') {
          void telegram(req, res);
        } else if (path === '/healthz' && req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: true, handled }));
        } else {
          res.writeHead(404).end();
        }
      });
      server = srv;
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(options.port, '127.0.0.1', () => resolve());
      });
      const { port } = srv.address() as AddressInfo;
      return { url: `http://127.0.0.1:${port}/telegram` };
    },
    stop: async () => {
      const srv = server;
      server = undefined;
      if (srv === undefined) return;
      await new Promise<void>((resolve) => {
        srv.close(() => resolve());
        srv.closeIdleConnections();
      });
    },
  };
}
