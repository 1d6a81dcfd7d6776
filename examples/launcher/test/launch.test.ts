import { describe, expect, it } from 'vitest';
import { launch, quietEmulator, TELEGRAM_API_ROOT } from '../src/launch.js';

describe('launch', () => {
  it('talks to Telegram when BOT_TOKEN is set, and never prints the token', async () => {
    const printed: string[] = [];
    const token = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789';
    const launched = await launch({
      botUsername: 'counter_bot',
      env: { BOT_TOKEN: token },
      print: (line) => printed.push(line),
    });
    expect(launched).toMatchObject({ mode: 'telegram', token, apiRoot: TELEGRAM_API_ROOT });
    expect(launched.emulator).toBeUndefined();
    expect(launched.botOptions).toEqual({ api: { apiRoot: TELEGRAM_API_ROOT } });
    expect(printed.join('\n')).not.toContain(token);
    expect(printed.join('\n')).toContain(TELEGRAM_API_ROOT);
    await launched.close();
  });

  it('uses BOT_API_ROOT for a local Bot API server', async () => {
    const launched = await launch({
      botUsername: 'counter_bot',
      env: { BOT_TOKEN: '1:x', BOT_API_ROOT: 'http://localhost:8081/' },
      print: () => {},
    });
    expect(launched.apiRoot).toBe('http://localhost:8081');
  });

  it('starts the emulator without BOT_TOKEN, with the bot, a demo user and their chat', async () => {
    const printed: string[] = [];
    const launched = await launch({
      botUsername: 'counter_bot',
      botName: 'Counter',
      title: 'the counter',
      env: { BOT_TOKEN: '  ' },
      port: 0,
      print: (line) => printed.push(line),
    });
    try {
      expect(launched.mode).toBe('emulator');
      expect(launched.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(launched.account).toMatchObject({ username: 'counter_bot', token: launched.token });
      expect(launched.user?.firstName).toBe('Alice');
      expect(launched.chat?.type).toBe('private');
      expect(printed[0]).toBe('the counter');
      expect(printed).toContain(`Chat with @counter_bot here: ${launched.chatPageUrl}`);
      expect(printed.join('\n')).not.toContain(launched.token);
      const me = (await (await fetch(`${launched.apiRoot}/bot${launched.token}/getMe`)).json()) as {
        result: { username: string };
      };
      expect(me.result.username).toBe('counter_bot');
    } finally {
      await launched.close();
      await launched.close();
    }
    await expect(fetch(`${launched.apiRoot}/bot${launched.token}/getMe`)).rejects.toThrow();
  });

  it('listens on PORT', async () => {
    const probe = await launch({ ...quietEmulator, botUsername: 'probe_bot' });
    const port = Number(new URL(probe.apiRoot).port);
    await probe.close();
    const launched = await launch({
      env: { PORT: String(port) },
      print: () => {},
      botUsername: 'counter_bot',
    });
    try {
      expect(launched.apiRoot).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await launched.close();
    }
  });

  it('refuses a PORT that is not a port number', async () => {
    await expect(
      launch({ env: { PORT: 'eighty' }, print: () => {}, botUsername: 'counter_bot' }),
    ).rejects.toThrow(/PORT must be a port number/);
  });
});

describe('launch on the emulator with a bad bot name', () => {
  it('rejects it and leaves no server listening', async () => {
    const servers = (): number =>
      process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    await expect.poll(servers).toBe(0); // earlier tests' emulators have closed
    await expect(launch({ ...quietEmulator, botUsername: 'not a bot name' })).rejects.toThrow(
      /not valid/,
    );
    await expect.poll(servers).toBe(0);
  });
});
