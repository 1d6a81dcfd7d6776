import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '@delegram/api';
import createDebug from 'debug';
import type { ControlBackend } from './ControlBackend.js';
import { ControlError } from './ControlError.js';
import { EventStreams } from './events.js';
import {
  type Body,
  int,
  intList,
  objectList,
  optionalInt,
  optionalMimeType,
  optionalObject,
  optionalStr,
  readJsonBody,
  str,
  text,
} from './input.js';
import { serveStatic } from './staticFiles.js';

const log = createDebug('delegram:emulator:control');

/** Options for {@link ControlRoutes}. */
export interface ControlRoutesOptions {
  /** Clock for the event streams' keep-alive comments. */
  readonly clock?: Clock;
  /** Serve the chat page at `/` (default `true`). */
  readonly page?: boolean;
}

type Handler = (params: readonly string[], url: URL, body: Body) => unknown;

interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  readonly handler: Handler;
  /** Largest request body, when more than the default 1 MiB. */
  readonly maxBody?: number;
}

/** Uploads carry base64 in JSON: room for a 10 MB photo (Telegram's limit for photos). */
const UPLOAD_BODY = 16 * 1024 * 1024;

const FILE_KINDS = new Set(['photo', 'document']);

/**
 * The control API as JSON over HTTP (`/control/…`), its server-sent events
 * (`/control/events`, also at `/events`) and the chat page (`/`), plugged into the emulator's
 * HTTP server as its `extraRoutes`.
 *
 * Every answer is `{ ok: true, result }` or `{ ok: false, error: { code, message } }` with HTTP
 * 400 (bad input), 404 (unknown user, bot, chat, message or route) or 409/500. The routes are
 * listed in the package README.
 *
 * @example
 * ```ts
 * const routes = new ControlRoutes(emulatorBackend(emu), { clock });
 * const server = new HttpServer({ ..., extraRoutes: routes.handle });
 * // on stop:
 * routes.close();
 * ```
 */
export class ControlRoutes {
  readonly #backend: ControlBackend;
  readonly #events: EventStreams;
  readonly #page: boolean;
  readonly #routes: readonly Route[];

  /**
   * @param backend - the emulator's control surface
   * @param options - clock and whether to serve the chat page
   */
  constructor(backend: ControlBackend, options: ControlRoutesOptions = {}) {
    this.#backend = backend;
    this.#events = new EventStreams(backend, options.clock ? { clock: options.clock } : {});
    this.#page = options.page ?? true;
    this.#routes = this.#table();
  }

  /**
   * Answers a request when it is for the control API, its events or the chat page.
   *
   * @param req - the request
   * @param res - the response
   * @param url - the parsed request URL
   * @returns `true` when the request was answered here, `false` to let the server go on routing
   */
  readonly handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<boolean> => {
    const path = url.pathname;
    if (path === '/control/events' || path === '/events') {
      try {
        this.#events.serve(req, res, chatKeyParam(url.searchParams.get('chatKey')));
      } catch (error) {
        this.#fail(res, error);
      }
      return true;
    }
    if (path === '/control' || path.startsWith('/control/')) {
      await this.#control(req, res, url);
      return true;
    }
    if (this.#page && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveStatic(path, res);
    }
    return false;
  };

  /** Ends the open event streams (call it before closing the server). */
  close(): void {
    this.#events.close();
  }

