import { ManualClock } from '../../src/clock.js';
import { flowControl } from '../../src/flowControl/flowControl.js';
import type { FlowControlOptions } from '../../src/flowControl/FlowControlOptions.js';
import type { MethodName } from '../../src/generated/methods.js';
import { TelegramError } from '../../src/TelegramError.js';
import type { ApiCall } from '../../src/Transformer.js';

/** One call that reached the scripted `prev`. */
export interface Arrival {
  readonly method: string;
  readonly payload: Record<string, unknown>;
  readonly signal: AbortSignal | undefined;
  /** Clock time it arrived at. */
  readonly at: number;
  /** Answers it (for calls the script held). */
  resolve(value: unknown): void;
  /** Fails it (for calls the script held). */
  reject(error: unknown): void;
}

/** What the script does with a call: answer, fail, or hold it for the test to settle. */
export type Script = (call: Arrival) => { ok: unknown } | { error: Error } | 'hold';

/** A 429 as the api client builds it from Telegram's answer. */
export function tooMany(method: string, seconds: number): TelegramError {
  return TelegramError.from(method, {
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${seconds}`,
    parameters: { retry_after: seconds },
  });
}

/** The outcome of one call, watched without unhandled rejections. */
export interface Outcome {
  settled: boolean;
  value?: unknown;
  error?: unknown;
}

/**
 * A flow control on a manual clock, with a scripted `prev` standing in for the next transformer
 * (by default it answers every call at once with `{ message_id, text }`).
 */
export function harness(options: FlowControlOptions = {}) {
  const clock = new ManualClock(1_000_000);
  // the rules are easier to read without the paced start (tested on its own)
  const fc = flowControl({ clock, startPaced: false, ...options });
  const arrivals: Arrival[] = [];
  let nextId = 1;
  const state: { script: Script } = {
    script: (call) => ({ ok: { message_id: nextId++, text: call.payload['text'] } }),
  };
  const prev = ((method: string, payload: unknown, signal?: AbortSignal) =>
    new Promise<unknown>((resolve, reject) => {
      const arrival: Arrival = {
        method,
        payload: (payload ?? {}) as Record<string, unknown>,
        signal,
        at: clock.now(),
        resolve,
        reject,
      };
      arrivals.push(arrival);
      const answer = state.script(arrival);
      if (answer === 'hold') return;
      if ('ok' in answer) resolve(answer.ok);
      else reject(answer.error);
    })) as ApiCall;

  /** Makes one call through the transformer and watches its outcome. */
  const call = (
    method: MethodName,
    payload: Record<string, unknown>,
    signal?: AbortSignal,
  ): Outcome & { promise: Promise<unknown> } => {
    const promise = fc.transformer(prev, method, payload, signal, { clock });
    const outcome: Outcome & { promise: Promise<unknown> } = { settled: false, promise };
    promise.then(
      (value) => Object.assign(outcome, { settled: true, value }),
      (error: unknown) => Object.assign(outcome, { settled: true, error }),
    );
    return outcome;
  };
  const send = (chatId: number | string, text: string, signal?: AbortSignal) =>
    call('sendMessage', { chat_id: chatId, text }, signal);

  return {
    clock,
    fc,
    arrivals,
    call,
    send,
    /** Replaces the script of `prev`. */
    script(script: Script) {
      state.script = script;
    },
    /** The texts that reached `prev` for one chat, in arrival order. */
    textsTo(chatId: number | string) {
      return arrivals.filter((a) => a.payload['chat_id'] === chatId).map((a) => a.payload['text']);
    },
    /** Lets promise chains run (no clock time passes). */
    async settle() {
      await clock.advance(0);
    },
  };
}
