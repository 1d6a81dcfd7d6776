import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { checkOptions, is } from './checkOptions.js';
import { extensionFor, guessContentType } from './guessContentType.js';
import { InputFileError } from './InputFileError.js';

/**
 * Where an {@link InputFile}'s bytes come from: a file path (string or `file:` URL), bytes in
 * memory, a Node readable stream, or any async iterable of byte chunks.
 */
export type InputFileSource =
  string | URL | Uint8Array | NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

/** Name and type for an {@link InputFile}; both are guessed when left out. */
export interface InputFileOptions {
  /** File name shown to users (documents) and used to guess the content type. */
  filename?: string;
  /** MIME type, e.g. `image/png`; guessed from the file name when left out. */
  contentType?: string;
}

type Source =
  | { kind: 'path'; path: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'stream'; stream: AsyncIterable<Uint8Array | string> };

/**
 * A file to upload to Telegram, from a path, bytes, a stream or an async iterable.
 *
 * Pass it wherever the Bot API accepts an `InputFile` (`photo`, `document`, `thumbnail`, the
 * `media` of an `InputMedia*`, ...). The client then sends a streaming `multipart/form-data`
 * request; nothing is read before the request is sent, and a path is opened only then.
 * To send a file that is already on Telegram's servers, pass its `file_id` or an HTTP URL as a
 * plain string instead.
 *
 * A path or bytes can be sent any number of times (a retry re-reads them); a stream or async
 * iterable can be read only once, and a second attempt fails with an {@link InputFileError}.
 *
 * @example
 * ```ts
 * await api.sendPhoto(chatId, new InputFile('./cat.jpg'));
 * await api.sendDocument(chatId, new InputFile(Buffer.from('a,b\n1,2\n'), { filename: 'data.csv' }));
 * await api.sendVideo(chatId, new InputFile(fs.createReadStream('clip.mp4')));
 * ```
 */
export class InputFile {
  /** File name sent in the multipart part. */
  readonly filename: string;
  /** MIME type sent in the multipart part. */
  readonly contentType: string;
  private readonly source: Source;
  private consumed = false;

  /**
   * @param source - a path (string or `file:` URL), a `Buffer`/`Uint8Array`, a readable stream or
   *   an async iterable of chunks
   * @param options - file name and content type; guessed when left out
   */
  constructor(source: InputFileSource, options: InputFileOptions = {}) {
    checkOptions(
      'new InputFile(source, options)',
      options,
      {
        filename: is.string,
        contentType: is.string,
      },
      { aliases: { name: 'filename', mimeType: 'contentType', type: 'contentType' } },
    );
    this.source = toSource(source);
    const filename = options.filename ?? defaultFilename(this.source, options.contentType);
    if (filename === '' || /[\r\n"]/.test(filename)) {
      throw new TypeError(
        `InputFile: filename ${JSON.stringify(filename)} is not usable; give a non-empty name without quotes or line breaks`,
      );
    }
    this.filename = filename;
    const contentType = options.contentType ?? guessContentType(filename);
    if (/[\r\n]/.test(contentType) || contentType === '') {
      throw new TypeError('InputFile: contentType must be a non-empty MIME type such as image/png');
    }
    this.contentType = contentType;
  }

  /** Whether the content can be read again (paths and bytes) or only once (streams). */
  get replayable(): boolean {
    return this.source.kind !== 'stream';
  }

  /** Size in bytes when it is known without reading (bytes in memory), else `undefined`. */
  get knownSize(): number | undefined {
    return this.source.kind === 'bytes' ? this.source.bytes.byteLength : undefined;
  }

  /**
   * Opens the content for reading. A path is checked now, so a missing file fails here, before
   * any request is sent; its file descriptor is opened only when the first chunk is read and
   * closed when reading ends or stops early.
   *
   * @returns the bytes as an async iterable of chunks
   * @throws {@link InputFileError} when a stream was already read or the path is not a file
   */
  async open(): Promise<AsyncIterable<Uint8Array>> {
    const source = this.source;
    switch (source.kind) {
      case 'bytes':
        return oneChunk(source.bytes);
      case 'path': {
        try {
          const info = await stat(source.path);
          if (!info.isFile()) throw new Error(`${source.path} is not a regular file`);
        } catch (cause) {
          throw new InputFileError(
            'not-a-file',
            this.filename,
            `InputFile: cannot read ${JSON.stringify(source.path)}: ${(cause as Error).message}`,
            { cause },
          );
        }
        return readLazily(source.path);
      }
      case 'stream':
        if (this.consumed) {
          throw new InputFileError(
            'consumed',
            this.filename,
            `InputFile ${JSON.stringify(this.filename)} comes from a stream that was already read; create a new InputFile (or use a path or Buffer, which can be re-read)`,
          );
        }
        this.consumed = true;
        return asBytes(source.stream);
    }
  }

  /** Shows the file name and kind of source, never the content. */
  toJSON(): Record<string, string> {
    return { inputFile: this.filename, source: this.source.kind };
  }
}

function toSource(source: InputFileSource): Source {
  if (typeof source === 'string') {
    if (source === '') throw new TypeError('InputFile: the path is empty; give a file path');
    if (/^https?:\/\//i.test(source)) {
      throw new TypeError(
        'InputFile: got an HTTP URL; pass the URL string itself as the field value and Telegram will fetch it',
      );
    }
    return { kind: 'path', path: source };
  }
  if (source instanceof URL) {
    if (source.protocol !== 'file:') {
      throw new TypeError(
        `InputFile: only file: URLs are read locally, got ${source.protocol}; pass other URLs as plain strings`,
      );
    }
    return { kind: 'path', path: fileURLToPath(source) };
  }
  if (source instanceof Uint8Array) return { kind: 'bytes', bytes: source };
  if (isAsyncIterable(source)) return { kind: 'stream', stream: source };
  if (isNodeStream(source)) {
    return { kind: 'stream', stream: new Readable().wrap(source) };
  }
  throw new TypeError(
    'InputFile: source must be a path, a file: URL, a Buffer/Uint8Array, a readable stream or an async iterable of chunks',
  );
}

function defaultFilename(source: Source, contentType: string | undefined): string {
  if (source.kind === 'path') return basename(source.path);
  if (source.kind === 'stream') {
    const path = (source.stream as { path?: unknown }).path;
    if (typeof path === 'string' && path !== '') return basename(path);
  }
  const ext = contentType === undefined ? undefined : extensionFor(contentType);
  return ext === undefined ? 'file' : `file.${ext}`;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array | string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

function isNodeStream(value: unknown): value is NodeJS.ReadableStream {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { pipe?: unknown }).pipe === 'function' &&
    typeof (value as { on?: unknown }).on === 'function'
  );
}

async function* readLazily(path: string): AsyncGenerator<Uint8Array> {
  yield* createReadStream(path) as AsyncIterable<Buffer>;
}

// eslint-disable-next-line @typescript-eslint/require-await
async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function* asBytes(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    if (typeof chunk === 'string') yield Buffer.from(chunk);
    else if (chunk instanceof Uint8Array) yield chunk;
    else throw new TypeError('InputFile: the stream yielded something other than bytes or strings');
  }
}
