import { ManualClock } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/Bot.js';
import { MalformedUpdateError } from '../../src/errors.js';
import { OrderedWebhook } from '../../src/webhook/OrderedWebhook.js';
import { FakeTelegram } from '../support/FakeTelegram.js';
import { textMessage } from '../support/updates.js';

describe('OrderedWebhook', () => {
  it('handles fed updates one at a time in update_id order, from strings, bytes or objects', async () => {
    const clock = new ManualClock();
    const bot = new Bot(new FakeTelegram().asApi(), { clock });
    const log: string[] = [];
    const ordered = new OrderedWebhook(
      bot,
      async (_msg, incoming) => {
        log.push(`start ${incoming.update?.update_id}`);
        await Promise.resolve();
        log.push(`end ${incoming.update?.update_id}`);
      },
      { maxholdMs: 1000 },
    );
    ordered.feed({ update_id: 10, message: textMessage() });
    ordered.feed(JSON.stringify({ update_id: 12, message: textMessage() }));
    ordered.feed(
      new TextEncoder().encode(JSON.stringify({ update_id: 11, message: textMessage() })),
    );
    await ordered.idle();
    expect(log).toEqual(['start 10', 'end 10', 'start 11', 'end 11', 'start 12', 'end 12']);
  });

  it('reports a failing handler and goes on', async () => {
    const bot = new Bot(new FakeTelegram().asApi(), { clock: new ManualClock() });
    const errors: unknown[] = [];
    bot.on('error', (error) => errors.push(error));
    const handled: number[] = [];
    const ordered = new OrderedWebhook(bot, (_m, i) => {
      if (i.update?.update_id === 1) throw new Error('boom');
      handled.push(i.update!.update_id);
    });
    ordered.feed({ update_id: 1, message: textMessage() });
    ordered.feed({ update_id: 2, message: textMessage() });
    await ordered.idle();
    expect(handled).toEqual([2]);
    expect(errors).toHaveLength(1);
  });

  it('refuses data that is not an update', () => {
    const ordered = new OrderedWebhook(new Bot(new FakeTelegram().asApi()), () => undefined);
    expect(() => ordered.feed('{nope')).toThrow(MalformedUpdateError);
    expect(() => ordered.feed({ message: {} })).toThrow(/update_id/);
  });

  it('refuses an update_id that is no integer (1e999 parses to Infinity: the gap loop never ended)', () => {
    const ordered = new OrderedWebhook(new Bot(new FakeTelegram().asApi()), () => undefined);
    ordered.feed({ update_id: 1, message: textMessage() });
    expect(() => ordered.feed('{"update_id": 1e999, "message": {}}')).toThrow(MalformedUpdateError);
    expect(() => ordered.feed({ update_id: 2.5 })).toThrow(MalformedUpdateError);
    expect(() => ordered.feed({ update_id: Number.NaN })).toThrow(MalformedUpdateError);
  });
});
