// Fidelity: grammY, an independent Bot API client, runs against the emulator unchanged (only its
// apiRoot points here), by long polling (bot.start and @grammyjs/runner) and by webhook.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from '@grammyjs/runner';
import { Bot, InlineKeyboard, webhookCallback } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/index.js';

function echoBot(token: string, apiRoot: string, options: { webhookReplies?: boolean } = {}): Bot {
  const bot = new Bot(token, {
    client: {
      apiRoot,
      ...(options.webhookReplies
        ? { canUseWebhookReply: (method: string) => method === 'sendMessage' }
        : {}),
    },
  });
  bot.command('start', (ctx) => ctx.reply('Welcome!'));
  bot.on('message:text', (ctx) =>
    ctx.reply(`echo: ${ctx.message.text}`, {
      reply_markup: new InlineKeyboard().text('Like', 'like').text('Alert', 'alert'),
    }),
  );
  bot.callbackQuery('like', async (ctx) => {
    await ctx.editMessageText(`liked: ${ctx.callbackQuery.message?.text ?? ''}`);
    await ctx.answerCallbackQuery({ text: 'Thanks!' });
  });
  bot.callbackQuery('alert', (ctx) =>
    ctx.answerCallbackQuery({ text: 'Careful!', show_alert: true }),
  );
  return bot;
}

/** What a simulated user does with the echo bot, and what they must see. */
async function converse(
  emu: Emulator,
  account: { token: string; username: string },
): Promise<void> {
  const alice = emu.createUser({ firstName: 'Alice', username: 'alice' });
  const bot = emu.bots().find((b) => b.username === account.username)!;
  const chat = emu.privateChat(alice, bot);

  await alice.sendMessage(chat, '/start');
  expect((await chat.nextBotMessage({ timeoutMs: 10_000 })).text).toBe('Welcome!');

  await alice.sendMessage(chat, 'hello');
  const reply = await chat.nextBotMessage({ timeoutMs: 10_000 });
  expect(reply.text).toBe('echo: hello');
  expect(reply.reply_markup?.inline_keyboard?.[0]?.map((b: { text: string }) => b.text)).toEqual([
    'Like',
    'Alert',
  ]);

  const alert = await alice.pressButton(reply, 'alert');
  expect(alert).toMatchObject({ text: 'Careful!', showAlert: true });

  // The edit sends no reply_markup, so (as on Telegram) the keyboard goes away with it.
  const liked = await alice.pressButton(reply, 'Like');
  expect(liked).toMatchObject({ text: 'Thanks!', showAlert: false });
  const edited = chat
    .history()
    .find((m: { message_id: number }) => m.message_id === reply.message_id);
  expect(edited?.text).toBe('liked: echo: hello');
  expect(edited?.edit_date).toBeTypeOf('number');
}

describe('grammY against the emulator', () => {
  let emu: Emulator;

  beforeEach(async () => {
    emu = new Emulator({ floodControl: false });
    await emu.start({ port: 0 });
  });

  afterEach(async () => {
    await emu.stop();
  });

  it('runs an echo bot with an inline keyboard by long polling with bot.start()', async () => {
    const account = emu.createBot({ username: 'grammy_poll_bot' });
    const bot = echoBot(account.token, emu.apiRoot);
    const errors: unknown[] = [];
    bot.catch((error) => errors.push(error));
    const started = new Promise<void>((resolve) => {
      void bot.start({ timeout: 2, onStart: () => resolve() });
    });
    await started;
    try {
      await converse(emu, account);
    } finally {
      await bot.stop();
    }
    expect(errors).toEqual([]);
    expect(bot.botInfo.username).toBe('grammy_poll_bot');
  });

  it('runs the same bot under @grammyjs/runner', async () => {
    const account = emu.createBot({ username: 'grammy_runner_bot' });
    const bot = echoBot(account.token, emu.apiRoot);
    const errors: unknown[] = [];
    bot.catch((error) => errors.push(error));
    await bot.init();
    const handle = run(bot, { runner: { fetch: { timeout: 2 } } });
    try {
      await converse(emu, account);
    } finally {
      await handle.stop();
    }
    expect(errors).toEqual([]);
  });

  describe('by webhook', () => {
    let server: Server | undefined;

    afterEach(async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    });

    async function serve(bot: Bot, secretToken: string): Promise<string> {
      const handle = webhookCallback(bot, 'http', { secretToken });
      server = createServer((req, res) => void handle(req, res));
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    }

    it('delivers updates to webhookCallback with the secret token', async () => {
      const account = emu.createBot({ username: 'grammy_hook_bot' });
      const bot = echoBot(account.token, emu.apiRoot);
      const errors: unknown[] = [];
      bot.catch((error) => errors.push(error));
      const url = await serve(bot, 's3cret-token');
      await bot.api.setWebhook(url, { secret_token: 's3cret-token' });
      const info = await bot.api.getWebhookInfo();
      expect(info.url).toBe(url);

      await converse(emu, account);
      expect(errors).toEqual([]);
      expect((await bot.api.getWebhookInfo()).pending_update_count).toBe(0);
    });

    it('executes a method grammY puts in the webhook reply', async () => {
      const account = emu.createBot({ username: 'grammy_reply_bot' });
      const bot = echoBot(account.token, emu.apiRoot, { webhookReplies: true });
      const url = await serve(bot, 'another-secret');
      await bot.api.setWebhook(url, { secret_token: 'another-secret' });
      const alice = emu.createUser({ firstName: 'Bob' });
      const chat = emu.privateChat(
        alice,
        emu.bots().find((b) => b.id === account.id)!,
      );
      await alice.sendMessage(chat, 'by reply');
      const reply = await chat.nextBotMessage({ timeoutMs: 10_000 });
      expect(reply.text).toBe('echo: by reply');
    });

    it('refuses updates when the secret token does not match grammY’s', async () => {
      const account = emu.createBot({ username: 'grammy_secret_bot' });
      const bot = echoBot(account.token, emu.apiRoot);
      const url = await serve(bot, 'expected-secret');
      await bot.api.setWebhook(url, { secret_token: 'a-different-secret' });
      const alice = emu.createUser({ firstName: 'Eve' });
      const chat = emu.privateChat(
        alice,
        emu.bots().find((b) => b.id === account.id)!,
      );
      await alice.sendMessage(chat, 'hello?');
      await expect(chat.nextBotMessage({ timeoutMs: 1_500 })).rejects.toThrow();
      const info = await bot.api.getWebhookInfo();
      expect(info.pending_update_count).toBeGreaterThan(0);
      expect(info.last_error_message).toMatch(/401|Unauthorized/i);
    });
  });
});
