import type { Update } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { DelegatorBot } from '../../src/DelegatorBot.js';
import { delegate } from '../../src/delegation/pairs.js';
import { perChatId } from '../../src/delegation/seeders.js';
import type { EventData } from '../../src/flavor.js';
import { ChatHandler } from '../../src/handlers/ChatHandler.js';
import { nextCron, parseCron } from '../../src/schedule/cron.js';
import { ScheduleRuleError } from '../../src/schedule/ScheduleRuleError.js';
import { MemoryStore } from '../../src/state/MemoryStore.js';
import { stubApi } from '../support/stubApi.js';
import { textMessage } from '../support/updates.js';

let nextUpdate = 1;
function update(text: string, chatId = 9): Update {
  const id = nextUpdate++;
  return { update_id: id, message: textMessage(text, id, chatId) };
}

/** Sets a reminder on 'remind', counts reminders in its durable state, replies to each. */
class Reminder extends ChatHandler {
  state = { reminded: 0 };
  override onChatMessage(msg: { text?: string | undefined }): void {
    if (msg.text === 'remind') this.scheduler.eventLater(60, '_remind', { note: 'tea' });
    if (msg.text === 'digest') this.scheduler.daily('09:00', '_digest', {}, { name: 'digest' });
  }
  override async onEvent(flavor: string, data: EventData): Promise<void> {
    this.state.reminded += 1;
    const schedule = data['schedule'] as { late: boolean };
    await this.sender.sendMessage(`${flavor}:${String(data['note'])}:${schedule.late}`);
  }
}

function world() {
  const shared = stubApi(); // ManualClock at 0 = 1970-01-01T00:00Z
  const store = new MemoryStore({ clock: shared.clock });
  // Made once, as a restarted process makes its patterns in the same order: event spaces are
  // numbered in that order, and a stored event names its space.
  const patterns = [delegate(perChatId(), Reminder, { timeout: 5 })];
  const make = () => {
    const bot = new DelegatorBot(shared.api, patterns, {
      clock: shared.clock,
      store,
    });
    const errors: unknown[] = [];
    bot.on('error', (e) => errors.push(e));
    return { bot, errors };
  };
  const sent = () => shared.calls.map((c) => String(c.payload['text']));
  return { shared, store, make, sent };
}

async function keys(store: MemoryStore, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of store.entries(prefix)) out.push(e.key);
  return out;
}

describe('durable scheduled events', () => {
  it('fire after a restart; one due while the bot was down fires at once, flagged late; a confirmed one is forgotten', async () => {
    const { shared, store, make, sent } = world();
    const one = make();
    await one.bot.start();
    await one.bot.handle(update('remind'));
    expect(await keys(store, 'timer:')).toHaveLength(1);
    await one.bot.stop(); // the process goes away; the reminder stays in the store
    await shared.clock.advance(120_000);
    expect(sent()).toEqual([]);
    const two = make();
    await two.bot.start();
    await shared.clock.advance(0);
    await two.bot.stop();
    expect(two.errors).toEqual([]);
    expect(sent()).toEqual(['_remind:tea:true']);
    expect(await keys(store, 'timer:')).toEqual([]);
    const three = make(); // nothing fires twice
    await three.bot.start();
    await shared.clock.advance(600_000);
    expect(sent()).toEqual(['_remind:tea:true']);
  });

  it('is applied once by durable state even if it fires again (a crash before its confirmation was stored)', async () => {
    const { shared, store, make, sent } = world();
    const one = make();
    await one.bot.handle(update('remind'));
    const [timer] = await keys(store, 'timer:');
    const kept = await store.get(timer!);
    await shared.clock.advance(60_000);
    expect(sent()).toHaveLength(1);
    await one.bot.stop();
    await store.set(timer!, kept!.value); // as if the process died before deleting it
    const two = make();
    await two.bot.start();
    await shared.clock.advance(0);
    expect(sent()).toHaveLength(1);
    expect(two.bot.stateStats.skipped).toBe(1);
    const stored = JSON.parse((await store.get('state:Reminder:9'))!.value) as {
      data: { reminded: number };
    };
    expect(stored.data.reminded).toBe(1);
  });

  it('cancels by id, and an id scheduled again replaces the pending event', async () => {
    const { shared, store, make } = world();
    const { bot } = make();
    const fired: unknown[] = [];
    bot.on('unhandled', (i) => fired.push(i.msg));
    bot.scheduler.eventLater(10, { _ping: { n: 1 } }, { id: 'ping' });
    bot.scheduler.eventLater(20, { _ping: { n: 2 } }, { id: 'ping' });
    expect(bot.scheduler.size).toBe(1);
    await shared.clock.advance(0);
    expect(await keys(store, 'timer:')).toEqual(['timer:ping']);
    await shared.clock.advance(20_000);
    expect(fired).toMatchObject([{ n: 2 }]);
    bot.scheduler.eventLater(5, { _ping: { n: 3 } }, { id: 'again' });
    expect(bot.scheduler.cancel('again')).toBe(true);
    await shared.clock.advance(10_000);
    expect(fired).toHaveLength(1);
    expect(await keys(store, 'timer:')).toEqual([]);
  });
});