  async #control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '');
    try {
      const fileMatch = /^\/control\/files\/([^/]+)$/.exec(path);
      if (fileMatch?.[1] !== undefined && req.method === 'GET') {
        this.#file(pathPart(fileMatch[1], 'file id'), res);
        return;
      }
      let allowed: string[] = [];
      for (const route of this.#routes) {
        const match = route.pattern.exec(path);
        if (match === null) continue;
        if (route.method !== req.method) {
          allowed.push(route.method);
          continue;
        }
        allowed = [];
        const body = req.method === 'POST' ? await readJsonBody(req, route.maxBody) : {};
        const result = await route.handler(match.slice(1), url, body);
        this.#send(res, 200, { ok: true, result: result ?? null });
        return;
      }
      if (allowed.length > 0) {
        throw new ControlError(
          405,
          'method_not_allowed',
          `use ${allowed.join(' or ')} for ${path}`,
        );
      }
      throw new ControlError(
        404,
        'not_found',
        `no control route ${req.method ?? ''} ${path}; see the emulator README`,
      );
    } catch (error) {
      this.#fail(res, error);
    }
  }

  #file(fileId: string, res: ServerResponse): void {
    const file = this.#backend.file(fileId);
    if (file === undefined)
      throw new ControlError(404, 'unknown_file', `no file with id ${fileId}`);
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': file.data.length,
      'cache-control': 'max-age=3600',
      'x-content-type-options': 'nosniff',
      // A file is whatever a person or bot uploaded (HTML too): opened from the page's own origin
      // it must not run scripts there.
      'content-security-policy': 'sandbox',
    });
    res.end(file.data);
  }

  #fail(res: ServerResponse, error: unknown): void {
    const known = toControlError(error);
    if (known.status >= 500) log('control request failed: %O', error);
    if (res.headersSent) {
      res.end();
      return;
    }
    this.#send(res, known.status, {
      ok: false,
      error: { code: known.code, message: known.message },
    });
  }

  #send(res: ServerResponse, status: number, body: unknown): void {
    const data = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(data),
      'cache-control': 'no-store',
    });
    res.end(data);
  }

  #table(): Route[] {
    const b = this.#backend;
    const id = '(-?\\d+)';
    const key = '(p\\d+_\\d+|-?\\d+)';
    const route = (
      method: Route['method'],
      path: string,
      handler: Handler,
      maxBody?: number,
    ): Route => ({
      method,
      pattern: new RegExp(`^/control${path}$`),
      handler,
      ...(maxBody === undefined ? {} : { maxBody }),
    });
    return [
      route('GET', '/users', () => b.listUsers()),
      route('POST', '/users', (_p, _u, body) =>
        b.createUser({
          firstName: str(body.firstName, 'firstName'),
          ...opt('lastName', optionalStr(body.lastName, 'lastName')),
          ...opt('username', optionalStr(body.username, 'username')),
        }),
      ),
      route('GET', '/bots', () => b.listBots()),
      route('POST', '/bots', (_p, _u, body) =>
        b.createBot({
          username: str(body.username, 'username'),
          ...opt('firstName', optionalStr(body.firstName, 'firstName')),
          ...opt('token', optionalStr(body.token, 'token')),
        }),
      ),
      route('GET', '/chats', (_p, url) =>
        b.listChats(optionalInt(url.searchParams.get('userId') ?? undefined, 'userId')),
      ),
      route('POST', '/chats', (_p, _u, body) => {
        const type = body.type ?? 'private';
        if (type === 'private')
          return b.privateChat(int(body.userId, 'userId'), int(body.botId, 'botId'));
        if (type !== 'group' && type !== 'supergroup' && type !== 'channel') {
          throw new ControlError(
            400,
            'bad_request',
            'type must be private, group, supergroup or channel',
          );
        }
        return b.createGroup({
          type,
          title: str(body.title, 'title'),
          memberIds: intList(body.memberIds, 'memberIds'),
          botIds: intList(body.botIds, 'botIds'),
        });
      }),
      route('GET', `/chats/${key}`, ([chat], url) => {
        const userId = optionalInt(url.searchParams.get('userId') ?? undefined, 'userId');
        return userId === undefined ? b.chat(chat ?? '') : b.chat(chat ?? '', userId);
      }),
      route('GET', `/chats/${key}/commands`, ([chat], url) =>
        b.commands(int(url.searchParams.get('userId') ?? undefined, 'userId'), chat ?? ''),
      ),
      route('GET', `/chats/${key}/messages`, ([chat]) => b.history(chat ?? '')),
      route('POST', `/chats/${key}/join`, ([chat], _u, body) =>
        b.join(int(body.userId, 'userId'), chat ?? ''),
      ),
      route('POST', `/chats/${key}/leave`, ([chat], _u, body) =>
        b.leave(int(body.userId, 'userId'), chat ?? ''),
      ),
      route('POST', '/idle', async (_p, _u, body) => {
        const timeoutMs = optionalInt(body.timeoutMs, 'timeoutMs');
        const graceMs = optionalInt(body.graceMs, 'graceMs');
        if ((timeoutMs ?? 0) < 0 || (timeoutMs ?? 0) > 60_000 || (graceMs ?? 0) < 0) {
          throw new ControlError(400, 'bad_request', 'timeoutMs must be 0-60000 and graceMs >= 0');
        }
        await b.waitForIdle({ ...opt('timeoutMs', timeoutMs), ...opt('graceMs', graceMs) });
        return true;
      }),
      route('POST', `/chats/${key}/messages`, ([chat], _u, body) =>
        b.sendMessage(int(body.userId, 'userId'), chat ?? '', {
          text: str(body.text, 'text'),
          ...opt('entities', objectList(body.entities, 'entities')),
          ...opt('replyToMessageId', optionalInt(body.replyToMessageId, 'replyToMessageId')),
        }),
      ),
      route(
        'POST',
        `/chats/${key}/files`,
        ([chat], _u, body) => {
          const kind = body.kind ?? 'document';
          if (typeof kind !== 'string' || !FILE_KINDS.has(kind)) {
            throw new ControlError(400, 'bad_request', 'kind must be "photo" or "document"');
          }
          return b.sendFile(int(body.userId, 'userId'), chat ?? '', {
            kind: kind as 'photo' | 'document',
            data: base64(body.data),
            ...opt('fileName', optionalStr(body.fileName, 'fileName')),
            ...opt('mimeType', optionalMimeType(body.mimeType, 'mimeType')),
            ...opt('caption', optionalStr(body.caption, 'caption')),
          });
        },
        UPLOAD_BODY,
      ),
      route('POST', `/chats/${key}/keyboard`, ([chat], _u, body) =>
        b.pressKeyboardButton(int(body.userId, 'userId'), chat ?? '', str(body.button, 'button')),
      ),
      route('POST', `/chats/${key}/messages/${id}/press`, async ([chat, messageId], _u, body) => {
        const answer = await b.pressButton(
          int(body.userId, 'userId'),
          chat ?? '',
          int(messageId, 'message id'),
          str(body.button, 'button'),
        );
        return answer ?? null;
      }),
      route('POST', `/chats/${key}/messages/${id}/edit`, ([chat, messageId], _u, body) =>
        b.editMessage(
          int(body.userId, 'userId'),
          chat ?? '',
          int(messageId, 'message id'),
          str(body.text, 'text'),
        ),
      ),
      route('POST', `/chats/${key}/messages/${id}/delete`, async ([chat, messageId], _u, body) => {
        await b.deleteMessage(int(body.userId, 'userId'), chat ?? '', int(messageId, 'message id'));
        return true;
      }),
      route('POST', `/chats/${key}/messages/${id}/pay`, ([chat, messageId], _u, body) => {
        const shippingAddress = optionalObject(body.shippingAddress, 'shippingAddress');
        return b.pay(int(body.userId, 'userId'), chat ?? '', int(messageId, 'message id'), {
          ...opt('shippingAddress', shippingAddress),
        });
      }),
      route('POST', '/inline', (_p, _u, body) =>
        b.inlineQuery(
          int(body.userId, 'userId'),
          int(body.botId, 'botId'),
          text(body.query, 'query'),
          {
            ...opt('chatKey', optionalChatKey(body.chatKey)),
            ...opt('offset', body.offset === undefined ? undefined : text(body.offset, 'offset')),
          },
        ),
      ),
      route('POST', '/inline/([^/]+)/choose', ([queryId], _u, body) =>
        b.chooseInlineResult(
          int(body.userId, 'userId'),
          pathPart(queryId ?? '', 'query id'),
          str(body.resultId, 'resultId'),
          chatKey(body.chatKey),
        ),
      ),
    ];
  }
}

