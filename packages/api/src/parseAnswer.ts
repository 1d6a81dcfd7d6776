import type { FetchResponseLike } from './FetchLike.js';
import { HttpError } from './HttpError.js';
import { redactToken } from './redactToken.js';
import { TelegramError } from './TelegramError.js';
import type { ErrorEnvelope } from './TelegramError.js';

type Envelope =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: unknown };

/**
 * Reads a Bot API answer: the `result` of an ok envelope, else the matching error.
 *
 * A 429 without `retry_after` in its body takes the `Retry-After` header instead.
 *
 * @param method - the method called, for errors
 * @param response - the HTTP answer
 * @param token - the bot token, removed from any excerpt of the body and from the description
 * @returns the `result`
 * @throws TelegramError (by code) for an error envelope; HttpError `bad-response` for anything
 *   that is not a Bot API envelope
 */
export async function parseAnswer(
  method: string,
  response: FetchResponseLike,
  token: string,
): Promise<unknown> {
  const status = response.status;
  const text = await response.text();
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    envelope = undefined;
  }
  if (!isEnvelope(envelope)) {
    // Redact before cutting: a cut through the token would leave its start in the excerpt.
    const excerpt = redactToken(text, token).slice(0, 200).replace(/\s+/g, ' ');
    throw new HttpError(
      method,
      'bad-response',
      `HTTP ${status} answer is not Bot API JSON: ${JSON.stringify(excerpt)}`,
      { status },
    );
  }
  if (envelope.ok) return envelope.result;
  // The description is the server's text: a proxy or a local Bot API server may echo the request
  // path, token included, in any encoding.
  const raw = envelope as unknown as ErrorEnvelope;
  const error: ErrorEnvelope = { ...raw, description: redactToken(raw.description, token) };
  const header = response.headers.get('retry-after');
  const retryAfter = header === null || header.trim() === '' ? NaN : Number(header);
  if (error.error_code === 429 && error.parameters?.retry_after === undefined && retryAfter >= 0) {
    throw TelegramError.from(method, {
      ...error,
      parameters: { ...error.parameters, retry_after: retryAfter },
    });
  }
  throw TelegramError.from(method, error);
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return 'result' in v;
  return v.ok === false && typeof v.error_code === 'number' && typeof v.description === 'string';
}
