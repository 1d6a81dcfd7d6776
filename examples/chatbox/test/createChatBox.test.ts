import type { RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatBox } from '../src/createChatBox.js';

describe('createChatBox', () => {
  let running: RunningBot | undefined;
  afterEach(() => running?.stop());

  it('welcomes each newcomer once, keeps their messages and shows them to the owner', async () => {
    const launched = await launch({ ...quietEmulator, botUsername: 'chatbox_bot' });
    const emu = launched.emulator!;
    const owner = launched.user!;
    const ownerChat = launched.chat!;
    running = runPolling(
      createChatBox(launched.token, { ...launched.botOptions, ownerId: owner.id }),
      launched,
      { signals: false },
    );
    const bob = emu.createUser({ firstName: 'Bob' });
    const bobChat = emu.privateChat(bob, launched.account!);
    const carol = emu.createUser({ firstName: 'Carol' });
    const carolChat = emu.privateChat(carol, launched.account!);

    await bob.sendMessage(bobChat, 'hi owner');
    expect((await bobChat.nextBotMessage({ timeoutMs: 5_000 })).text).toMatch(/^Hello!/);
    await bob.sendMessage(bobChat, 'are you there?');
    await carol.sendMessage(carolChat, 'hello from Carol');
    expect((await carolChat.nextBotMessage({ timeoutMs: 5_000 })).text).toMatch(/^Hello!/);
    await emu.waitForIdle();
    expect(bobChat.history().filter((m) => m.from?.is_bot === true)).toHaveLength(1);

    const ask = async (text: string): Promise<string | undefined> => {
      await owner.sendMessage(ownerChat, text);
      return (await ownerChat.nextBotMessage({ timeoutMs: 5_000 })).text;
    };
    expect(await ask('/unread')).toBe('Bob: 2\nCarol: 1');
    expect(await ask('/next')).toBe('Bob: hi owner');
    expect((await ownerChat.nextBotMessage({ timeoutMs: 5_000 })).text).toBe('Bob: are you there?');
    expect(await ask('/unread')).toBe('Carol: 1');
    expect(await ask('/next')).toBe('Carol: hello from Carol');
    expect(await ask('/next')).toBe('No unread messages.');
    expect(ownerChat.history().some((m) => m.text?.startsWith('Hello!') === true)).toBe(false);
  });
});
