import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '@delegram/api';
import createDebug from 'debug';
import { ApiError } from '../ApiError.js';
import type { MethodImpl } from '../methods/MethodContext.js';
import type { BotAccount } from '../world/BotAccount.js';
import type { World } from '../world/World.js';
import { applyFault } from './applyFault.js';
import { isWellFormedToken, parseBotPath } from './botPath.js';
import { writeError, writeJson, writeResult } from './envelope.js';
import type { Faults } from './Faults.js';
import type { FloodControl } from './FloodControl.js';
import type { TypeSpecLike } from './findMissingField.js';
import { MethodRunner, type MethodSpecLike } from './MethodRunner.js';
import { addSearchParams, parseBody, type ParsedBody } from './parseBody.js';

const debug = createDebug('delegram:emulator:server');

/**
 * Handles requests the bot side does not serve (control API, events, chat page). Returns true
 * when it answered the request.
 */
export type ExtraRoutes = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

/** Options for {@link HttpServer}. */
export interface HttpServerOptions {
  /** The emulated world (bots by token, files by path). */
  readonly world: World;
  /** Method implementations keyed by lower-case name. */
  readonly methods: Readonly<Record<string, MethodImpl>>;
  /** The emulator's clock (fault latency, flood windows). */
  readonly clock: Clock;
  /** Fault injection rules. */
  readonly faults: Faults;
  /** Flood control. */
  readonly flood: FloodControl;
  /** Other routes served by the same server, tried for paths the bot side does not own. */
  readonly extraRoutes?: ExtraRoutes;
  /** Method specs (default: `METHOD_SPECS` from `@delegram/api`). */
  readonly specs?: Readonly<Record<string, MethodSpecLike>>;
  /** Type specs for checks inside object parameters (default: `TYPE_SPECS` from `@delegram/api`). */
  readonly typeSpecs?: Readonly<Record<string, TypeSpecLike>>;
}

/**
 * The emulator's HTTP server: the Bot API as Telegram's server speaks it, for any number of bots.
 *
 * Serves `/bot<token>/<method>` (and `/bot<token>/test/<method>`, the test environment's path,
 * answered by the same bots) with GET or POST, parameters from the query string, urlencoded, JSON
 * or multipart bodies; `/file/bot<token>/<file_path>` downloads; and hands every other path to
 * `extraRoutes`, answering 404 `Not Found` when nobody takes it. Errors use Telegram's envelope
 * and strings, with HTTP status = `error_code`.
 *
 * @example
 * ```ts
 * const server = new HttpServer({ world, methods: METHODS, clock, faults: new Faults(), flood: new FloodControl() });
 * const { port } = await server.listen(0, '127.0.0.1');
 * // bots use apiRoot http://127.0.0.1:<port>
 * await server.close();
 * ```
 */
export class HttpServer {
  private readonly runner: MethodRunner;
  private readonly server: Server;
  private busy = 0;

  /** @param options - world, methods, clock, faults, flood control and extra routes */
  constructor(private readonly options: HttpServerOptions) {
    this.runner = new MethodRunner(options);
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        debug('request failed: %O', error);
        writeError(res, new ApiError(500, 'Internal Server Error', undefined, { cause: error }));
      });
    });
    this.server.keepAliveTimeout = 65_000;
  }

  /**
   * Number of bot requests being processed right now, not counting long polls that are waiting
   * for updates (so "0" means the bot side is quiet).
   */
  get activeRequests(): number {
    return this.busy;
  }

  /**
   * Starts listening.
   *
   * @param port - the port, 0 for a free one
   * @param host - the interface (use `127.0.0.1` unless you mean to expose the emulator)
   * @returns the port actually bound
   */
  listen(port: number, host: string): Promise<{ port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve({ port: (this.server.address() as AddressInfo).port });
      });
    });
  }

  /** Stops listening and closes every connection (waiting long polls end). */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.server.listening) {
        resolve();
        return;
      }
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const route = parseBotPath(url.pathname);
    if (route === undefined) {
      if (
        this.options.extraRoutes !== undefined &&
        (await this.options.extraRoutes(req, res, url))
      ) {
        return;
      }
      writeJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    if (!isWellFormedToken(route.token)) {
      writeError(res, new ApiError(401, 'Unauthorized: invalid token specified'));
      return;
    }
    const bot = this.options.world.botByToken(route.token);
    if (bot === undefined) {
      writeError(res, new ApiError(401, 'Unauthorized'));
      return;
    }
    if (route.kind === 'file') {
      this.serveFile(res, route.filePath, bot.id);
      return;
    }
    this.busy += 1;
    let counted = true;
    const uncount = (): void => {
      if (counted) this.busy -= 1;
      counted = false;
    };
    try {
      await this.callMethod(req, res, bot, route.method, url, uncount);
    } finally {
      uncount();
    }
  }

  private async callMethod(
    req: IncomingMessage,
    res: ServerResponse,
    bot: BotAccount,
    pathMethod: string,
    url: URL,
    uncount: () => void,
  ): Promise<void> {
    let body: ParsedBody;
    try {
      const query: ParsedBody = { params: {}, files: new Map() };
      addSearchParams(query.params, url.searchParams);
      body = await parseBody(req.headers['content-type'], req, query);
    } catch (error) {
      if (error instanceof ApiError) writeError(res, error);
      else throw error;
      return;
    }
    const { method: paramMethod, ...params } = body.params;
    const method =
      pathMethod !== '' ? pathMethod : typeof paramMethod === 'string' ? paramMethod : '';
    if (pathMethod === '' && paramMethod === undefined) {
      writeError(res, new ApiError(404, 'Not Found: method not found'));
      return;
    }
    const fault = this.options.faults.pick(method);
    if (fault !== undefined) {
      debug('fault %o for %s', fault.kind, method);
      if (await applyFault(fault, req, res, this.options.clock)) return;
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    if (method.toLowerCase() === 'getupdates') uncount();
    try {
      const outcome = await this.runner.run(bot, method, params, body.files, controller.signal);
      debug('bot %d %s → ok', bot.id, method);
      writeResult(res, outcome.result, outcome.description);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      debug('bot %d %s → %d %s', bot.id, method, error.errorCode, error.description);
      writeError(res, error);
    }
  }

  private serveFile(res: ServerResponse, filePath: string, botId: number): void {
    const files = this.options.world.files;
    // The test environment's download path is /file/bot<token>/test/<file_path>. Only files the
    // bot has an id for are served (file ids and paths are per bot in Telegram).
    const file =
      files.byPath(filePath, botId) ??
      (filePath.startsWith('test/')
        ? files.byPath(filePath.slice('test/'.length), botId)
        : undefined);
    if (file === undefined) {
      writeJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    res.writeHead(200, {
      'content-type': file.mimeType ?? 'application/octet-stream',
      'content-length': file.data.length,
    });
    res.end(file.data);
  }
}
