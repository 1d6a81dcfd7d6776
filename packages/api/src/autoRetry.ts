import createDebug from 'debug';

import { AbortError } from './AbortError.js';
import { checkOptions, is } from './checkOptions.js';
import { sleep } from './clock.js';
import { HttpError } from './HttpError.js';
import { InputFile } from './InputFile.js';
import { TelegramError } from './TelegramError.js';
import type { Transformer } from './Transformer.js';

const log = createDebug('delegram:api');

/** Limits of {@link autoRetry}. */
export interface AutoRetryOptions {
  /** Attempts in total, the first included. Default 5. */
  maxAttempts?: number;
  /** The first back-off after a network error or 5xx, in ms; it doubles each time. Default 500. */
  baseDelayMs?: number;
  /** Cap on one back-off, in ms. Default 30 000. */
  maxDelayMs?: number;
  /**
   * The longest 429 `retry_after` to wait, in ms; a longer one is thrown to the caller at once.
   * Default 60 000.
   */
  maxRetryAfterMs?: number;
  /** Retry network errors, timeouts and 5xx answers (else only 429s). Default `true`. */
  retryTransient?: boolean;
  /** Source of jitter in [0, 1); back-off is `random() * min(maxDelayMs, base * 2^n)`. Default `Math.random`. */
  random?: () => number;
}

/**
 * A {@link Transformer} that retries calls that may succeed later.
 *
 * - A 429 (`TooManyRequestsError`) waits exactly `retry_after` seconds, then tries again.
 * - A network failure, a timeout, a non-JSON answer with a 5xx status, or a 5xx Bot API error
 *   waits a capped exponential back-off with full jitter, then tries again.
 * - Everything else (400, 401, 403, 404, 409, aborts, bad input) is thrown at once.
 * - A call uploading a stream or async iterable {@link InputFile} is not retried (its bytes are
 *   gone); upload from a path or a Buffer to make such calls retryable.
 *
 * Waits run on the api's clock and end early, with an `AbortError`, when the call's signal
 * fires. After `maxAttempts` the last error is thrown.
 *
 * @example
 * ```ts
 * api.use(autoRetry({ maxAttempts: 3, maxRetryAfterMs: 10_000 }));
 * ```
 *
 * @param options - limits; all optional
 * @returns the transformer
 */
export function autoRetry(options: AutoRetryOptions = {}): Transformer {
  checkOptions(
    'autoRetry(options)',
    options,
    {
      maxAttempts: is.number,
      baseDelayMs: is.number,
      maxDelayMs: is.number,
      maxRetryAfterMs: is.number,
      retryTransient: is.boolean,
      random: is.function,
    },
    {
      aliases: {
        maxRetries: 'maxAttempts',
        retries: 'maxAttempts',
        attempts: 'maxAttempts',
        maxDelay: 'maxDelayMs',
        baseDelay: 'baseDelayMs',
        maxRetryAfter: 'maxRetryAfterMs',
      },
    },
  );
  const maxAttempts = positive('maxAttempts', options.maxAttempts ?? 5);
  const baseDelayMs = positive('baseDelayMs', options.baseDelayMs ?? 500);
  const maxDelayMs = positive('maxDelayMs', options.maxDelayMs ?? 30_000);
  const maxRetryAfterMs = positive('maxRetryAfterMs', options.maxRetryAfterMs ?? 60_000);
  const retryTransient = options.retryTransient ?? true;
  const random = options.random ?? Math.random;

  return async (prev, method, payload, signal, context) => {
    let backoffs = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (attempt >= maxAttempts || holdsOneShotFile(payload)) throw error;
        let delay: number;
        if (error instanceof TelegramError && error.errorCode === 429) {
          delay = (error.parameters.retryAfter ?? 1) * 1000;
          if (delay > maxRetryAfterMs) throw error;
        } else if (retryTransient && isTransient(error)) {
          const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** backoffs++);
          delay = Math.floor(random() * ceiling);
        } else {
          throw error;
        }
        log('%s: attempt %d failed, retrying in %dms', method, attempt, delay);
        try {
          await sleep(context.clock, delay, signal);
        } catch (reason) {
          throw new AbortError(method, reason);
        }
      }
    }
  };
}

function holdsOneShotFile(value: unknown, depth = 0): boolean {
  if (value instanceof InputFile) return !value.replayable;
  if (typeof value !== 'object' || value === null || depth > 8) return false;
  return Object.values(value).some((inner) => holdsOneShotFile(inner, depth + 1));
}

function isTransient(error: unknown): boolean {
  if (error instanceof HttpError) {
    return error.kind !== 'bad-response' || (error.status !== undefined && error.status >= 500);
  }
  return error instanceof TelegramError && error.errorCode >= 500;
}

function positive(name: string, value: number): number {
  if (typeof value !== 'number' || !(value > 0)) {
    throw new TypeError(`autoRetry: ${name} must be a positive number`);
  }
  return value;
}
