import type { Update } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { DelegatorBot } from '../../src/DelegatorBot.js';
import { delegate } from '../../src/delegation/pairs.js';
import { perChatId } from '../../src/delegation/seeders.js';
import { ChatHandler } from '../../src/handlers/ChatHandler.js';
import { StateSaveError } from '../../src/state/errors.js';
import { MemoryStore } from '../../src/state/MemoryStore.js';
import { FlakyStore } from '../support/FlakyStore.js';
import { stubApi } from '../support/stubApi.js';
import { textMessage } from '../support/updates.js';

class Greeter extends ChatHandler {
  state = { greeted: 0 };
  override async onChatMessage(): Promise<void> {
    await this.once('welcome', () => this.sender.sendMessage('welcome'));
    this.state.greeted += 1;
  }
}

describe('once()', () => {
  it('does not repeat a side effect when the update comes again after its state was not saved', async () => {
    const shared = stubApi();
    const flaky = new FlakyStore(new MemoryStore({ clock: shared.clock }));
    const make = () =>
      new DelegatorBot(shared.api, [delegate(perChatId(), Greeter, { timeout: 10 })], {
        clock: shared.clock,
        store: flaky,
      });
    const u: Update = { update_id: 77, message: textMessage('hi', 1, 5) };
    const first = make();
    first.on('error', () => undefined);
    flaky.failWritesAfter = 1; // the effect's record gets through, the state's save does not
    const handled = first.handle(u).then(
      () => 'confirmed',
      (e: unknown) => e,
    );
    await shared.clock.advance(3_000);
    const stopping = first.stop();
    await shared.clock.advance(60_000);
    await stopping;
    expect(await handled).toBeInstanceOf(StateSaveError);
    flaky.failWritesAfter = undefined;
    const second = make(); // the restarted process gets the update again
    await second.handle(u);
    expect(shared.calls.filter((c) => c.payload['text'] === 'welcome')).toHaveLength(1);
    const stored = await flaky.inner.get('state:Greeter:5');
    expect(JSON.parse(stored!.value)).toMatchObject({ u: 77, data: { greeted: 1 } });
    await second.handle({ update_id: 78, message: textMessage('again', 2, 5) });
    expect(shared.calls.filter((c) => c.payload['text'] === 'welcome')).toHaveLength(2);
  });

  it('simply runs the effect for a handler without durable state', async () => {
    class Plain extends ChatHandler {
      override async onChatMessage(): Promise<void> {
        await this.once('welcome', () => this.sender.sendMessage('welcome'));
      }
    }
    const shared = stubApi();
    const bot = new DelegatorBot(shared.api, [delegate(perChatId(), Plain, {})], {
      clock: shared.clock,
    });
    const u: Update = { update_id: 1, message: textMessage('hi', 1, 5) };
    await bot.handle(u);
    await bot.handle(u);
    expect(shared.calls).toHaveLength(2);
  });
});
