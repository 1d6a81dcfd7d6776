import { AbortError } from '@delegram/api';
import type { Api, Update } from '@delegram/api';

interface Call {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

/**
 * A tiny in-memory stand-in for the Bot API's update queue, with Telegram's offset semantics
 * (an offset forgets everything before it; unconfirmed updates are returned again), used as the
 * `Api` of a `Bot` in unit tests. `failNext` makes the next calls fail with given errors.
 */
export class FakeTelegram {
  readonly calls: Call[] = [];
  /** The highest offset sent: Telegram has forgotten every update below it. */
  confirmed = 0;
  private queue: unknown[] = [];
  private nextId = 1;
  private failures: unknown[] = [];
  private wake: (() => void) | undefined;

  /** Queues updates of the given kind (ids assigned in order); returns them. */
  push(...payloads: Record<string, unknown>[]): Update[] {
    const added = payloads.map((p) => ({ update_id: this.nextId++, ...p }));
    this.queue.push(...added);
    this.wake?.();
    return added;
  }

  /** Queues a raw value as if Telegram sent it (for malformed updates). */
  pushRaw(value: unknown, consumesId = true): void {
    if (consumesId) this.nextId += 1;
    this.queue.push(value);
    this.wake?.();
  }

  /** The next calls to the API fail with these errors, in order. */
  failNext(...errors: unknown[]): void {
    this.failures.push(...errors);
  }

  /** Calls of one method. */
  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** This fake as an `Api` for `new Bot(...)`. */
  asApi(): Api {
    return { call: this.call.bind(this) } as unknown as Api;
  }

  private async call(
    method: string,
    payload: Record<string, unknown> = {},
    signal?: AbortSignal,
  ): Promise<unknown> {
    this.calls.push({ method, payload });
    if (this.failures.length > 0) throw this.failures.shift();
    if (method === 'deleteWebhook') return true;
    if (method !== 'getUpdates') throw new Error(`FakeTelegram: no ${method}`);
    const offset = typeof payload['offset'] === 'number' ? payload['offset'] : 0;
    const limit = typeof payload['limit'] === 'number' ? payload['limit'] : 100;
    const timeout = typeof payload['timeout'] === 'number' ? payload['timeout'] : 0;
    if (offset < 0) this.queue = this.queue.slice(offset);
    else if (offset > 0) {
      this.queue = this.queue.filter((u) => idOf(u) === undefined || idOf(u)! >= offset);
      this.confirmed = Math.max(this.confirmed, offset);
    }
    if (this.queue.length === 0 && timeout > 0) {
      await new Promise<void>((resolve, reject) => {
        if (signal?.aborted === true) return reject(new AbortError('getUpdates'));
        this.wake = resolve;
        signal?.addEventListener('abort', () => reject(new AbortError('getUpdates')), {
          once: true,
        });
      });
    }
    const batch = this.queue.slice(0, limit);
    // Updates without an id cannot be confirmed; Telegram never sends them, so deliver them once.
    this.queue = this.queue.filter((u) => idOf(u) !== undefined || !batch.includes(u));
    return batch;
  }
}

function idOf(u: unknown): number | undefined {
  const id = (u as { update_id?: unknown } | null)?.update_id;
  return typeof id === 'number' ? id : undefined;
}

/** Lets the event loop turn until `predicate` holds (no timers involved); fails after `turns`. */
export async function until(predicate: () => boolean, turns = 2000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (predicate()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error('until: condition not reached');
}

/** A promise with its resolve/reject exposed. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
