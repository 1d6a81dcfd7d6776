import { ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import type { SimUser } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/TestBot.js';

let emu: Emulator;
let bot: TestBot;
let alice: SimUser;
let bob: SimUser;

beforeEach(async () => {
  emu = new Emulator({ clock: new ManualClock(1_000_000), floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'admin_bot' }));
  alice = emu.createUser({ firstName: 'Alice', username: 'alice' });
  bob = emu.createUser({ firstName: 'Bob' });
});

afterEach(async () => {
  await emu.stop();
});

describe('groups and membership', () => {
  it('tells a bot it was added, and shows it members joining and leaving', async () => {
    const group = emu.createGroup({
      title: 'Team',
      type: 'supergroup',
      members: [alice, bot.account],
    });
    const added = await bot.next('my_chat_member');
    expect(added).toMatchObject({
      chat: { id: group.id, type: 'supergroup', title: 'Team' },
      new_chat_member: { status: 'member' },
    });
    bob.join(group);
    expect((await bot.next('message')).new_chat_members?.[0]?.id).toBe(bob.id);
    bob.leave(group);
    expect((await bot.next('message')).left_chat_member?.id).toBe(bob.id);
    expect(await bot.call('getChatMemberCount', { chat_id: group.id })).toBe(2);
    expect(await bot.call('getChatMember', { chat_id: group.id, user_id: alice.id })).toMatchObject(
      { status: 'creator' },
    );
    expect(await bot.call('getChatMember', { chat_id: group.id, user_id: bob.id })).toMatchObject({
      status: 'left',
    });
  });

  it('refuses bots that are not members, and after they leave', async () => {
    const group = emu.createGroup({ title: 'Closed', type: 'group', members: [alice] });
    const outsider = await bot.fails('sendMessage', { chat_id: group.id, text: 'x' });
    expect([outsider.errorCode, outsider.description]).toEqual([
      403,
      'Forbidden: bot is not a member of the group chat',
    ]);
    const other = emu.createGroup({ title: 'Open', members: [alice, bot.account] });
    expect(await bot.call('leaveChat', { chat_id: other.id })).toBe(true);
    expect((await bot.fails('sendMessage', { chat_id: other.id, text: 'x' })).description).toBe(
      'Forbidden: bot is not a member of the supergroup chat',
    );
  });

  it('answers getChat with the full info and public chats by @username', async () => {
    const group = emu.createGroup({
      title: 'Pub',
      username: 'pubgroup',
      description: 'about',
      members: [alice, bot.account],
    });
    const info = await bot.call('getChat', { chat_id: '@pubgroup' });
    expect(info).toMatchObject({
      id: group.id,
      type: 'supergroup',
      title: 'Pub',
      username: 'pubgroup',
      description: 'about',
    });
    expect(info.permissions.can_send_messages).toBe(true);
    const admins = await bot.call('getChatAdministrators', { chat_id: group.id });
    expect(admins.map((m: { user: { id: number } }) => m.user.id)).toEqual([alice.id]);
  });
});

