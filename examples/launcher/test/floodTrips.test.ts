import { Bot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import { launch, quietEmulator, takeFloodTrips } from '../src/index.js';
import type { Launched } from '../src/index.js';

describe('the examples run under Telegram flood control', () => {
  let launched: Launched | undefined;
  afterEach(() => launched?.close());

  it('counts the 429s of a bot without flow control, and none with it', async () => {
    launched = await launch({ ...quietEmulator, botUsername: 'flood_bot' });
    const chat = launched.chat!;
    const careless = new Bot(launched.token, { ...launched.botOptions, flowControl: false });
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, (_, i) => careless.api.sendMessage(chat.id, `m${i}`)),
    );
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
    expect(takeFloodTrips()).toBeGreaterThan(0);

    await launched.close();
    launched = await launch({ ...quietEmulator, botUsername: 'flood_bot' });
    const careful = new Bot(launched.token, launched.botOptions);
    const chat2 = launched.chat!;
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => careful.api.sendMessage(chat2.id, `m${i}`)),
    );
    expect(
      chat2
        .history()
        .filter((m) => m.from?.is_bot === true)
        .map((m) => m.text),
    ).toEqual(Array.from({ length: 6 }, (_, i) => `m${i}`));
    expect(takeFloodTrips()).toBe(0);
  });
});
