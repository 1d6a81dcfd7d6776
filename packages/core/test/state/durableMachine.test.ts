import type { Update } from '@delegram/api';
import { assign, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { DelegatorBot } from '../../src/DelegatorBot.js';
import { pair } from '../../src/delegation/pairs.js';
import { perChatId } from '../../src/delegation/seeders.js';
import { fromMachine } from '../../src/handlers/fromMachine.js';
import type { UpdateEvent } from '../../src/handlers/fromMachine.js';
import { MemoryStore } from '../../src/state/MemoryStore.js';
import { decodeEnvelope } from '../../src/state/StateEnvelope.js';
import { stubApi } from '../support/stubApi.js';
import { textMessage } from '../support/updates.js';

let nextUpdate = 1;
function update(text: string, chatId = 7): Update {
  const id = nextUpdate++;
  return { update_id: id, message: textMessage(text, id, chatId) };
}

/** Counts to three, replying with the count through the event's sender, then is done. */
const toThree = setup({
  types: { context: {} as { count: number }, events: {} as UpdateEvent },
  actions: {
    reply: ({ context, event }) => void event.sender?.sendMessage(String(context.count)),
  },
}).createMachine({
  id: 'toThree',
  context: { count: 0 },
  initial: 'counting',
  states: {
    counting: {
      on: {
        chat: [
          {
            guard: ({ context }) => context.count >= 2,
            target: 'done',
            actions: [assign({ count: ({ context }) => context.count + 1 }), 'reply'],
          },
          { actions: [assign({ count: ({ context }) => context.count + 1 }), 'reply'] },
        ],
      },
    },
    done: { type: 'final' },
  },
});

describe('durable machine state', () => {
  it('restores the actor from its stored snapshot and saves it after each event, across idle closes and restarts', async () => {
    const { api, calls, clock } = stubApi();
    const store = new MemoryStore({ clock });
    const make = () =>
      new DelegatorBot(
        api,
        [pair(perChatId(), fromMachine, toThree, { timeout: 5, state: true })],
        {
          clock,
          store,
        },
      );
    const one = make();
    await one.handle(update('a'));
    const entry = await store.get('state:toThree:7');
    expect(decodeEnvelope('state:toThree:7', entry!.value).data).toMatchObject({
      value: 'counting',
      context: { count: 1 },
    });
    await clock.advance(5_000); // idle close
    await one.handle(update('b'));
    await one.stop();
    const two = make(); // a restart
    await two.handle(update('c')); // the third: the machine reaches its final state
    await two.handle(update('d')); // a finished machine starts over
    expect(calls.map((c) => c.payload['text'])).toEqual(['1', '2', '3', '1']);
    expect(two.stateStats.loads).toBeGreaterThanOrEqual(1);
  });

  it('asks for a name when the machine has no id', () => {
    const anonymous = setup({}).createMachine({});
    const { api, clock } = stubApi();
    const bot = new DelegatorBot(
      api,
      [pair(perChatId(), fromMachine, anonymous, { state: true })],
      {
        clock,
      },
    );
    const errors: unknown[] = [];
    bot.on('error', (e) => errors.push(e));
    return bot.handle(update('x')).then(() => {
      expect(String(errors[0])).toMatch(/give the machine an id, or the state a name/);
    });
  });
});
