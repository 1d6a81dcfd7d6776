import type { RunningWebhook } from '@delegram-examples/launcher';
import { quietEmulator } from '@delegram-examples/launcher';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

describe('main', () => {
  let running: RunningWebhook | undefined;
  afterEach(() => running?.stop());

  it('echoes through webhook replies, serves a health check, and refuses requests without the secret', async () => {
    running = await main({ ...quietEmulator, signals: false });
    const launched = running.launched;
    const alice = launched.user!;
    const chat = launched.chat!;

    await alice.sendMessage(chat, 'hello');
    expect((await chat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe('Echo: hello');
    await alice.sendMessage(chat, 'again');
    expect((await chat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe('Echo: again');

    const base = running.webhookUrl.replace(/\/telegram$/, '');
    const health = await fetch(`${base}/healthz`);
    expect(await health.json()).toEqual({ ok: true, handled: 2 });
    const forged = await fetch(running.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        update_id: 1,
        message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: 'x' },
      }),
    });
    expect(forged.status).toBe(401);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });
});
