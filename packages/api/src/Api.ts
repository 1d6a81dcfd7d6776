import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inspect } from 'node:util';

import { AbortError } from './AbortError.js';
import type { ApiOptions } from './ApiOptions.js';
import { ApiTransport } from './ApiTransport.js';
import { assertToken } from './assertToken.js';
import { checkOptions, is } from './checkOptions.js';
import type { Clock } from './clock.js';
import { FriendlyApi } from './generated/FriendlyApi.js';
import { METHOD_NAMES } from './generated/methods.js';
import type { MethodArgs, MethodName, MethodResults, RawApi } from './generated/methods.js';
import type { File } from './generated/types.js';
import type { ApiCall, Transformer } from './Transformer.js';

/**
 * The Telegram Bot API client: every method of the Bot API, typed from the spec, in two layers.
 *
 * - Friendly: `api.sendMessage(chatId, text, { parse_mode })`, required parameters first, then
 *   an options object, then an `AbortSignal`.
 * - Raw: `api.raw.sendMessage({ chat_id, text }, signal)`, one parameters object, as the Bot API
 *   reference spells it.
 *
 * Both go through {@link Api.call}, and so through the transformers installed with
 * {@link Api.use} (for example {@link autoRetry}). Files are uploaded by passing an
 * {@link InputFile}; errors are {@link TelegramError} (Telegram said no), {@link HttpError} (no
 * usable answer) or {@link AbortError}. The token is never shown in errors or logs.
 *
 * @example
 * ```ts
 * const api = new Api(process.env.BOT_TOKEN!).use(autoRetry());
 * const me = await api.getMe();
 * await api.sendMessage(chatId, `I am <b>${me.first_name}</b>`, { parse_mode: 'HTML' });
 * await api.raw.sendPhoto({ chat_id: chatId, photo: new InputFile('./cat.jpg') });
 * ```
 */
export class Api extends FriendlyApi {
  /** One function per Bot API method, each taking the parameters object and a signal. */
  readonly raw: RawApi;
  private readonly transport: ApiTransport;
  private chain: ApiCall;

  /**
   * @param token - the bot token from BotFather (`<bot id>:<secret>`); checked now, never shown
   * @param options - server, timeouts, fetch, agent and clock; see {@link ApiOptions}
   */
  constructor(token: string, options: ApiOptions = {}) {
    super();
    assertToken(token);
    checkApiOptions('new Api(token, options)', options);
    this.transport = new ApiTransport(token, options);
    const transport = this.transport;
    this.chain = ((method: string, payload: unknown, signal?: AbortSignal) =>
      transport.call(method, payload, signal)) as ApiCall;
    const raw: Record<string, (payload?: unknown, signal?: AbortSignal) => Promise<unknown>> = {};
    for (const method of METHOD_NAMES) {
      raw[method] = (payload?: unknown, signal?: AbortSignal) =>
        (this.call as (m: string, p: unknown, s?: AbortSignal) => Promise<unknown>)(
          method,
          payload,
          signal,
        );
    }
    this.raw = Object.freeze(raw) as unknown as RawApi;
  }

  /**
   * What `JSON.stringify(api)` (and so of a bot holding it) gives: the server it calls, never
   * the token, which this client keeps in a private field.
   *
   * @returns `{ apiRoot, testEnvironment }`
   */
  toJSON(): { apiRoot: string; testEnvironment: boolean } {
    return this.transport.toJSON();
  }

  /**
   * What `util.inspect(api)` and `console.log(api)` show: {@link Api.toJSON}, never the token.
   *
   * @returns a one-line description
   */
  [inspect.custom](): string {
    return `Api ${inspect(this.toJSON())}`;
  }

  /** The clock this client's timeouts and transformers wait on. */
  get clock(): Clock {
    return this.transport.clock;
  }

  /**
   * Calls a Bot API method by name: the one path every method takes, through the transformers.
   *
   * @example
   * ```ts
   * const message = await api.call('sendMessage', { chat_id: 42, text: 'hi' });
   * ```
   *
   * @param method - the method name, e.g. `sendMessage`
   * @param args - the parameters object (optional when the method needs none), then an optional
   *   `AbortSignal`
   * @returns the method's `result`
   * @throws {@link TelegramError} when Telegram answers with an error, {@link HttpError} when no
   *   usable answer arrives, {@link AbortError} when the signal fires
   */
  call<M extends MethodName>(method: M, ...args: MethodArgs[M]): Promise<MethodResults[M]> {
    const [payload, signal] = args as [unknown, AbortSignal | undefined];
    return this.chain(method, payload as never, signal);
  }

  /**
   * Installs transformers around {@link Api.call}. Each one installed later wraps the ones
   * before it, so the last installed runs first (outermost).
   *
   * @example
   * ```ts
   * api.use(autoRetry(), async (prev, method, payload, signal) => {
   *   if (method === 'sendMessage') audit(payload);
   *   return prev(method, payload, signal);
   * });
   * ```
   *
   * @param transformers - functions `(prev, method, payload, signal, context) => Promise<result>`
   * @returns this api, for chaining
   */
  use(...transformers: Transformer[]): this {
    for (const transformer of transformers) {
      if (typeof transformer !== 'function') {
        throw new TypeError(
          'Api.use: a transformer must be a function (prev, method, payload, signal)',
        );
      }
      const prev = this.chain;
      const context = { clock: this.transport.clock };
      this.chain = ((method: MethodName, payload: never, signal?: AbortSignal) =>
        transformer(prev, method, payload, signal, context)) as ApiCall;
    }
    return this;
  }

