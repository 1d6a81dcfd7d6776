import type { IncomingMessage, ServerResponse } from 'node:http';
import createDebug from 'debug';
import type { Bot } from '../Bot.js';
import { acceptWebhook } from './acceptWebhook.js';
import type { WebhookRequest } from './acceptWebhook.js';
import { checkWebhookOptions } from './WebhookOptions.js';
import type { WebhookOptions } from './WebhookOptions.js';

const log = createDebug('delegram:webhook');

/** A `node:http` request, possibly with a body already parsed by middleware (Express `json()`). */
export type NodeWebhookRequest = IncomingMessage & { body?: unknown };

/**
 * Creates a request handler for `node:http` and frameworks built on it (Express, Fastify's
 * `request.raw`/`reply.raw`, Koa's `ctx.req`/`ctx.res`, Next.js API routes).
 *
 * Answers 405/401/415/413/400 without touching handlers, 200 once the update is accepted. A body
 * already parsed by middleware (`req.body`: a string, a Buffer or an object) is used, and held to
 * `maxBodyBytes` as well (an object by the size of its JSON). An answer sent before the body was
 * read in full (an early 401 or 413) says `Connection: close`, so that connection does not linger
 * half-read, holding up a server's `close()`.
 *
 * @example
 * ```ts
 * const handle = nodeWebhookHandler(bot, { secretToken, handler });
 * createServer((req, res) => void handle(req, res)).listen(8443);
 * // Express: app.post('/telegram', nodeWebhookHandler(bot, { secretToken, handler }));
 * ```
 * @param bot - the bot
 * @param options - handler, secret token, body limit, waiting
 * @returns `(req, res) => Promise<void>`; it never rejects
 */
export function nodeWebhookHandler(
  bot: Bot,
  options: WebhookOptions = {},
): (req: NodeWebhookRequest, res: ServerResponse) => Promise<void> {
  checkWebhookOptions('nodeWebhookHandler(bot, options)', options);
  return async (req, res) => {
    try {
      const answer = await acceptWebhook(bot, options, fromNode(req));
      if (!req.complete && !res.headersSent) res.setHeader('connection', 'close');
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } catch (error) {
      if (req.destroyed && !req.complete) {
        // The client went away (or a stopping server cut it) mid-body: nothing to answer.
        log('request abandoned before its body was read: %s', String(error));
        return;
      }
      bot.reportError(error, { source: 'webhook', outcome: 'continue' });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  };
}

function fromNode(req: NodeWebhookRequest): WebhookRequest {
  const length = req.headers['content-length'];
  return {
    method: req.method ?? 'GET',
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    },
    contentLength: length === undefined ? undefined : Number(length),
    readBody: async (maxBytes) => {
      const pre = req.body;
      if (pre !== undefined && pre !== null) {
        if (typeof pre === 'string') return Buffer.byteLength(pre) > maxBytes ? undefined : pre;
        if (Buffer.isBuffer(pre)) return pre.length > maxBytes ? undefined : pre.toString('utf8');
        return parsedSize(pre) > maxBytes ? undefined : { parsed: pre };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer | string>) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += buffer.length;
        if (size > maxBytes) {
          req.resume(); // drain the rest without keeping it
          return undefined;
        }
        chunks.push(buffer);
      }
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** The size of a parsed body as JSON; a value that cannot be serialised counts as too big. */
function parsedSize(value: unknown): number {
  try {
    const text = JSON.stringify(value) as string | undefined;
    return text === undefined ? 0 : Buffer.byteLength(text);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
