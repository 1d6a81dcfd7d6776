import { ManualClock } from '@delegram/api';
import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { afterEach, describe, expect, it } from 'vitest';
import { createLoverBot } from '../src/createLoverBot.js';

describe('createLoverBot', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it('proposes, keeps asking on "um ...", and thanks on "Yes"; presses revive it after idle', async () => {
    const clock = new ManualClock();
    const launched = await launch({ ...quietEmulator, botUsername: 'lover_bot', clock });
    running = runPolling(createLoverBot(launched.token, launched.botOptions), launched, {
      signals: false,
    });
    const alice = launched.user!;
    const chat = launched.chat!;
    const next = () => chat.nextBotMessage({ timeoutMs: 5_000 });

    await alice.sendMessage(chat, 'hello');
    const first = await next();
    expect(first.text).toBe('1. Would you marry me?');

    expect(await alice.pressButton(first, 'um ...')).toMatchObject({
      text: 'Ok. But I am going to keep asking.',
    });
    const second = await next();
    expect(second.text).toBe('2. Would you marry me?');
    expect(chat.message(first.message_id)?.reply_markup).toBeUndefined();

    await clock.advance(10_000);
    expect((await next()).text).toBe(
      'I know you may need a little time. I will always be here for you.',
    );

    // at a person's pace: each press costs an edit and a reply, within about 1/s per chat
    await clock.advance(2_000);
    await alice.pressButton(second, 'um ...');
    const third = await next();
    expect(third.text).toBe('3. Would you marry me?');
    await clock.advance(2_000);
    await alice.pressButton(third, 'Yes');
    expect((await next()).text).toBe('Thank you!');
    expect(chat.message(third.message_id)?.reply_markup).toBeUndefined();
  });
});
