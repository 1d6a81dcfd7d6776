import { InputFile, ManualClock } from '@delegram/api';
import { Emulator, FloodControl } from '@delegram/emulator';
import { createMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { SeedTuple } from '../src/delegation/Delegate.js';
import { createOpen } from '../src/delegation/delegators.js';
import { delegate, pair } from '../src/delegation/pairs.js';
import {
  perApplication,
  perChatId,
  perFromId,
  perInlineFromId,
} from '../src/delegation/seeders.js';
import { glance } from '../src/glance.js';
import { ChatHandler } from '../src/handlers/ChatHandler.js';
import { fromMachine } from '../src/handlers/fromMachine.js';
import type { HandlerOptions } from '../src/handlers/HandlerOptions.js';
import { InlineUserHandler } from '../src/handlers/InlineUserHandler.js';
import { Monitor } from '../src/handlers/Monitor.js';
import { UserHandler } from '../src/handlers/UserHandler.js';
import { is } from '../src/index.js';
import { command, regexp } from '../src/routing/filters.js';
import { byChatCommand } from '../src/routing/keyFunctions.js';
import { flavorRouter } from '../src/routing/makeRoutingTable.js';
import { Router } from '../src/routing/Router.js';
import { defaultRoute } from '../src/routing/routeKeys.js';
import { thrown } from './support/thrownOptionsError.js';

class Counter extends ChatHandler {}

interface GreeterOptions extends HandlerOptions {
  readonly greeting?: string;
}

class Greeter extends ChatHandler {
  static override readonly optionRules = { ...ChatHandler.optionRules, greeting: is.string };
  readonly greeting: string;
  constructor(seedTuple: SeedTuple, options: GreeterOptions = {}) {
    super(seedTuple, options);
    this.greeting = options.greeting ?? 'hello';
  }
}

describe('handler options, checked when the pattern is built', () => {
  it('refuses a misspelt option of a handler, naming the handler and suggesting the key', () => {
    const error = thrown(() => delegate(perChatId(), Counter, { timout: 10 } as never));
    expect(error).toMatchObject({ key: 'timout', suggestion: 'timeout' });
    expect(error.owner).toBe('options of Counter');
    expect(error.message).toContain('static optionRules');
    expect(thrown(() => createOpen(Counter, { onError: 'ignore' } as never)).key).toBe('onError');
  });

  it('accepts the options a subclass declares in optionRules, and checks their types', () => {
    expect(() => delegate(perChatId(), Greeter, { timeout: 5, greeting: 'hi' })).not.toThrow();
    expect(thrown(() => delegate(perChatId(), Greeter, { greeting: 5 } as never)).key).toBe(
      'greeting',
    );
    expect(thrown(() => delegate(perChatId(), Greeter, { greetng: 'x' } as never))).toMatchObject({
      suggestion: 'greeting',
    });
  });

  it('knows the options of each handler class', () => {
    expect(() =>
      pair(perFromId(), createOpen, UserHandler, { flavors: ['chat'], timeout: 3 }),
    ).not.toThrow();
    expect(
      thrown(() => pair(perFromId(), createOpen, UserHandler, { flavor: ['chat'] } as never)),
    ).toMatchObject({ suggestion: 'flavors' });
    expect(
      thrown(() => delegate(perInlineFromId(), InlineUserHandler, { answerers: {} } as never)),
    ).toMatchObject({ suggestion: 'answerer' });
    // a monitor never times out: its options have no timeout
    expect(
      thrown(() => pair(perApplication(), createOpen, Monitor, { timeout: 5 } as never)).key,
    ).toBe('timeout');
    expect(() => pair(perApplication(), createOpen, Monitor, { capture: [] })).not.toThrow();
  });

  it('checks fromMachine options', () => {
    const machine = createMachine({ id: 'm', initial: 'a', states: { a: {} } });
    expect(() => fromMachine(machine, { timeout: 5, state: true })).not.toThrow();
    expect(thrown(() => fromMachine(machine, { timeOut: 5 } as never))).toMatchObject({
      suggestion: 'timeout',
    });
    expect(thrown(() => fromMachine(machine, { state: 'yes' } as never)).key).toBe('state');
  });
});

describe('routers and filters', () => {
  it('refuses a routing-table entry that is neither a function nor a router', () => {
    const error = thrown(() => new Router(byChatCommand(), { start: 'hello' } as never));
    expect(error.key).toBe('start');
    expect(error.message).toContain('the entry for start');
    expect(thrown(() => new Router(byChatCommand(), new Map([['x', 5]]) as never)).key).toBe('x');
    expect(thrown(() => new Router(byChatCommand(), null as never)).key).toBe('');
    expect(
      () => new Router(byChatCommand(), { start: () => 1, [defaultRoute]: { route: () => 2 } }),
    ).not.toThrow();
  });

  it('refuses a misspelt flavor in flavorRouter', () => {
    expect(thrown(() => flavorRouter({ chatt: () => 1 } as never))).toMatchObject({
      key: 'chatt',
      suggestion: 'chat',
    });
    expect(() => flavorRouter({ chat: () => 1, _alarm: () => 2 })).not.toThrow();
  });

  it('checks the options of command, regexp and byCommand', () => {
    expect(thrown(() => command('start', { ignorecase: true } as never))).toMatchObject({
      suggestion: 'ignoreCase',
    });
    expect(thrown(() => command('start', { prefix: 5 } as never)).key).toBe('prefix');
    expect(thrown(() => regexp(/x/, { fields: 'text' } as never))).toMatchObject({
      suggestion: 'field',
    });
    expect(thrown(() => byChatCommand({ passArg: true } as never))).toMatchObject({
      suggestion: 'passArgs',
    });
  });

  it('checks glance options', () => {
    const msg = { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: 'x' };
    expect(glance(msg as never, { flavor: 'chat', long: true })).toHaveLength(5);
    expect(thrown(() => glance(msg as never, { flavour: 'chat' } as never))).toMatchObject({
      suggestion: 'flavor',
    });
  });
});

describe('InputFile and the emulator', () => {
  it('checks InputFile options', () => {
    expect(thrown(() => new InputFile(Buffer.from('x'), { name: 'a.txt' } as never))).toMatchObject(
      { key: 'name', suggestion: 'filename' },
    );
    expect(thrown(() => new InputFile(Buffer.from('x'), { contentType: 5 } as never)).key).toBe(
      'contentType',
    );
  });

  it('checks the emulator options, its flood limits and start options', async () => {
    expect(thrown(() => new Emulator({ floodcontrol: false } as never))).toMatchObject({
      suggestion: 'floodControl',
    });
    expect(thrown(() => new FloodControl({ perChatBurts: 3 } as never))).toMatchObject({
      suggestion: 'perChatBurst',
    });
    expect(() => new FloodControl({ perBotPerSecond: -1 })).toThrow(RangeError);
    const emu = new Emulator({ clock: new ManualClock(), floodControl: { perBotPerSecond: 300 } });
    await expect(emu.start({ prot: 0 } as never)).rejects.toMatchObject({ suggestion: 'port' });
    expect(thrown(() => emu.createBot({ userName: 'x_bot' } as never))).toMatchObject({
      suggestion: 'username',
    });
    expect(thrown(() => emu.createUser({ first_name: 'Al' } as never))).toMatchObject({
      suggestion: 'firstName',
    });
    expect(thrown(() => emu.createGroup({ title: 'g', type: 'private' } as never)).key).toBe(
      'type',
    );
    await expect(emu.waitForIdle({ timeout: 5 } as never)).rejects.toMatchObject({
      suggestion: 'timeoutMs',
    });
  });
});
