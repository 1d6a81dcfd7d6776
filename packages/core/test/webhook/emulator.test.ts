import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Emulator } from '@delegram/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from '../../src/Bot.js';
import { nodeWebhookHandler } from '../../src/webhook/nodeWebhookHandler.js';
import { generateSecretToken, setWebhook } from '../../src/webhook/setWebhook.js';
import { webhookReply } from '../../src/webhook/WebhookOptions.js';
import type { WebhookOptions } from '../../src/webhook/WebhookOptions.js';

// Webhooks end to end: the emulator posts updates the way Telegram does (secret header, retries).

let emu: Emulator | undefined;
let server: Server | undefined;
afterEach(async () => {
  await emu?.stop();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  emu = undefined;
  server = undefined;
});

async function setup(options: WebhookOptions): Promise<{
  bot: Bot;
  url: string;
  statuses: number[];
  nextStatus: () => Promise<number>;
  emu: Emulator;
}> {
  emu = new Emulator({ floodControl: false });
  const { apiRoot } = await emu.start();
  const account = emu.createBot({ username: 'hook_bot' });
  const bot = new Bot(account.token, { api: { apiRoot } });
  const handle = nodeWebhookHandler(bot, options);
  const statuses: number[] = [];
  const waiting: ((status: number) => void)[] = [];
  server = createServer((req, res) => {
    res.on('finish', () => {
      statuses.push(res.statusCode);
      waiting.shift()?.(res.statusCode);
    });
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    bot,
    url,
    statuses,
    nextStatus: () => new Promise<number>((resolve) => waiting.push(resolve)),
    emu,
  };
}

describe('webhook handlers on the emulator', () => {
  it('receives an update with the secret and answers with a method that Telegram runs', async () => {
    const secretToken = generateSecretToken();
    const { bot, url, emu } = await setup({
      secretToken,
      wait: true,
      handler: {
        chat: (msg) =>
          webhookReply('sendMessage', { chat_id: msg.chat.id, text: `echo: ${msg.text ?? ''}` }),
      },
    });
    await setWebhook(bot, url, { secretToken });
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, emu.bots()[0]!);
    await alice.sendMessage(chat, 'hi');
    const reply = await chat.nextBotMessage({ timeoutMs: 5000 });
    expect(reply.text).toBe('echo: hi');
  });

  it('refuses deliveries with the wrong secret, and the handler never runs', async () => {
    let handled = 0;
    const { bot, url, emu, nextStatus } = await setup({
      secretToken: generateSecretToken(),
      handler: () => void (handled += 1),
    });
    await setWebhook(bot, url, { secretToken: generateSecretToken() });
    const alice = emu.createUser({ firstName: 'Alice' });
    const status = nextStatus();
    await alice.sendMessage(emu.privateChat(alice, emu.bots()[0]!), 'hi');
    expect(await status).toBe(401);
    expect(handled).toBe(0);
    const info = await bot.api.call('getWebhookInfo', {});
    expect(info.pending_update_count).toBe(1); // Telegram keeps it for a retry
  });
});
