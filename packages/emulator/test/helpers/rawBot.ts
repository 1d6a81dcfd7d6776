import type { Update } from '@delegram/api';

// A tiny bot written straight against the Bot API with fetch (no framework), for the page and
// control-API tests: it long-polls getUpdates and hands each update to a handler.

/** Calls a Bot API method and returns its result, or throws with Telegram's description. */
export async function botCall<T = unknown>(
  apiRoot: string,
  token: string,
  method: string,
  params: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(`${apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
    ...(signal ? { signal } : {}),
  });
  const body = (await response.json()) as { ok: boolean; result?: T; description?: string };
  if (!body.ok) throw new Error(`${method} failed: ${body.description}`);
  return body.result as T;
}

/** A running long-polling bot; `stop()` aborts its poll and waits for the loop to end. */
export interface RawBot {
  stop(): Promise<void>;
  readonly errors: unknown[];
}

/** Starts long polling; each update goes to `onUpdate` in order. */
export function runRawBot(
  apiRoot: string,
  token: string,
  onUpdate: (
    update: Update,
    call: (method: string, params?: Record<string, unknown>) => Promise<unknown>,
  ) => Promise<void>,
): RawBot {
  const abort = new AbortController();
  const errors: unknown[] = [];
  const call = (method: string, params: Record<string, unknown> = {}): Promise<unknown> =>
    botCall(apiRoot, token, method, params, abort.signal);
  const loop = (async () => {
    let offset = 0;
    while (!abort.signal.aborted) {
      let updates: Update[];
      try {
        updates = await botCall<Update[]>(
          apiRoot,
          token,
          'getUpdates',
          { offset, timeout: 5 },
          abort.signal,
        );
      } catch (error) {
        if (!abort.signal.aborted) errors.push(error);
        return;
      }
      for (const update of updates) {
        offset = update.update_id + 1;
        try {
          await onUpdate(update, call);
        } catch (error) {
          if (!abort.signal.aborted) errors.push(error);
        }
      }
    }
  })();
  return {
    errors,
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
