import type { Bot } from '../Bot.js';
import { acceptWebhook } from './acceptWebhook.js';
import type { WebhookRequest } from './acceptWebhook.js';
import { checkWebhookOptions } from './WebhookOptions.js';
import type { WebhookOptions } from './WebhookOptions.js';

/**
 * Creates a web-standard `Request → Response` handler for Hono, Bun, Deno, Cloudflare Workers and
 * anything else that speaks the Fetch API.
 *
 * @example
 * ```ts
 * const handle = fetchWebhookHandler(bot, { secretToken, handler });
 * Bun.serve({ fetch: handle }); // or: app.post('/telegram', (c) => handle(c.req.raw))
 * ```
 * @param bot - the bot
 * @param options - handler, secret token, body limit, waiting
 * @returns `(request) => Promise<Response>`; it never rejects
 */
export function fetchWebhookHandler(
  bot: Bot,
  options: WebhookOptions = {},
): (request: Request) => Promise<Response> {
  checkWebhookOptions('fetchWebhookHandler(bot, options)', options);
  return async (request) => {
    try {
      const answer = await acceptWebhook(bot, options, fromFetch(request));
      return new Response(answer.body === '' ? null : answer.body, {
        status: answer.status,
        headers: answer.headers,
      });
    } catch (error) {
      bot.reportError(error, { source: 'webhook', outcome: 'continue' });
      return new Response(null, { status: 500 });
    }
  };
}

function fromFetch(request: Request): WebhookRequest {
  const length = request.headers.get('content-length');
  return {
    method: request.method,
    header: (name) => request.headers.get(name) ?? undefined,
    contentLength: length === null ? undefined : Number(length),
    readBody: async (maxBytes) => {
      if (request.body === null) return '';
      const chunks: Uint8Array[] = [];
      let size = 0;
      // Web streams are async iterable in Node >= 18, Deno and Bun; breaking out cancels the body.
      for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > maxBytes) return undefined;
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
