import type { Update } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../src/BotEvents.js';
import { DelegatorBot } from '../../src/DelegatorBot.js';
import type { DelegationPattern } from '../../src/delegation/Delegate.js';
import { delegate } from '../../src/delegation/pairs.js';
import { perChatId } from '../../src/delegation/seeders.js';
import { ChatHandler } from '../../src/handlers/ChatHandler.js';
import type { HandlerOptions } from '../../src/handlers/HandlerOptions.js';
import {
  StateConflictError,
  StateFormatError,
  StateSaveError,
  StateSchemaError,
  StateSerializationError,
  StateStoreError,
} from '../../src/state/errors.js';
import { MemoryStore } from '../../src/state/MemoryStore.js';
import { decodeEnvelope } from '../../src/state/StateEnvelope.js';
import type { StateStore } from '../../src/state/StateStore.js';
import { FlakyStore } from '../support/FlakyStore.js';
import { stubApi } from '../support/stubApi.js';
import { textMessage } from '../support/updates.js';

let nextUpdate = 1;
function update(text: string, chatId = 42, id = nextUpdate++): Update {
  return { update_id: id, message: textMessage(text, id, chatId) };
}

class Counter extends ChatHandler {
  state = { count: 0, texts: [] as string[] };
  override async onChatMessage(msg: { text?: string | undefined }): Promise<void> {
    if (msg.text === 'boom') throw new Error('boom');
    if (msg.text === 'peek') return; // no change: nothing written
    this.state.count += 1;
    this.state.texts.push(msg.text ?? '');
    await this.sender.sendMessage(String(this.state.count));
  }
}

function setup(
  store: StateStore,
  options: HandlerOptions = { timeout: 10 },
  handler: typeof Counter = Counter,
  shared = stubApi(),
) {
  const { api, calls, clock } = shared;
  const patterns: DelegationPattern[] = [delegate(perChatId(), handler, options)];
  const bot = new DelegatorBot(api, patterns, { clock, store });
  const errors: [unknown, ErrorInfo][] = [];
  bot.on('error', (error, info) => errors.push([error, info]));
  const texts = () =>
    calls.map((c) => `${String(c.payload['chat_id'])}:${String(c.payload['text'])}`);
  return { bot, calls, clock, errors, texts, shared };
}

async function stored(store: StateStore, key: string): Promise<unknown> {
  const entry = await store.get(key);
  return entry === undefined ? undefined : decodeEnvelope(key, entry.value).data;
}

