import type { Message } from '@delegram/api';
import { describe, expect, it, vi } from 'vitest';
import { FilterRouter } from '../../src/routing/FilterRouter.js';
import {
  and,
  command,
  ofContentType,
  not,
  or,
  regexp,
  runFilter,
} from '../../src/routing/filters.js';

const chat = { id: 1, type: 'private' as const };
const text = (t: string): Message => ({ message_id: 1, date: 0, chat, text: t });

describe('command', () => {
  it('matches the command and extracts its parts', async () => {
    expect(await runFilter(command('help'), text('/help me  please '))).toEqual({
      command: {
        prefix: '/',
        command: 'help',
        mention: undefined,
        args: 'me  please',
        payload: undefined,
      },
    });
    expect(await runFilter(command('help'), text('/helpme'))).toBeUndefined();
    expect(await runFilter(command('help'), text('help'))).toBeUndefined();
  });

  it('accepts this bot mention and refuses other bots', async () => {
    const f = command('start', { botUsername: '@Counter_Bot' });
    expect((await runFilter(f, text('/start@counter_bot')))?.command.mention).toBe('counter_bot');
    expect(await runFilter(f, text('/start@other_bot'))).toBeUndefined();
  });

  it('gives the deep-link payload and can require it', async () => {
    const deep = command('start', { deepLink: true });
    expect((await runFilter(deep, text('/start ref-42')))?.command.payload).toBe('ref-42');
    expect(await runFilter(deep, text('/start'))).toBeUndefined();
    expect(
      await runFilter(command('start', { deepLink: false }), text('/start ref')),
    ).toBeUndefined();
  });

  it('matches several names, RegExps and case-insensitively', async () => {
    expect(await runFilter(command(['a', /^b\d$/]), text('/b7'))).toBeDefined();
    expect(await runFilter(command('Start', { ignoreCase: true }), text('/START'))).toBeDefined();
    expect(await runFilter(command('Start'), text('/start'))).toBeUndefined();
  });
});

describe('regexp', () => {
  it('tests text, caption, callback data or inline query and gives the match', async () => {
    const f = regexp(/^add (\d+)$/g);
    expect((await runFilter(f, text('add 5')))?.match[1]).toBe('5');
    expect((await runFilter(f, text('add 6')))?.match[1]).toBe('6');
    expect(await runFilter(f, { data: 'add 1' })).toBeDefined();
    expect(await runFilter(f, { query: 'add 2' })).toBeDefined();
    expect(await runFilter(f, { caption: 'nope' })).toBeUndefined();
    expect(
      await runFilter(regexp('x', { field: 'data' }), { text: 'x', data: 'y' }),
    ).toBeUndefined();
  });
});

describe('ofContentType', () => {
  it('matches messages of the given content types', async () => {
    const photo = { message_id: 1, date: 0, chat, photo: [] } as unknown as Message;
    expect(await runFilter(ofContentType('photo', 'video'), photo)).toEqual({});
    expect(await runFilter(ofContentType('photo'), text('x'))).toBeUndefined();
  });
});

describe('and / or / not', () => {
  const isPrivate = (m: Message): boolean => m.chat.type === 'private';
  it('combine filters and merge their data', async () => {
    const both = and(command('go'), regexp(/go (\w+)/), isPrivate);
    const data = await runFilter(both, text('/go north'));
    expect(data?.command.args).toBe('north');
    expect(data?.match[1]).toBe('north');
    expect(await runFilter(or(command('a'), command('b')), text('/b'))).toBeDefined();
    expect(await runFilter(or(command('a'), command('b')), text('/c'))).toBeUndefined();
    expect(await runFilter(not(command('a')), text('/a'))).toBeUndefined();
    expect(await runFilter(not(command('a')), text('hello'))).toEqual({});
  });

  it('stop at the first miss', async () => {
    const second = vi.fn(() => true);
    await runFilter(
      and(() => false, second),
      text('x'),
    );
    expect(second).not.toHaveBeenCalled();
  });

  it('await async predicates', async () => {
    const slow = async (): Promise<boolean> => Promise.resolve(true);
    expect(await runFilter(and(slow, command('a')), text('/a'))).toBeDefined();
  });
});

describe('FilterRouter', () => {
  it('runs the first handler whose filters all match, with their data and the extras', async () => {
    const seen: string[] = [];
    const router = new FilterRouter<Message>()
      .on(command('start', { deepLink: true }), (_m, { command: c }, extra) => {
        seen.push(`deep ${c.payload ?? ''} ${String(extra)}`);
      })
      .on(command('start'), () => void seen.push('start'))
      .on(
        [ofContentType('text'), (m: Message) => m.chat.type === 'private'],
        (m) => void seen.push(`text ${m.text}`),
      );
    expect(await router.route(text('/start abc'), 'inc')).toBe(true);
    expect(await router.route(text('/start'))).toBe(true);
    expect(await router.route(text('hello'))).toBe(true);
    expect(await router.route({ message_id: 1, date: 0, chat, photo: [] })).toBe(false);
    expect(seen).toEqual(['deep abc inc', 'start', 'text hello']);
  });

  it('runs the fallback when nothing matched and awaits async handlers', async () => {
    let done = false;
    const router = new FilterRouter<Message>().otherwise(async () => {
      await Promise.resolve();
      done = true;
    });
    expect(await router.route(text('x'))).toBe(true);
    expect(done).toBe(true);
  });

  it('propagates handler errors to the caller', async () => {
    const router = new FilterRouter<Message>().on(command('x'), () => {
      throw new Error('boom');
    });
    await expect(router.route(text('/x'))).rejects.toThrow('boom');
  });
});