describe('group upgrades', () => {
  it('moves a group to a supergroup and tells bots the new id', async () => {
    const group = emu.createGroup({ title: 'Small', type: 'group', members: [alice, bot.account] });
    const supergroup = emu.upgradeGroup(group);
    expect(supergroup.type).toBe('supergroup');
    expect(group.history().at(-1)?.migrate_to_chat_id).toBe(supergroup.id);
    const error = await fetch(`${emu.apiRoot}/bot${bot.account.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: group.id, text: 'x' }),
    });
    expect(error.status).toBe(400);
    expect(await error.json()).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: supergroup.id },
    });
    const sent = await bot.call('sendMessage', { chat_id: supergroup.id, text: 'here' });
    expect(sent.chat).toMatchObject({ type: 'supergroup', title: 'Small' });
    expect(
      await bot.call('getChatMember', { chat_id: supergroup.id, user_id: alice.id }),
    ).toMatchObject({ status: 'creator' });
  });
});

describe('moderation', () => {
  it('bans, unbans, restricts and promotes with the right rights', async () => {
    const group = emu.createGroup({
      title: 'Mod',
      members: [alice, bob, bot.account],
      admins: [bot.account],
    });
    expect(
      await bot.call('restrictChatMember', {
        chat_id: group.id,
        user_id: bob.id,
        permissions: { can_send_messages: false },
      }),
    ).toBe(true);
    expect(await bot.call('getChatMember', { chat_id: group.id, user_id: bob.id })).toMatchObject({
      status: 'restricted',
      can_send_messages: false,
      is_member: true,
    });
    await expect(bob.sendMessage(group, 'hi')).rejects.toMatchObject({ code: 'blocked' });
    expect(await bot.call('banChatMember', { chat_id: group.id, user_id: bob.id })).toBe(true);
    expect(await bot.call('getChatMember', { chat_id: group.id, user_id: bob.id })).toMatchObject({
      status: 'kicked',
    });
    expect(() => bob.join(group)).toThrow(/banned/);
    expect(
      await bot.call('unbanChatMember', {
        chat_id: group.id,
        user_id: bob.id,
        only_if_banned: true,
      }),
    ).toBe(true);
    expect(await bot.call('getChatMember', { chat_id: group.id, user_id: bob.id })).toMatchObject({
      status: 'left',
    });
    const owner = await bot.fails('banChatMember', { chat_id: group.id, user_id: alice.id });
    expect(owner.description).toBe("Bad Request: can't remove chat owner");
  });

  it('needs admin rights', async () => {
    const group = emu.createGroup({ title: 'Plain', members: [alice, bob, bot.account] });
    const refused = await bot.fails('banChatMember', { chat_id: group.id, user_id: bob.id });
    expect(refused.description).toBe(
      'Bad Request: not enough rights to restrict/unrestrict chat member',
    );
    expect((await bot.fails('setChatTitle', { chat_id: group.id, title: 'New' })).description).toBe(
      'Bad Request: not enough rights to change chat title',
    );
  });

  it('promotes a member so that getChatAdministrators lists them', async () => {
    const group = emu.createGroup({
      title: 'Promo',
      members: [alice, bob, bot.account],
      admins: [bot.account],
    });
    await bot.call('promoteChatMember', {
      chat_id: group.id,
      user_id: bob.id,
      can_pin_messages: true,
    });
    expect(await bot.call('getChatMember', { chat_id: group.id, user_id: bob.id })).toMatchObject({
      status: 'administrator',
      can_pin_messages: true,
      can_delete_messages: false,
    });
    await bot.call('promoteChatMember', { chat_id: group.id, user_id: bob.id });
    expect(await bot.call('getChatMember', { chat_id: group.id, user_id: bob.id })).toMatchObject({
      status: 'member',
    });
  });
});

describe('chat settings and pins', () => {
  it('renames with a service message and refuses no-op changes', async () => {
    const group = emu.createGroup({
      title: 'Old',
      members: [alice, bot.account],
      admins: [bot.account],
    });
    expect(await bot.call('setChatTitle', { chat_id: group.id, title: 'New' })).toBe(true);
    expect(group.title).toBe('New');
    expect(group.history().at(-1)?.new_chat_title).toBe('New');
    expect((await bot.fails('setChatTitle', { chat_id: group.id, title: 'New' })).description).toBe(
      'Bad Request: chat title is not modified',
    );
    await bot.call('setChatDescription', { chat_id: group.id, description: 'desc' });
    expect((await bot.call('getChat', { chat_id: group.id })).description).toBe('desc');
    await bot.call('setChatPermissions', {
      chat_id: group.id,
      permissions: { can_send_polls: false },
    });
    expect((await bot.call('getChat', { chat_id: group.id })).permissions.can_send_polls).toBe(
      false,
    );
  });

  it('pins and unpins messages', async () => {
    const chat = emu.privateChat(alice, bot.account);
    const m = await bot.call('sendMessage', { chat_id: alice.id, text: 'pin me' });
    expect(await bot.call('pinChatMessage', { chat_id: alice.id, message_id: m.message_id })).toBe(
      true,
    );
    expect((await bot.call('getChat', { chat_id: alice.id })).pinned_message.text).toBe('pin me');
    expect(chat.history().at(-1)?.pinned_message).toMatchObject({ message_id: m.message_id });
    expect(await bot.call('unpinChatMessage', { chat_id: alice.id })).toBe(true);
    expect((await bot.call('getChat', { chat_id: alice.id })).pinned_message).toBeUndefined();
    expect((await bot.fails('unpinChatMessage', { chat_id: alice.id })).description).toBe(
      'Bad Request: message to unpin not found',
    );
  });
});

describe('bot profile', () => {
  it('getMe describes the bot', async () => {
    expect(await bot.call('getMe')).toMatchObject({
      id: bot.id,
      is_bot: true,
      username: 'admin_bot',
      can_join_groups: true,
      supports_inline_queries: true,
    });
  });

  it('keeps commands per scope and language', async () => {
    const commands = [{ command: 'start', description: 'Start' }];
    await bot.call('setMyCommands', { commands });
    await bot.call('setMyCommands', {
      commands: [{ command: 'hilfe', description: 'Hilfe' }],
      language_code: 'de',
    });
    emu.privateChat(alice, bot.account);
    await bot.call('setMyCommands', {
      commands: [{ command: 'vip', description: 'VIP' }],
      scope: { type: 'chat', chat_id: alice.id },
    });
    expect(await bot.call('getMyCommands')).toEqual(commands);
    expect(await bot.call('getMyCommands', { language_code: 'de' })).toEqual([
      { command: 'hilfe', description: 'Hilfe' },
    ]);
    expect(await bot.call('getMyCommands', { scope: { type: 'chat', chat_id: alice.id } })).toEqual(
      [{ command: 'vip', description: 'VIP' }],
    );
    await bot.call('deleteMyCommands');
    expect(await bot.call('getMyCommands')).toEqual([]);
    expect(
      (await bot.fails('setMyCommands', { commands: [{ command: 'Bad Cmd', description: 'x' }] }))
        .description,
    ).toBe('Bad Request: BOT_COMMAND_INVALID');
  });

  it('keeps the menu button per chat and by default', async () => {
    emu.privateChat(alice, bot.account);
    const webApp = { type: 'web_app', text: 'Open', web_app: { url: 'https://example.org' } };
    await bot.call('setChatMenuButton', { chat_id: alice.id, menu_button: webApp });
    expect(await bot.call('getChatMenuButton', { chat_id: alice.id })).toEqual(webApp);
    expect(await bot.call('getChatMenuButton')).toEqual({ type: 'commands' });
  });
});