const CHAT_KEY = /^(p\d+_\d+|-?\d+)$/;

function base64(value: unknown): Buffer {
  if (typeof value !== 'string' || value === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    throw new ControlError(400, 'bad_request', "data must be the file's bytes in base64");
  }
  return Buffer.from(value, 'base64');
}

function chatKey(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string' || !CHAT_KEY.test(value)) {
    throw new ControlError(
      400,
      'bad_request',
      'chatKey must be a chat key: "p<userId>_<botId>" for a private chat or the chat id for a group',
    );
  }
  return value;
}

/** A percent-decoded path segment; a malformed escape is bad input (400), not a crash. */
function pathPart(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw);
  } catch (error) {
    const message = `the ${what} in the path is not valid percent-encoding`;
    throw new ControlError(400, 'bad_request', message, { cause: error });
  }
}

function optionalChatKey(value: unknown): string | undefined {
  return value === undefined ? undefined : chatKey(value);
}

function chatKeyParam(value: string | null): string | undefined {
  return value === null || value === '' ? undefined : chatKey(value);
}

/** `{ [key]: value }` when value is defined, `{}` otherwise (for exactOptionalPropertyTypes). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function toControlError(error: unknown): ControlError {
  if (error instanceof ControlError) return error;
  if (typeof error === 'object' && error !== null) {
    const e = error as { errorCode?: unknown; description?: unknown; message?: unknown };
    // An ApiError from the world (the same rule a bot would hit): bad input on the control side.
    if (typeof e.errorCode === 'number' && typeof e.description === 'string') {
      const status = e.errorCode >= 400 && e.errorCode < 500 ? e.errorCode : 400;
      return new ControlError(status, 'api_error', e.description, { cause: error });
    }
  }
  return new ControlError(500, 'internal', 'the emulator failed to handle this request', {
    cause: error,
  });
}
