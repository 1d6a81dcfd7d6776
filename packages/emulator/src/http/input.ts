import type { IncomingMessage } from 'node:http';
import { ControlError } from './ControlError.js';

/** Largest JSON body the control API accepts by default. */
export const MAX_BODY = 1024 * 1024;

/** A decoded JSON request body of the control API. */
export type Body = Readonly<Record<string, unknown>>;

/**
 * Reads and parses a JSON request body (an empty body is `{}`).
 *
 * @param req - the request
 * @param maxBytes - the largest body accepted (default {@link MAX_BODY}, 1 MiB)
 * @returns the body object
 * @throws ControlError 400 for invalid JSON or a non-object, 413 for a body over `maxBytes`
 */
export async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number = MAX_BODY,
): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new ControlError(
        413,
        'too_large',
        `request body is over ${Math.round(maxBytes / 1024 / 1024)} MiB`,
      );
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ControlError(400, 'bad_json', 'the request body is not valid JSON', { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlError(400, 'bad_json', 'the request body must be a JSON object');
  }
  return value as Body;
}

/**
 * An integer from a body field or a path/query string.
 *
 * @param value - the raw value
 * @param what - its name for the error message
 * @returns the integer
 * @throws ControlError 400 when it is missing or not an integer
 */
export function int(value: unknown, what: string): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new ControlError(400, 'bad_request', `${what} must be an integer, got ${show(value)}`);
  }
  return n;
}

/** Like {@link int}, but `undefined` (or an empty string) passes through. */
export function optionalInt(value: unknown, what: string): number | undefined {
  return value === undefined || value === '' ? undefined : int(value, what);
}

/**
 * A non-empty string from a body field.
 *
 * @throws ControlError 400 when it is missing, not a string or empty
 */
export function str(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new ControlError(
      400,
      'bad_request',
      `${what} must be a non-empty string, got ${show(value)}`,
    );
  }
  return value;
}

/** Like {@link str}, but `undefined` passes through. */
export function optionalStr(value: unknown, what: string): string | undefined {
  return value === undefined ? undefined : str(value, what);
}

/** A string that may be empty (an inline query's text), `''` when absent. */
export function text(value: unknown, what: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') {
    throw new ControlError(400, 'bad_request', `${what} must be a string, got ${show(value)}`);
  }
  return value;
}

/** A MIME type `type/subtype` (no parameters): what may go into a `Content-Type` header. */
export const MIME_TYPE = /^[A-Za-z0-9][\w.+-]*\/[\w.+-]+$/;

/**
 * An optional MIME type from a body field (`image/png`), `undefined` when absent.
 *
 * @throws ControlError 400 when it is not a string of the form `type/subtype`
 */
export function optionalMimeType(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !MIME_TYPE.test(value)) {
    throw new ControlError(
      400,
      'bad_request',
      `${what} must be a MIME type such as "image/png", got ${show(value)}`,
    );
  }
  return value;
}

/** An array of integers, `[]` when absent. */
export function intList(value: unknown, what: string): number[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new ControlError(400, 'bad_request', `${what} must be an array of integers`);
  }
  return value.map((item, i) => int(item, `${what}[${i}]`));
}

/** An array of JSON objects (message entities), `undefined` when absent. */
export function objectList(value: unknown, what: string): Body[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'object' && v !== null)) {
    throw new ControlError(400, 'bad_request', `${what} must be an array of objects`);
  }
  return value as Body[];
}

/** A JSON object, `undefined` when absent. */
export function optionalObject(value: unknown, what: string): Body | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlError(400, 'bad_request', `${what} must be an object`);
  }
  return value as Body;
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
