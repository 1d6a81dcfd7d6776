import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import type { MethodName } from './generated/methods.js';
import { METHOD_ATTACH_PARAMS, METHOD_FILE_PARAMS, METHOD_SPECS } from './generated/spec.js';
import { InputFile } from './InputFile.js';

/** A request body ready for `fetch`. */
export interface EncodedPayload {
  /** The `Content-Type` header. */
  readonly contentType: string;
  /** A JSON string, or a stream of multipart/form-data bytes. */
  readonly body: string | Readable;
  /** How many distinct files the body uploads (0 for JSON). */
  readonly files: number;
}

type Part =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly file: InputFile; chunks?: AsyncIterable<Uint8Array> };

const ATTACH = 'attach://';

/**
 * Encodes a Bot API payload as a request body.
 *
 * Without any {@link InputFile} the payload becomes JSON (`undefined` values dropped). With one
 * anywhere (top level or nested in a JSON value such as `media` of `sendMediaGroup`,
 * `editMessageMedia`, a `thumbnail`, `stickers` of `createNewStickerSet`, ...) it becomes a
 * streaming multipart/form-data body: a top-level file goes in a part named after its field, a
 * nested one is replaced by `attach://<name>` with a generated name that collides neither with a
 * field name nor with an `attach://` name the payload already uses. Nested objects and arrays
 * are JSON-encoded in their fields; strings (file ids, URLs) pass through unchanged.
 *
 * Files are opened here (a missing path fails now), but no byte is read before the body is.
 *
 * @param method - the method name, for error messages
 * @param payload - the parameters object (or `undefined` for none)
 * @returns the body and its content type
 */
export async function encodePayload(method: string, payload: unknown): Promise<EncodedPayload> {
  const params: unknown = payload ?? {};
  if (
    typeof params !== 'object' ||
    params === null ||
    Array.isArray(params) ||
    params instanceof InputFile
  ) {
    throw new TypeError(
      `${method}: the payload must be an object of parameters, e.g. { chat_id, text }, got ${Array.isArray(params) ? 'an array' : typeof params}`,
    );
  }
  const attachNames = new Set<string>();
  if (!collect(params, attachNames, new Set(), method)) {
    return { contentType: 'application/json', body: JSON.stringify(params), files: 0 };
  }
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null);

  checkUploadFields(method, entries, attachNames);
  const reserved = new Set<string>([...entries.map(([key]) => key), ...attachNames]);

  const names = new Map<InputFile, string>();
  const parts: Part[] = [];
  let counter = 0;
  const nameFor = (file: InputFile, preferred?: string): string => {
    const known = names.get(file);
    if (known !== undefined) return known;
    if (preferred !== undefined) reserved.delete(preferred);
    let name = preferred;
    while (name === undefined || reserved.has(name)) name = `file${counter++}`;
    reserved.add(name);
    names.set(file, name);
    parts.push({ name, file });
    return name;
  };
  const replace = (value: unknown): unknown => {
    if (value instanceof InputFile) return ATTACH + nameFor(value);
    if (Array.isArray(value)) return value.map(replace);
    if (isWalkable(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) out[key] = replace(inner);
      return out;
    }
    return value;
  };

  // Top-level files first, so they keep their field names.
  for (const [key, value] of entries) if (value instanceof InputFile) nameFor(value, key);
  for (const [key, value] of entries) {
    if (value instanceof InputFile) {
      if (names.get(value) !== key) parts.push({ name: key, value: ATTACH + names.get(value)! });
      continue;
    }
    parts.push({ name: key, value: toField(replace(value)) });
  }

  const fileParts = parts.filter((p): p is Extract<Part, { file: InputFile }> => 'file' in p);
  // Plain fields first, so the server knows chat_id & co. before the bulk of the bytes arrives.
  const ordered = [...parts.filter((p) => 'value' in p), ...fileParts];
  // Replayable files first: if a path is missing, no one-shot stream has been used up yet.
  const order = [...fileParts].sort(
    (a, b) => Number(b.file.replayable) - Number(a.file.replayable),
  );
  for (const part of order) part.chunks = await part.file.open();

  const boundary = `----delegram${randomBytes(16).toString('hex')}`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Readable.from(multipart(boundary, ordered), { objectMode: false }),
    files: fileParts.length,
  };
}

/**
 * Refuses files in parameters that cannot take them, using the spec: a top-level file must be a
 * file parameter (or a part some `attach://` refers to), a nested one must sit in a parameter
 * whose JSON may carry uploads. Methods unknown to the spec are not checked.
 */
function checkUploadFields(
  method: string,
  entries: readonly (readonly [string, unknown])[],
  attachNames: ReadonlySet<string>,
): void {
  if (!Object.hasOwn(METHOD_SPECS, method)) return;
  const direct: readonly string[] = METHOD_FILE_PARAMS[method as MethodName] ?? [];
  const nested: readonly string[] = METHOD_ATTACH_PARAMS[method as MethodName] ?? [];
  for (const [key, value] of entries) {
    if (value instanceof InputFile) {
      if (direct.includes(key) || attachNames.has(key)) continue;
    } else if (nested.includes(key) || !collect(value, new Set(), new Set(), method)) {
      continue;
    }
    const accepted = [...direct, ...nested];
    throw new TypeError(
      `${method}: parameter "${key}" cannot carry an uploaded file; ` +
        (accepted.length === 0
          ? `${method} takes no uploads`
          : `files go in ${accepted.map((name) => `"${name}"`).join(', ')}`),
    );
  }
}

function toField(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value);
}

function isWalkable(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/** Records `attach://` names in use; returns whether the value holds an InputFile anywhere. */
function collect(
  value: unknown,
  reserved: Set<string>,
  path: Set<unknown>,
  method: string,
): boolean {
  if (value instanceof InputFile) return true;
  if (typeof value === 'string') {
    if (value.startsWith(ATTACH)) reserved.add(value.slice(ATTACH.length));
    return false;
  }
  if (!Array.isArray(value) && !isWalkable(value)) return false;
  if (path.has(value)) {
    throw new TypeError(`${method}: the payload contains a circular reference; it cannot be sent`);
  }
  path.add(value);
  let found = false;
  for (const inner of Array.isArray(value) ? value : Object.values(value)) {
    if (collect(inner, reserved, path, method)) found = true;
  }
  path.delete(value);
  return found;
}

const encoder = new TextEncoder();
const CRLF = encoder.encode('\r\n');

async function* multipart(boundary: string, parts: readonly Part[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    const name = part.name.replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
    if ('value' in part) {
      yield encoder.encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${part.value}\r\n`,
      );
      continue;
    }
    yield encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${part.file.filename}"\r\n` +
        `Content-Type: ${part.file.contentType}\r\n\r\n`,
    );
    if (part.chunks !== undefined) yield* part.chunks;
    yield CRLF;
  }
  yield encoder.encode(`--${boundary}--\r\n`);
}
