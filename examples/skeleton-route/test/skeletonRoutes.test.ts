import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import { skeletonRoutes } from '../src/skeletonRoutes.js';

describe('skeletonRoutes', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it('sends keyboards, answers buttons with notifications, alerts and edits, and inline queries', async () => {
    const launched = await launch({
      ...quietEmulator,
      botUsername: 'skeleton_route_bot',
      botSettings: { supportsInlineQueries: true, inlineFeedback: true },
    });
    const bot = new Bot(launched.token, launched.botOptions);
    const printed: string[] = [];
    running = runPolling(bot, launched, {
      handler: skeletonRoutes(bot, { print: (line) => printed.push(line) }),
      signals: false,
    });
    const emu = launched.emulator!;
    const alice = launched.user!;
    const chat = launched.chat!;
    const send = async (text: string) => {
      await alice.sendMessage(chat, text);
      return chat.nextBotMessage({ timeoutMs: 5_000 });
    };

    const custom = await send('show me c');
    expect(custom.text).toBe('Custom keyboard');
    expect(chat.replyKeyboard).toMatchObject({
      keyboard: [[{ text: 'Plain text' }, { text: 'Text only' }], expect.anything()],
    });
    expect((await send('h')).text).toBe('Hide custom keyboard');
    expect(chat.replyKeyboard).toBeUndefined();
    expect((await send('f')).reply_markup).toBeUndefined();

    const keyboard = await send('i');
    expect(await alice.pressButton(keyboard, 'notification')).toMatchObject({
      text: 'Notification at top of screen',
    });
    expect(await alice.pressButton(keyboard, 'alert')).toMatchObject({
      text: 'Alert!',
      showAlert: true,
    });
    await alice.pressButton(keyboard, 'edit');
    const edited = await chat.nextBotEdit({ timeoutMs: 5_000 });
    expect(edited).toMatchObject({
      message_id: keyboard.message_id,
      text: 'NEW MESSAGE HERE!!!!!',
    });
    expect((await send('hello')).text).toBe('End your message with c, i, h or f.');

    const empty = await alice.inlineQuery(launched.account!, '');
    expect(empty.results).toEqual([]);
    expect(empty.button).toMatchObject({ text: 'Back to the bot', start_parameter: 'from_inline' });
    const answer = await alice.inlineQuery(launched.account!, 'bones', { chat });
    expect((await answer.choose('abc')).text).toBe('bones');
    await emu.waitForIdle();
    expect(printed).toEqual([`Chosen inline result: abc ${alice.id} bones`]);
  });
});
