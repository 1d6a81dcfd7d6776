import type { Message } from '@delegram/api';
import { describe, expect, it, vi } from 'vitest';
import {
  byChatCommand,
  byCommand,
  byContentType,
  byData,
  byRegex,
  byText,
  lowerKey,
  upperKey,
} from '../../src/routing/keyFunctions.js';
import { Router } from '../../src/routing/Router.js';
import { defaultRoute, noMatch } from '../../src/routing/routeKeys.js';

const chat = { id: 1, type: 'private' as const };
const text = (t: string): Message => ({ message_id: 1, date: 0, chat, text: t });

describe('byContentType', () => {
  it('keys by content type and hands the content to the handler', () => {
    const sizes = [{ file_id: 'a', file_unique_id: 'u', width: 1, height: 1 }];
    const photo = { message_id: 1, date: 0, chat, photo: sizes } as Message;
    const onPhoto = vi.fn();
    new Router(byContentType(), { photo: onPhoto }).route(photo);
    expect(onPhoto).toHaveBeenCalledWith(photo, sizes);
  });
});

describe('byCommand', () => {
  it('keys by the command and passes arguments when asked', () => {
    expect(byChatCommand()(text('/start now'))).toEqual(['start', []]);
    expect(byChatCommand({ passArgs: true })(text('/add  1 2'))).toEqual(['add', [['1', '2']]]);
  });

  it('gives noMatch for text that is not a command and for messages without text', () => {
    expect(byChatCommand()(text('hello'))).toEqual([noMatch]);
    expect(byChatCommand()({ message_id: 1, date: 0, chat })).toEqual([noMatch]);
  });

  it('accepts other prefixes and separators', () => {
    const fn = byCommand((m: { t: string }) => m.t, {
      prefix: ['!', '#'],
      separator: ',',
      passArgs: true,
    });
    expect(fn({ t: '#go,a,b' })).toEqual(['go', [['a', 'b']]]);
    expect(fn({ t: '/go' })).toEqual([noMatch]);
  });

  it('strips the bot mention, and ignores commands for other bots when the username is known', () => {
    expect(byChatCommand()(text('/help@any_bot'))).toEqual(['help', []]);
    const mine = byChatCommand({ botUsername: 'My_Bot' });
    expect(mine(text('/help@my_bot'))).toEqual(['help', []]);
    expect(mine(text('/help@other_bot'))).toEqual([noMatch]);
  });

  it('routes unknown commands to the default and plain text to noMatch', () => {
    const router = new Router(byChatCommand(), {
      start: () => 'start',
      [noMatch]: () => 'text',
      [defaultRoute]: () => 'unknown',
    });
    expect([text('/start'), text('/nope'), text('hi')].map((m) => router.route(m))).toEqual([
      'start',
      'unknown',
      'text',
    ]);
  });
});

describe('byText and byData', () => {
  it('key by the text and the callback data', () => {
    expect(byText()({ text: 'yes' })).toBe('yes');
    expect(byData()({ data: 'vote:1' })).toBe('vote:1');
  });
});

describe('byRegex', () => {
  it('keys by a group and passes the match', () => {
    const fn = byRegex((m: { t?: string }) => m.t, /^(\w+) (\d+)$/g);
    const result = fn({ t: 'add 5' }) as [string, [RegExpExecArray]];
    expect(result[0]).toBe('add');
    expect(result[1][0][2]).toBe('5');
    // the g flag does not make the second call fail
    expect((fn({ t: 'add 5' }) as [string])[0]).toBe('add');
  });

  it('supports the whole match and named groups, and noMatch otherwise', () => {
    expect((byRegex((m: string) => m, /b+/, 0)('abbc') as [string])[0]).toBe('bb');
    expect((byRegex((m: string) => m, /(?<verb>\w+)!/, 'verb')('go!') as [string])[0]).toBe('go');
    expect(byRegex((m: string) => m, /x/)('abc')).toEqual([noMatch]);
  });
});

describe('lowerKey and upperKey', () => {
  it('change string keys and keep arguments and other keys', () => {
    expect(lowerKey(byChatCommand())(text('/StArT'))).toEqual(['start', []]);
    expect(upperKey(byText())({ text: 'yes' })).toBe('YES');
    expect(lowerKey(byChatCommand())(text('plain'))).toEqual([noMatch]);
  });
});
