import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandsFor } from '../../src/control/commandsFor.js';
import { type BotAccount, Emulator, type SimUser } from '../../src/index.js';
import { botCall } from '../helpers/rawBot.js';

describe('commandsFor', () => {
  let emu: Emulator;
  let bot: BotAccount;
  let alice: SimUser;
  let bob: SimUser;

  beforeEach(async () => {
    emu = new Emulator({ floodControl: false });
    await emu.start({ port: 0 });
    bot = emu.createBot({ username: 'scope_bot' });
    alice = emu.createUser({ firstName: 'Alice', languageCode: 'de' });
    bob = emu.createUser({ firstName: 'Bob' });
  });

  afterEach(async () => {
    await emu.stop();
  });

  const set = (names: string[], scope: Record<string, unknown>, language?: string) =>
    botCall(emu.apiRoot, bot.token, 'setMyCommands', {
      commands: names.map((command) => ({ command, description: command })),
      scope,
      ...(language === undefined ? {} : { language_code: language }),
    });
  const names = (chat: { record: Parameters<typeof commandsFor>[1] }, user: SimUser) =>
    commandsFor(bot, chat.record, user.account).map((c) => c.command);

  it('gives nothing when the bot set no commands', () => {
    expect(names(emu.privateChat(alice, bot), alice)).toEqual([]);
  });

  it('prefers a private chat’s own scope, then all private chats, then the default', async () => {
    await set(['help'], { type: 'default' });
    expect(names(emu.privateChat(bob, bot), bob)).toEqual(['help']);
    await set(['start'], { type: 'all_private_chats' });
    expect(names(emu.privateChat(bob, bot), bob)).toEqual(['start']);
    await set(['mine'], { type: 'chat', chat_id: bob.id });
    expect(names(emu.privateChat(bob, bot), bob)).toEqual(['mine']);
    expect(names(emu.privateChat(alice, bot), alice)).toEqual(['start']);
  });

  it('uses the person’s language before the list for all languages', async () => {
    await set(['help'], { type: 'default' });
    await set(['hilfe'], { type: 'default' }, 'de');
    expect(names(emu.privateChat(alice, bot), alice)).toEqual(['hilfe']);
    expect(names(emu.privateChat(bob, bot), bob)).toEqual(['help']);
  });

  it('in groups gives admins their scopes and one member their own', async () => {
    const group = emu.createGroup({
      title: 'G',
      type: 'supergroup',
      members: [alice, bob],
      bots: [bot],
    });
    await set(['help'], { type: 'default' });
    await set(['poll'], { type: 'all_group_chats' });
    await set(['ban'], { type: 'all_chat_administrators' });
    // Alice created the group, so she is an admin.
    expect(names(group, alice)).toEqual(['ban']);
    expect(names(group, bob)).toEqual(['poll']);
    await set(['here'], { type: 'chat', chat_id: group.id });
    expect(names(group, bob)).toEqual(['here']);
    expect(names(group, alice)).toEqual(['here']);
    await set(['kick'], { type: 'chat_administrators', chat_id: group.id });
    expect(names(group, alice)).toEqual(['kick']);
    await set(['you'], { type: 'chat_member', chat_id: group.id, user_id: bob.id });
    expect(names(group, bob)).toEqual(['you']);
  });
});
