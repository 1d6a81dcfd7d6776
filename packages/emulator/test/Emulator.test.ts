import { Emulator, EmulatorError, METHODS, UNSUPPORTED_METHODS } from '@delegram/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { TestBot } from './helpers/TestBot.js';

let emu: Emulator | undefined;

afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

describe('Emulator', () => {
  it('starts on a free loopback port and serves the Bot API there', async () => {
    emu = new Emulator({ floodControl: false });
    expect(() => emu?.apiRoot).toThrow(EmulatorError);
    const { apiRoot } = await emu.start();
    expect(apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const bot = new TestBot(emu, emu.createBot({ username: 'hello_bot', firstName: 'Hello' }));
    expect(await bot.call('getMe')).toMatchObject({
      id: bot.id,
      first_name: 'Hello',
      username: 'hello_bot',
    });
    await emu.stop();
    await expect(bot.call('getMe')).rejects.toThrow();
  });

  it('numbers updates from firstUpdateId, as a restarted emulator must for bots with durable state', async () => {
    emu = new Emulator({ floodControl: false, firstUpdateId: 5_000 });
    await emu.start();
    const account = emu.createBot({ username: 'ids_bot' });
    const bot = new TestBot(emu, account);
    const user = emu.createUser({ firstName: 'Ida' });
    await user.sendMessage(emu.privateChat(user, account), 'hi');
    expect(await bot.call('getUpdates', { timeout: 0 })).toMatchObject([{ update_id: 5_000 }]);
  });

  it('accepts a preset token and refuses malformed ones and bad usernames', () => {
    emu = new Emulator();
    const bot = emu.createBot({
      username: 'preset_bot',
      token: '123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1',
    });
    expect(bot.id).toBe(123456);
    expect(() => emu?.createBot({ token: 'nope' })).toThrow(/must look like/);
    expect(() => emu?.createBot({ username: 'nobotsuffix' })).toThrow(/ending in "bot"/);
    expect(() => emu?.createBot({ username: 'preset_bot' })).toThrow(/already taken/);
    expect(JSON.stringify(bot)).not.toContain('AAHdq');
  });

  it('lists unsupported spec methods and answers them with a clear 400', async () => {
    emu = new Emulator({ floodControl: false });
    await emu.start();
    expect(UNSUPPORTED_METHODS).toContain('sendPaidMedia');
    expect(UNSUPPORTED_METHODS).not.toContain('sendMessage');
    expect(UNSUPPORTED_METHODS.some((m) => METHODS[m.toLowerCase()] !== undefined)).toBe(false);
    expect(METHODS.getupdates).toBeDefined();
    const bot = new TestBot(emu, emu.createBot({ username: 'limits_bot' }));
    const error = await bot.fails('sendPaidMedia', { chat_id: 1, star_count: 1, media: [] });
    expect(error.errorCode).toBe(400);
  });

  it('creates groups and channels where bots can post', async () => {
    emu = new Emulator({ floodControl: false });
    await emu.start();
    const bot = new TestBot(emu, emu.createBot({ username: 'news_bot' }));
    const owner = emu.createUser({ firstName: 'Owner' });
    const channel = emu.createChannel({ title: 'News', members: [owner, bot.account] });
    const post = await bot.call('sendMessage', { chat_id: channel.id, text: 'Breaking' });
    expect(post.sender_chat).toMatchObject({ id: channel.id, type: 'channel' });
    expect(post.from).toBeUndefined();
    expect((await channel.nextBotMessage()).text).toBe('Breaking');
    expect(await bot.updates()).toEqual([
      expect.objectContaining({ my_chat_member: expect.objectContaining({}) }),
    ]);
    await owner.sendMessage(channel, 'From the owner');
    expect((await bot.updates()).map((u) => u.channel_post?.text)).toEqual(['From the owner']);
    expect(emu.chats().map((c) => c.type)).toEqual(['channel']);
  });
});
