import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { ApiError, badRequest } from '../ApiError.js';
import type { UploadedFile } from '../methods/MethodContext.js';

/** Parameters and uploads decoded from a request (or a webhook reply). */
export interface ParsedBody {
  /** Raw parameter values: strings from forms, any JSON value from a JSON body. */
  readonly params: Record<string, unknown>;
  /** Multipart uploads by part name. */
  readonly files: Map<string, UploadedFile>;
}

/** Largest request body the server reads (bigger bodies get 413). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Decodes a body in any of the four encodings the Bot API accepts into raw parameters.
 *
 * `application/json` (an object; its top-level values become parameters),
 * `application/x-www-form-urlencoded`, `multipart/form-data` (parts with a file name become
 * {@link UploadedFile}s, the others parameters) and anything else (ignored). When a name occurs
 * twice, the first value wins, and values already in `into` (the query string) win over the body.
 *
 * @param contentType - the `Content-Type` header, if any
 * @param body - the body stream
 * @param into - parameters decoded earlier (the query string); mutated and returned
 * @returns the merged parameters and the uploads
 */
export async function parseBody(
  contentType: string | undefined,
  body: Readable,
  into: ParsedBody = { params: {}, files: new Map() },
): Promise<ParsedBody> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data') {
    await readMultipart(contentType!, body, into);
    return into;
  }
  const raw = await readAll(body);
  if (raw.length === 0) return into;
  if (type === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw new ApiError(400, "Bad Request: can't parse JSON encoded request body", undefined, {
        cause: error,
      });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw badRequest('the JSON request body must be an object of parameters');
    }
    for (const [name, v] of Object.entries(value)) addFirst(into.params, name, v);
  } else if (type === 'application/x-www-form-urlencoded') {
    addSearchParams(into.params, new URLSearchParams(raw.toString('utf8')));
  }
  return into;
}

/**
 * Adds URL search parameters, keeping the first value of each name.
 *
 * @param params - the target (mutated)
 * @param search - decoded `name=value` pairs
 */
export function addSearchParams(params: Record<string, unknown>, search: URLSearchParams): void {
  for (const [name, value] of search) addFirst(params, name, value);
}

function addFirst(params: Record<string, unknown>, name: string, value: unknown): void {
  if (!Object.hasOwn(params, name)) params[name] = value;
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'Request Entity Too Large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function readMultipart(contentType: string, body: Readable, into: ParsedBody): Promise<void> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: { fileSize: MAX_BODY_BYTES, fieldSize: MAX_BODY_BYTES },
      });
    } catch (error) {
      reject(
        new ApiError(400, 'Bad Request: malformed multipart body', undefined, { cause: error }),
      );
      return;
    }
    let failed: ApiError | undefined;
    const uploads: Promise<void>[] = [];
    parser.on('field', (name, value) => addFirst(into.params, name, value));
    parser.on('file', (name, stream, info) => {
      uploads.push(
        readAll(stream).then((data) => {
          if (stream.truncated) {
            failed = new ApiError(413, 'Request Entity Too Large');
          }
          if (!into.files.has(name)) {
            into.files.set(name, {
              field: name,
              filename: info.filename ?? '',
              contentType: info.mimeType || 'application/octet-stream',
              data,
            });
          }
        }),
      );
    });
    parser.on('error', (error) =>
      reject(
        new ApiError(400, 'Bad Request: malformed multipart body', undefined, { cause: error }),
      ),
    );
    parser.on('close', () => {
      Promise.all(uploads).then(() => (failed ? reject(failed) : resolve()), reject);
    });
    body.on('error', reject);
    body.pipe(parser);
  });
}