  /**
   * Downloads a file: `getFile`, then a streamed GET of its contents into `destination`.
   *
   * A path is written through a temporary `<path>.<random>.part` file that is renamed into place
   * once complete, so a failed download leaves no partial file and an existing file untouched.
   * A writable stream is written to but left open, since you opened it.
   * Telegram's servers let bots download files up to 20 MB.
   *
   * @example
   * ```ts
   * const file = await api.downloadFile(msg.document.file_id, `./downloads/${msg.document.file_name}`);
   * ```
   *
   * @param fileId - the `file_id` of a document, photo size, voice, ...
   * @param destination - a file path, or a writable stream
   * @param signal - aborts `getFile` or the transfer
   * @returns the `File` that `getFile` answered
   */
  async downloadFile(
    fileId: string,
    destination: string | NodeJS.WritableStream,
    signal?: AbortSignal,
  ): Promise<File> {
    if (typeof destination !== 'string' && typeof destination?.write !== 'function') {
      throw new TypeError('Api.downloadFile: destination must be a file path or a writable stream');
    }
    const { file, stream } = await this.openFile(fileId, signal);
    if (typeof destination === 'string') {
      const partial = `${destination}.${randomBytes(4).toString('hex')}.part`;
      const target = createWriteStream(partial);
      try {
        await pipeline(stream, target);
        await rename(partial, destination);
      } catch (error) {
        if (!target.closed) await once(target, 'close');
        await rm(partial, { force: true });
        throw error;
      }
      return file;
    }
    await writeAll(stream, destination, signal);
    return file;
  }

  /**
   * Opens a file for reading: `getFile`, then a streamed GET. Read the stream to the end or
   * destroy it, so the connection is released.
   *
   * @example
   * ```ts
   * const stream = await api.fileStream(voice.file_id);
   * await pipeline(stream, transcoder);
   * ```
   *
   * @param fileId - the `file_id` to download
   * @param signal - aborts `getFile` or the transfer (also while you read)
   * @returns the file's contents
   */
  async fileStream(fileId: string, signal?: AbortSignal): Promise<Readable> {
    return (await this.openFile(fileId, signal)).stream;
  }

  private async openFile(
    fileId: string,
    signal: AbortSignal | undefined,
  ): Promise<{ file: File; stream: Readable }> {
    if (typeof fileId !== 'string' || fileId === '') {
      throw new TypeError('Api: fileId must be the non-empty file_id of a file Telegram sent you');
    }
    const file = await this.call('getFile', { file_id: fileId }, signal);
    if (typeof file.file_path !== 'string' || file.file_path === '') {
      throw new TypeError(
        'Api: getFile answered without file_path; the file cannot be downloaded (too big?)',
      );
    }
    return { file, stream: await this.transport.download(file.file_path, signal) };
  }
}

async function writeAll(
  source: Readable,
  target: NodeJS.WritableStream,
  signal: AbortSignal | undefined,
): Promise<void> {
  let onError: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    onError = reject;
  });
  failed.catch(() => undefined);
  target.on('error', onError);
  // A close before the end (a web client that went away closes its response without an
  // error) fails with ERR_STREAM_PREMATURE_CLOSE: no 'drain' will come, the transfer must stop.
  const stopWatching = finished(target, { readable: false }, (error) => {
    if (error !== undefined && error !== null) onError(error);
  });
  try {
    for await (const chunk of source) {
      if (!target.write(chunk as Uint8Array)) {
        await Promise.race([once(target, 'drain'), failed]);
      }
    }
  } catch (error) {
    source.destroy();
    if (signal?.aborted === true && !(error instanceof AbortError)) {
      throw new AbortError('download', signal.reason);
    }
    throw error;
  } finally {
    stopWatching();
    target.removeListener('error', onError);
  }
}

/**
 * Checks an {@link ApiOptions} object at runtime (unknown keys, wrong types).
 *
 * @param owner - who was given it, for the error
 * @param options - the options given
 * @throws OptionsError naming the key
 */
function checkApiOptions(owner: string, options: unknown): void {
  checkOptions(
    owner,
    options,
    {
      apiRoot: is.string,
      testEnvironment: is.boolean,
      timeoutMs: is.number,
      uploadTimeoutMs: is.number,
      fetch: is.function,
      agent: is.either(is.object, is.function),
      clock: is.clock,
    },
    {
      aliases: {
        baseUrl: 'apiRoot',
        baseURL: 'apiRoot',
        apiUrl: 'apiRoot',
        root: 'apiRoot',
        timeout: 'timeoutMs',
        test: 'testEnvironment',
        uploadTimeout: 'uploadTimeoutMs',
      },
    },
  );
}