describe('repeating jobs', () => {
  it('runs an interval job, keeps its schedule across a restart and fires a missed run once, late', async () => {
    const { shared, make } = world();
    const runs: EventData[] = [];
    const declare = (bot: DelegatorBot) => {
      bot.on('unhandled', (i) => runs.push(i.msg as EventData));
      bot.scheduler.every(60, { _sweep: {} }, { name: 'sweep' });
    };
    const one = make();
    declare(one.bot);
    await one.bot.start();
    await shared.clock.advance(0);
    await shared.clock.advance(125_000);
    expect(runs.map((r) => r['schedule'])).toMatchObject([
      { id: 'sweep@60000', at: 60_000, late: false, job: 'sweep' },
      { id: 'sweep@120000', at: 120_000, late: false, job: 'sweep' },
    ]);
    await one.bot.stop();
    await shared.clock.advance(300_000); // down for five runs
    const two = make();
    declare(two.bot);
    await two.bot.start();
    await shared.clock.advance(0);
    await shared.clock.advance(0);
    expect(runs.slice(2).map((r) => r['schedule'])).toMatchObject([{ at: 180_000, late: true }]);
    await shared.clock.advance(60_000);
    expect(runs).toHaveLength(4);
    expect((runs[3]!['schedule'] as { at: number }).at).toBe(480_000);
    expect(two.bot.scheduler.jobNames).toEqual(['sweep']);
  });

  it('wakes the delegate that scheduled a daily job, in its time zone, after a restart too', async () => {
    const { shared, make, sent } = world();
    const one = make();
    await one.bot.handle(update('digest'));
    await one.bot.stop();
    const two = make();
    await two.bot.start(); // the job was declared by the delegate, not at start: restored
    await shared.clock.advance(0);
    await shared.clock.advance(9 * 3600_000);
    expect(sent()).toEqual(['_digest:undefined:false']);
    await shared.clock.advance(24 * 3600_000);
    expect(sent()).toHaveLength(2);
  });

  it('refuses bad rules with a typed error naming what is wrong', () => {
    const { make } = world();
    const { bot } = make();
    const job = { _x: {} };
    expect(() => bot.scheduler.daily('25:00', job, { name: 'a' })).toThrow(ScheduleRuleError);
    expect(() => bot.scheduler.cron('* * *', job, { name: 'a' })).toThrow(/5 fields/);
    expect(() => bot.scheduler.cron('61 * * * *', job, { name: 'a' })).toThrow(
      /minute field '61': 61 is outside 0-59/,
    );
    expect(() =>
      bot.scheduler.cron('0 9 * * *', job, { name: 'a', timeZone: 'Mars/Base' }),
    ).toThrow(/not a time zone/);
    expect(() => bot.scheduler.every(0, job, { name: 'a' })).toThrow(ScheduleRuleError);
    expect(() => bot.scheduler.every(5, job, {} as never)).toThrow(/needs a name/);
  });
});

describe('cron', () => {
  const at = (iso: string) => Date.parse(iso);
  it('finds the next run in a time zone, across daylight-saving changes', () => {
    const weekdays = parseCron('30 9 * * MON-FRI');
    // Friday 2026-03-27 10:00 in Berlin (09:00Z, UTC+1) -> Monday 2026-03-30 09:30 CEST (07:30Z)
    expect(
      new Date(nextCron(weekdays, at('2026-03-27T09:00:00Z'), 'Europe/Berlin')).toISOString(),
    ).toBe('2026-03-30T07:30:00.000Z');
    // 02:30 does not exist in Berlin on 2026-03-29: that day is skipped
    const skipped = parseCron('30 2 * * *');
    expect(
      new Date(nextCron(skipped, at('2026-03-28T12:00:00Z'), 'Europe/Berlin')).toISOString(),
    ).toBe('2026-03-30T00:30:00.000Z');
    // 02:30 happens twice on 2026-10-25: it fires once, at the first
    const first = nextCron(skipped, at('2026-10-24T12:00:00Z'), 'Europe/Berlin');
    expect(new Date(first).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(nextCron(skipped, first, 'Europe/Berlin')).toISOString()).toBe(
      '2026-10-26T01:30:00.000Z',
    );
    expect(nextCron(parseCron('*/15 * * * *'), at('2026-01-01T00:07:00Z'), 'UTC')).toBe(
      at('2026-01-01T00:15:00Z'),
    );
    // day-of-month and weekday both restricted: either matches
    expect(
      new Date(
        nextCron(parseCron('0 0 13 * FRI'), at('2026-02-01T00:00:00Z'), 'UTC'),
      ).toISOString(),
    ).toBe('2026-02-06T00:00:00.000Z');
    expect(() => nextCron(parseCron('0 0 31 2 *'), 0, 'UTC')).toThrow(/never fires/);
  });
});