describe('durable handler state', () => {
  it('loads the state before the first message, saves it after each change, and resumes it after an idle close and a restart', async () => {
    const shared = stubApi();
    const store = new MemoryStore({ clock: shared.clock });
    const first = setup(store, { timeout: 10 }, Counter, shared);
    await first.bot.handle(update('a', 1));
    await first.bot.handle(update('b', 1));
    await first.bot.handle(update('c', 2));
    expect(await stored(store, 'state:Counter:1')).toEqual({ count: 2, texts: ['a', 'b'] });
    await shared.clock.advance(10_000); // idle close keeps the state
    expect(first.bot.delegateCount).toBe(0);
    await first.bot.handle(update('d', 1));
    await first.bot.stop();
    const second = setup(store, { timeout: 10 }, Counter, shared); // a new process, same store
    await second.bot.handle(update('e', 1));
    expect(first.texts()).toEqual(['1:1', '1:2', '2:1', '1:3', '1:4']);
    expect(await stored(store, 'state:Counter:1')).toEqual({
      count: 4,
      texts: ['a', 'b', 'd', 'e'],
    });
    expect(second.bot.stateStats.loads).toBe(1);
  });

  it('writes nothing for a message that left the state as it was', async () => {
    const store = new FlakyStore(new MemoryStore());
    const { bot } = setup(store);
    await bot.handle(update('a'));
    await bot.handle(update('peek'));
    await bot.handle(update('peek'));
    expect(store.writes).toBe(1);
    expect(bot.stateStats).toMatchObject({ saves: 1, unchanged: 2 });
  });

  it('skips a redelivered update its state applied already, and counts it', async () => {
    const shared = stubApi();
    const store = new MemoryStore({ clock: shared.clock });
    const { bot, texts } = setup(store, { timeout: 10 }, Counter, shared);
    const u = update('a');
    await bot.handle(u);
    await bot.stop();
    const again = setup(store, { timeout: 10 }, Counter, shared); // crashed before confirming u
    await again.bot.handle(u);
    await again.bot.handle(update('b'));
    expect(texts()).toEqual(['42:1', '42:2']);
    expect(again.bot.stateStats.skipped).toBe(1);
    expect(await stored(store, 'state:Counter:42')).toMatchObject({ count: 2 });
  });

  it('does not skip low update ids once the stored write is older than a week (Telegram restarted its ids)', async () => {
    const shared = stubApi();
    const store = new MemoryStore({ clock: shared.clock });
    const { bot, texts } = setup(store, { timeout: 10 }, Counter, shared);
    await bot.handle(update('a', 42, 5000));
    await shared.clock.advance(6 * 24 * 3600_000);
    await bot.handle(update('b', 42, 10)); // within a week: taken for a redelivery
    expect(bot.stateStats.skipped).toBe(1);
    await shared.clock.advance(2 * 24 * 3600_000);
    await bot.handle(update('c', 42, 11)); // more than a week after the last write: a new id space
    expect(texts()).toEqual(['42:1', '42:2']);
    expect(await stored(store, 'state:Counter:42')).toMatchObject({ texts: ['a', 'c'] });
  });

  it('retries a failing store with back-off, keeping the chat in order while other chats go on', async () => {
    const flaky = new FlakyStore(new MemoryStore());
    const { bot, clock, errors, texts } = setup(flaky);
    await bot.handle(update('a', 1));
    flaky.down = true;
    let done = false;
    const pending = Promise.all([bot.handle(update('b', 1)), bot.handle(update('c', 1))]).then(
      () => (done = true),
    );
    await clock.advance(2_000);
    expect(done).toBe(false);
    const storeErrors = errors.filter(([e]) => e instanceof StateStoreError);
    expect(storeErrors.length).toBeGreaterThan(0);
    expect(storeErrors[0]?.[1]).toMatchObject({ source: 'state', outcome: 'retry', seed: 1 });
    flaky.down = false;
    await clock.advance(60_000);
    await pending;
    expect(texts()).toEqual(['1:1', '1:2', '1:3']);
    expect(await stored(flaky.inner, 'state:Counter:1')).toMatchObject({ texts: ['a', 'b', 'c'] });
    expect(bot.stateStats.retries).toBeGreaterThan(0);
  });

  it('never lets an unsaved update be confirmed: at stop it rejects with a StateSaveError that asks for redelivery', async () => {
    const flaky = new FlakyStore(new MemoryStore());
    const { bot, clock } = setup(flaky);
    await bot.handle(update('a', 1));
    flaky.down = true;
    const settled = (p: Promise<void>) =>
      p.then(
        () => 'ok',
        (e: unknown) => e,
      );
    const b = settled(bot.handle(update('b', 1)));
    const c = settled(bot.handle(update('c', 1)));
    const b2 = bot.handle(update('x', 2)).then(
      () => 'ok',
      (e: unknown) => e,
    );
    await clock.advance(5_000);
    const stopping = bot.stop();
    await clock.advance(60_000);
    await stopping;
    const [eb, ec] = await Promise.all([b, c]);
    expect(eb).toBeInstanceOf(StateSaveError);
    expect((eb as StateSaveError).redeliver).toBe(true);
    expect((eb as StateSaveError).key).toBe('state:Counter:1');
    expect(ec).toBeInstanceOf(StateSaveError);
    expect(await b2).toBeInstanceOf(StateSaveError);
    flaky.down = false;
    expect(await stored(flaky.inner, 'state:Counter:1')).toMatchObject({ texts: ['a'] });
  });

  it('lets two bots on one store apply every update exactly once (compare-and-set, reload, rerun)', async () => {
    const shared = stubApi();
    const store = new MemoryStore({ clock: shared.clock });
    const one = setup(store, { timeout: 10 }, Counter, shared);
    const two = setup(store, { timeout: 10 }, Counter, shared);
    const work: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) work.push((i % 2 === 0 ? one : two).bot.handle(update(`m${i}`)));
    await Promise.all(work);
    const state = (await stored(store, 'state:Counter:42')) as { count: number; texts: string[] };
    expect(state.count).toBe(20);
    expect([...state.texts].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`).sort());
    expect(one.bot.stateStats.conflicts + two.bot.stateStats.conflicts).toBeGreaterThan(0);
  });

  it('names the key of an unreadable value and leaves it untouched, or starts over with onInvalid: reset', async () => {
    const store = new MemoryStore();
    await store.set('state:Counter:42', '{not json');
    const strict = setup(store);
    await strict.bot.handle(update('a'));
    const [error, info] = strict.errors[0] ?? [];
    expect(error).toBeInstanceOf(StateFormatError);
    expect((error as StateFormatError).key).toBe('state:Counter:42');
    expect(info).toMatchObject({ source: 'state' });
    expect((await store.get('state:Counter:42'))?.value).toBe('{not json');
    expect(strict.texts()).toEqual([]);

    const lenient = setup(store, { timeout: 10, state: { onInvalid: 'reset' } });
    await lenient.bot.handle(update('b'));
    expect(lenient.texts()).toEqual(['42:1']);
    expect(await stored(store, 'state:Counter:42')).toMatchObject({ count: 1 });
  });

  it('refuses an unknown schema, and upgrades an older one with migrate', async () => {
    const store = new MemoryStore();
    const v1 = setup(store, { timeout: 10, state: { name: 'c' } });
    await v1.bot.handle(update('a'));
    const future = setup(store, { timeout: 10, state: { name: 'c', schema: 0.5 } });
    await expect(future.bot.handle(update('b'))).resolves.toBeUndefined();
    expect(future.errors[0]?.[0]).toBeInstanceOf(TypeError);

    class Tally extends ChatHandler {
      state = { total: 0 };
      override onChatMessage(): void {
        this.state.total += 10;
      }
    }
    const noMigrate = setup(
      store,
      { timeout: 10, state: { name: 'c', schema: 2 } },
      Tally as never,
    );
    await noMigrate.bot.handle(update('c'));
    expect(noMigrate.errors[0]?.[0]).toBeInstanceOf(StateSchemaError);
    expect(noMigrate.errors[0]?.[0]).toMatchObject({ key: 'state:c:42', found: 1, expected: 2 });

    const migrated = setup(
      store,
      {
        timeout: 10,
        state: {
          name: 'c',
          schema: 2,
          migrate: (old, from) => ({ total: (old as { count: number }).count * 100 + from }),
        },
      },
      Tally as never,
    );
    await migrated.bot.handle(update('d'));
    expect(migrated.errors).toEqual([]);
    const entry = await store.get('state:c:42');
    expect(decodeEnvelope('state:c:42', entry!.value)).toMatchObject({
      schema: 2,
      data: { total: 111 },
    });

    const older = setup(store, { timeout: 10, state: { name: 'c' } }); // a rollback to schema 1
    await older.bot.handle(update('e'));
    expect(older.errors[0]?.[0]).toBeInstanceOf(StateSchemaError);
    expect(decodeEnvelope('state:c:42', (await store.get('state:c:42'))!.value).schema).toBe(2);
  });

  it('refuses a state that cannot be stored when saving, naming the field path', async () => {
    class Bad extends ChatHandler {
      state: Record<string, unknown> = { ok: 1 };
      override onChatMessage(): void {
        this.state['nested'] = { list: [1, () => 2] };
      }
    }
    const store = new MemoryStore();
    const { bot, errors } = setup(store, { timeout: 10 }, Bad as never);
    await bot.handle(update('a'));
    const error = errors[0]?.[0] as StateSerializationError;
    expect(error).toBeInstanceOf(StateSerializationError);
    expect(error.path).toBe('state.nested.list[1]');
    expect(await store.get('state:Bad:42')).toBeUndefined();
  });

  it('undoes a failed handler’s changes when the delegate is kept (onError: keep)', async () => {
    class Partial extends ChatHandler {
      state = { count: 0 };
      override onChatMessage(msg: { text?: string | undefined }): void {
        this.state.count += 1;
        if (msg.text === 'boom') throw new Error('boom');
      }
    }
    const store = new MemoryStore();
    const { bot } = setup(store, { timeout: 10, onError: 'keep' }, Partial as never);
    await bot.handle(update('a'));
    await bot.handle(update('boom'));
    await bot.handle(update('b'));
    expect(await stored(store, 'state:Partial:42')).toEqual({ count: 2 });
  });

  it('forgets a state after its ttl', async () => {
    const shared = stubApi();
    const store = new MemoryStore({ clock: shared.clock });
    const { bot, texts } = setup(store, { timeout: 10, state: { ttl: 3600 } }, Counter, shared);
    await bot.handle(update('a'));
    await shared.clock.advance(3_000_000);
    await bot.handle(update('b'));
    await shared.clock.advance(3_601_000);
    await bot.handle(update('c'));
    expect(texts()).toEqual(['42:1', '42:2', '42:1']);
  });

  it('refuses two patterns keeping state under one name, and the state option without a state field', async () => {
    const shared = stubApi();
    class Plain extends ChatHandler {
      override onChatMessage(): void {}
    }
    const bot = new DelegatorBot(
      shared.api,
      [delegate(perChatId(), Plain, { state: { name: 'p' } })],
      {
        clock: shared.clock,
      },
    );
    const errors: unknown[] = [];
    bot.on('error', (e) => errors.push(e));
    await bot.handle(update('a'));
    expect(String(errors[0])).toMatch(/declares no state field/);
    const twice = new DelegatorBot(
      shared.api,
      [delegate(perChatId(), Counter, {}), delegate(perChatId(), Counter, {})],
      { clock: shared.clock },
    );
    twice.on('error', (e) => errors.push(e));
    await twice.handle(update('b'));
    expect(String(errors[1])).toMatch(
      /two delegation patterns keep state under the name 'Counter'/,
    );
    expect(StateConflictError).toBeDefined();
  });
});
