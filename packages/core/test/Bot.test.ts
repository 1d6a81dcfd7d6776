import { Api, ManualClock } from '@delegram/api';
import createDebug from 'debug';
import { describe, expect, it } from 'vitest';
import { Bot } from '../src/Bot.js';
import type { Incoming } from '../src/Incoming.js';
import { textMessage } from './support/updates.js';

describe('Bot', () => {
  it('creates its Api from a token, on its own clock', () => {
    const clock = new ManualClock();
    const bot = new Bot('123:abc', { clock });
    expect(bot.api).toBeInstanceOf(Api);
    expect(bot.clock).toBe(clock);
  });

  it('takes a ready Api, and refuses api options with it', () => {
    const api = new Api('123:abc');
    expect(new Bot(api).api).toBe(api);
    expect(() => new Bot(api, { api: { timeoutMs: 5 } })).toThrow(/configure the Api you pass in/);
    expect(() => new Bot('  ')).toThrow(/token is empty/);
    expect(() => new Bot(42 as never)).toThrow(/token \(a string\) or an Api/);
  });

  it('reports every update as unhandled by default', async () => {
    const bot = new Bot('123:abc');
    const seen: Incoming[] = [];
    bot.on('unhandled', (incoming) => seen.push(incoming));
    await bot.handle({ update_id: 1, edited_message: textMessage() });
    await bot.handle({ _tick: { n: 1 } });
    expect(seen.map((i) => [i.flavor, i.kind])).toEqual([
      ['chat', 'edited_message'],
      ['_tick', '_tick'],
    ]);
  });

  it('emits errors, and without a listener or with a throwing one never throws', () => {
    const bot = new Bot('123:abc');
    const lines: string[] = [];
    const previous = createDebug.log;
    createDebug.enable('delegram:error');
    createDebug.log = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    try {
      expect(() => bot.reportError(new Error('lonely'), { source: 'loop' })).not.toThrow();
      bot.on('error', () => {
        throw new Error('listener broke');
      });
      expect(() => bot.reportError(new Error('x'), { source: 'handler' })).not.toThrow();
    } finally {
      createDebug.log = previous;
      createDebug.disable();
    }
    expect(lines.some((l) => l.includes('no error listener'))).toBe(true);
    expect(lines.some((l) => l.includes('an error listener threw'))).toBe(true);
  });
});
