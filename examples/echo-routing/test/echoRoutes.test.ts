import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { Bot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import { echoRoutes } from '../src/echoRoutes.js';

describe('echoRoutes', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it('routes messages, edits, button presses and inline queries to their own handlers', async () => {
    const launched = await launch({
      ...quietEmulator,
      botUsername: 'echo_bot',
      botSettings: { supportsInlineQueries: true },
    });
    const bot = new Bot(launched.token, launched.botOptions);
    running = runPolling(bot, launched, { handler: echoRoutes(bot), signals: false });
    const alice = launched.user!;
    const chat = launched.chat!;

    const sent = await alice.sendMessage(chat, 'hello');
    const echo = await chat.nextBotMessage({ timeoutMs: 5_000 });
    expect(echo.text).toBe('You said: hello');

    expect(await alice.pressButton(echo, 'Shout')).toMatchObject({ text: 'HELLO!' });

    await alice.editMessage(chat, sent, 'hello there');
    expect((await chat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe(
      'You edited it to: hello there',
    );

    const answer = await alice.inlineQuery(launched.account!, 'quiet please', { chat });
    expect(answer.results.map((r) => (r.type === 'article' ? r.title : r.type))).toEqual([
      'QUIET PLEASE',
    ]);
    const chosen = await answer.choose('shout');
    expect(chosen.text).toBe('QUIET PLEASE');
  });
});
