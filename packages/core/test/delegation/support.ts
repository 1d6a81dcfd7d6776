import { ManualClock } from '@delegram/api';
import type { ErrorInfo } from '../../src/BotEvents.js';
import type { DelegatorBot } from '../../src/DelegatorBot.js';
import type { Incoming } from '../../src/Incoming.js';
import type { Delegator } from '../../src/delegation/Delegate.js';
import { DelegateRuntime } from '../../src/delegation/DelegateRuntime.js';
import type { Seeder } from '../../src/delegation/Seed.js';
import { MemoryStore } from '../../src/state/MemoryStore.js';
import { StateService } from '../../src/state/StateService.js';

let nextId = 1;

/** A chat message as the runtime sees it. */
export function chatMsg(chatId: number, text = 'hi', kind = 'message'): Incoming {
  const message = {
    message_id: nextId++,
    date: 0,
    chat: { id: chatId, type: 'private' },
    from: { id: chatId, is_bot: false, first_name: 'U' },
    text,
  };
  return {
    flavor: 'chat',
    kind,
    msg: message,
    update: { update_id: nextId++, [kind]: message },
  } as unknown as Incoming;
}

/** An event as the runtime sees it. */
export function eventMsg(name: `_${string}`, data: Record<string, unknown> = {}): Incoming {
  return { flavor: name, kind: name, msg: data, update: undefined };
}

/** A runtime on a manual clock, recording reported errors. */
export function makeRuntime(
  patterns: (readonly [Seeder, Delegator])[],
  botFields: Record<string, unknown> = {},
): {
  runtime: DelegateRuntime;
  clock: ManualClock;
  errors: [unknown, ErrorInfo][];
  unhandled: Incoming[];
} {
  const clock = new ManualClock();
  const errors: [unknown, ErrorInfo][] = [];
  const unhandled: Incoming[] = [];
  const reportError = (error: unknown, info: ErrorInfo): void => {
    errors.push([error, info]);
  };
  const runtime = new DelegateRuntime(
    {
      bot: { clock, ...botFields } as unknown as DelegatorBot,
      clock,
      state: new StateService(new MemoryStore({ clock }), clock, reportError),
      reportError,
      unhandled: (incoming) => unhandled.push(incoming),
    },
    patterns,
  );
  return { runtime, clock, errors, unhandled };
}
