import { Api, ManualClock } from '@delegram/api';
import type { Transformer } from '@delegram/api';

/** One Bot API call the stub answered. */
export interface StubCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

let nextMessageId = 1000;

/**
 * A real `Api` whose calls never leave the process: `send*` methods answer with a message in the
 * target chat, everything else with `true`.
 */
export function stubApi(clock = new ManualClock()): {
  api: Api;
  calls: StubCall[];
  clock: ManualClock;
} {
  const calls: StubCall[] = [];
  const stub: Transformer = (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    const result: unknown = method.startsWith('send')
      ? {
          message_id: nextMessageId++,
          date: 0,
          chat: { id: p['chat_id'], type: 'private' },
          text: p['text'],
        }
      : true;
    return Promise.resolve(result) as never;
  };
  const api = new Api('123456:TEST-token-for-delegram-tests', { clock }).use(stub);
  return { api, calls, clock };
}
