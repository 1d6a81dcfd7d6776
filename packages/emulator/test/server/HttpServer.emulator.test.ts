import { ManualClock } from '@delegram/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/Emulator.js';
import type { BotAccount } from '../../src/world/BotAccount.js';
import { WebhookReceiver } from '../support/WebhookReceiver.js';

interface Envelope {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

describe('HttpServer on the real world', () => {
  let emu: Emulator;
  let bot: BotAccount;
  beforeEach(async () => {
    emu = new Emulator();
    await emu.start();
    bot = emu.createBot({ username: 'echo_bot' });
  });
  afterEach(async () => {
    await emu.stop();
  });
  const call = async (method: string, params: Record<string, unknown> = {}): Promise<Envelope> => {
    const res = await fetch(`${emu.apiRoot}/bot${bot.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    return (await res.json()) as Envelope;
  };

  it('delivers a user message by getUpdates and shows the reply in the chat', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, bot);
    await alice.sendMessage(chat, 'hi');
    const { result } = await call('getUpdates', { timeout: 5 });
    const [update] = result as {
      update_id: number;
      message: { text: string; chat: { id: number } };
    }[];
    expect(update!.message.text).toBe('hi');
    expect(
      (await call('sendMessage', { chat_id: update!.message.chat.id, text: 'echo: hi' })).ok,
    ).toBe(true);
    expect((await chat.nextBotMessage()).text).toBe('echo: hi');
    expect(await call('getUpdates', { offset: update!.update_id + 1 })).toEqual({
      ok: true,
      result: [],
    });
  });

  it('delivers by webhook and runs the method in the reply', async () => {
    const hook = await new WebhookReceiver((r) =>
      r.reply(
        200,
        JSON.stringify({
          method: 'sendMessage',
          chat_id: (r.body.message as { chat: { id: number } }).chat.id,
          text: 'pong',
        }),
        { 'content-type': 'application/json' },
      ),
    ).start();
    try {
      expect(await call('setWebhook', { url: hook.url, secret_token: 'abc' })).toMatchObject({
        ok: true,
        description: 'Webhook was set',
      });
      const alice = emu.createUser({ firstName: 'Alice' });
      const chat = emu.privateChat(alice, bot);
      await alice.sendMessage(chat, 'ping');
      const [got] = await hook.waitFor(1);
      expect(got!.headers['x-telegram-bot-api-secret-token']).toBe('abc');
      expect((await chat.nextBotMessage()).text).toBe('pong');
    } finally {
      await call('deleteWebhook');
      await hook.stop();
    }
  });

  it('stores a multipart upload and serves it at the getFile path', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, bot);
    const form = new FormData();
    form.append('chat_id', String(alice.id));
    form.append(
      'document',
      new Blob(['%PDF-1.4 bytes'], { type: 'application/pdf' }),
      'report.pdf',
    );
    const sent = (await (
      await fetch(`${emu.apiRoot}/bot${bot.token}/sendDocument`, { method: 'POST', body: form })
    ).json()) as Envelope;
    const fileId = (sent.result as { document: { file_id: string } }).document.file_id;
    const file = (await call('getFile', { file_id: fileId })).result as { file_path: string };
    const download = await fetch(`${emu.apiRoot}/file/bot${bot.token}/${file.file_path}`);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('%PDF-1.4 bytes');
    expect((await chat.nextBotMessage()).document?.file_name).toBe('report.pdf');
  });

  it('applies flood control by default', async () => {
    // Emulated time stands still, so the burst cannot refill however slow the machine is.
    const frozen = new Emulator({ clock: new ManualClock(1_000_000) });
    await frozen.start();
    try {
      const floodBot = frozen.createBot({ username: 'flood_bot' });
      const alice = frozen.createUser({ firstName: 'Alice' });
      frozen.privateChat(alice, floodBot);
      const answers: Envelope[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await fetch(`${frozen.apiRoot}/bot${floodBot.token}/sendMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ chat_id: alice.id, text: `m${i}` }),
        });
        answers.push((await res.json()) as Envelope);
      }
      expect(answers.slice(0, 10).every((a) => a.ok)).toBe(true);
      expect(answers[10]).toMatchObject({
        ok: false,
        error_code: 429,
        parameters: { retry_after: 1 },
      });
    } finally {
      await frozen.stop();
    }
  });
});
