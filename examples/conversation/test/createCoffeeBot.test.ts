import { ManualClock } from '@delegram/api';
import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import type { DelegatorBot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoffeeOrder } from '../src/coffeeMachine.js';
import { createCoffeeBot } from '../src/createCoffeeBot.js';

describe('createCoffeeBot', () => {
  let running: RunningBot<DelegatorBot> | undefined;
  afterEach(() => running?.stop());

  it('takes an order step by step, re-asks on bad answers, and ends the conversation', async () => {
    const clock = new ManualClock();
    const launched = await launch({ ...quietEmulator, botUsername: 'coffee_bot', clock });
    const orders: CoffeeOrder[] = [];
    running = runPolling(
      createCoffeeBot(launched.token, { ...launched.botOptions, onOrder: (o) => orders.push(o) }),
      launched,
      { signals: false },
    );
    const alice = launched.user!;
    const chat = launched.chat!;
    const say = async (text: string) => {
      await clock.advance(1_000); // at a person's pace: the bot's replies stay within 1/s per chat
      await alice.sendMessage(chat, text);
      return (await chat.nextBotMessage({ timeoutMs: 5_000 })).text;
    };

    expect(await say('hi')).toBe('Hi! What would you like? (espresso, latte, cappuccino)');
    expect(await say('tea')).toBe('Sorry, we have espresso, latte, cappuccino.');
    expect(await say('Latte')).toBe('What size? (small, medium, large)');
    expect(await say('huge')).toBe('What size? (small, medium, large)');
    expect(await say('large')).toBe('One large latte? (yes/no)');
    expect(await say('no')).toBe('Hi! What would you like? (espresso, latte, cappuccino)');
    expect(await say('espresso')).toBe('What size? (small, medium, large)');
    expect(await say('small')).toBe('One small espresso? (yes/no)');
    expect(await say('yes')).toBe('Coming right up: one small espresso.');
    await launched.emulator!.waitForIdle();
    expect(orders).toEqual([{ chatId: chat.id, drink: 'espresso', size: 'small' }]);
    expect(running.bot.delegateCount).toBe(0);

    expect(await say('another one')).toBe('Hi! What would you like? (espresso, latte, cappuccino)');
    expect(await say('latte')).toBe('What size? (small, medium, large)');
    await clock.advance(60_000);
    expect(running.bot.delegateCount).toBe(0);
    expect(await say('medium')).toBe('Hi! What would you like? (espresso, latte, cappuccino)');
  });
});
