import { ManualClock } from '@delegram/api';
import type { Launched, RunningBot } from '@delegram-examples/launcher';
import { launch, runPolling } from '@delegram-examples/launcher';
import { afterEach, describe, expect, it } from 'vitest';
import { createCounterBot } from '../src/createCounterBot.js';

describe('createCounterBot', () => {
  let running: RunningBot | undefined;

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  async function start(clock?: ManualClock): Promise<Launched> {
    const launched = await launch({
      botUsername: 'counter_bot',
      env: {},
      port: 0,
      print: () => {},
      ...(clock === undefined ? {} : { clock }),
    });
    running = runPolling(createCounterBot(launched.token, launched.botOptions), launched, {
      signals: false,
    });
    return launched;
  }

  it('counts the messages of each chat on its own', async () => {
    const launched = await start();
    const emu = launched.emulator!;
    const alice = launched.user!;
    const bob = emu.createUser({ firstName: 'Bob' });
    const aliceChat = launched.chat!;
    const bobChat = emu.privateChat(bob, launched.account!);

    const answers: string[] = [];
    for (const [user, chat, text] of [
      [alice, aliceChat, 'a'],
      [alice, aliceChat, 'b'],
      [bob, bobChat, 'c'],
      [alice, aliceChat, 'd'],
      [bob, bobChat, 'e'],
    ] as const) {
      await user.sendMessage(chat, text);
      const reply = await chat.nextBotMessage({ timeoutMs: 5_000 });
      answers.push(`${user === alice ? 'alice' : 'bob'}:${reply.text}`);
    }
    expect(answers).toEqual(['alice:1', 'alice:2', 'bob:1', 'alice:3', 'bob:2']);
  });

  it('keeps counting within the idle timeout and starts over after 10 s of silence', async () => {
    const clock = new ManualClock();
    const launched = await start(clock);
    const alice = launched.user!;
    const chat = launched.chat!;
    const say = async (text: string): Promise<string | undefined> => {
      await alice.sendMessage(chat, text);
      return (await chat.nextBotMessage({ timeoutMs: 5_000 })).text;
    };

    expect(await say('one')).toBe('1');
    await clock.advance(9_000);
    expect(await say('two')).toBe('2');
    await clock.advance(9_000);
    expect(await say('three')).toBe('3');
    await clock.advance(10_000);
    expect(await say('again')).toBe('1');
    expect(await say('and again')).toBe('2');
  });
});
