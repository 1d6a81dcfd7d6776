import { Api, flowControl, OptionsError } from '@delegram/api';
import type { FlowEventName } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from '../src/Bot.js';
import { DelegatorBot } from '../src/DelegatorBot.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function setup() {
  const emu = new Emulator();
  await emu.start();
  stops.push(() => emu.stop());
  const account = emu.createBot({ username: 'flow_bot' });
  const chat = emu.privateChat(emu.createUser({ firstName: 'Ann' }), account);
  return { emu, account, chat, api: { apiRoot: emu.apiRoot } };
}

describe('Bot and flow control', () => {
  it('has flow control by default when made from a token, and reports its events', async () => {
    const { emu, account, chat, api } = await setup();
    const bot = new DelegatorBot(account.token, [], { api });
    expect(bot.flow).toBeDefined();
    const events: FlowEventName[] = [];
    bot.on('flow', (name) => events.push(name));
    // more than the emulator's burst of 10 in one chat: none refused, all in order
    await Promise.all(Array.from({ length: 12 }, (_, i) => bot.api.sendMessage(chat.id, `m${i}`)));
    expect(chat.history().map((m) => m.text)).toEqual(
      Array.from({ length: 12 }, (_, i) => `m${i}`),
    );
    expect(emu.flood.refused).toBe(0);
    expect(events.filter((e) => e === 'sent')).toHaveLength(12);
    expect(events).toContain('delayed');
    expect(bot.flow!.stats()).toMatchObject({ sent: 12, rateLimited: 0 });
  }, 20_000);

  it('is off with flowControl: false, and for a ready Api unless asked', async () => {
    const { account, api } = await setup();
    expect(new Bot(account.token, { api, flowControl: false }).flow).toBeUndefined();
    const ready = new Api(account.token, api);
    expect(new Bot(ready).flow).toBeUndefined();
    const fc = flowControl({ botPerSecond: 5 });
    const withFlow = new Bot(new Api(account.token, api), { flowControl: fc });
    expect(withFlow.flow).toBe(fc);
    expect(
      new Bot(new Api(account.token, api), { flowControl: { privateBurst: 1 } }).flow,
    ).toBeDefined();
  });

  it('refuses flow control options it cannot use', () => {
    expect(() => new Bot('1:x', { flowControl: 'on' } as never)).toThrow(OptionsError);
    expect(() => new Bot('1:x', { flowControl: { botPerSec: 5 } } as never)).toThrow(
      /did you mean 'botPerSecond'/,
    );
  });
});
