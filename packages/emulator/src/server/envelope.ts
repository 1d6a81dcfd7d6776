import type { ServerResponse } from 'node:http';
import type { ApiError } from '../ApiError.js';

/**
 * Writes a JSON answer with keep-alive, unless the client has gone away.
 *
 * @param res - the response
 * @param status - the HTTP status
 * @param body - any JSON-able value
 * @param headers - extra headers
 */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    connection: 'keep-alive',
    ...headers,
  });
  res.end(text);
}

/**
 * Writes Telegram's success envelope `{ ok: true, result }` (plus `description` when given).
 *
 * @param res - the response
 * @param result - the method's result
 * @param description - e.g. `Webhook was set`
 */
export function writeResult(res: ServerResponse, result: unknown, description?: string): void {
  writeJson(
    res,
    200,
    description === undefined ? { ok: true, result } : { ok: true, result, description },
  );
}

/**
 * Writes Telegram's error envelope `{ ok: false, error_code, description, parameters? }` with
 * HTTP status = `error_code` and, for 429, a `Retry-After` header.
 *
 * @param res - the response
 * @param error - the error to report
 */
export function writeError(res: ServerResponse, error: ApiError): void {
  const body: Record<string, unknown> = {
    ok: false,
    error_code: error.errorCode,
    description: error.description,
  };
  const parameters = error.parameters;
  if (parameters !== undefined && Object.keys(parameters).length > 0) body.parameters = parameters;
  const headers: Record<string, string> = {};
  if (parameters?.retry_after !== undefined)
    headers['retry-after'] = String(parameters.retry_after);
  writeJson(res, error.errorCode, body, headers);
}
