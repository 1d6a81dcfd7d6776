// Group chats and creating things from the chat page, in headless Chromium: a new user, a private
// chat with a bot, a group with other people and the bot; who sent what; switching who you are.
import { describe, expect, it } from 'vitest';
import type { SimUser } from '../../src/index.js';
import { botCall } from '../helpers/rawBot.js';
import { bubble, messageLog, type PageWorld, pageWorlds, send } from './pageHarness.js';
import { startPageBot } from './pageBot.js';

describe('chat page groups and new chats', () => {
  let bob: SimUser | undefined;
  const open = pageWorlds(startPageBot);
  const start = (): Promise<PageWorld> =>
    open({
      before: ({ emu }) => {
        bob = emu.createUser({ firstName: 'Bob', lastName: 'Stone' });
      },
    });

  it('creates a user from the page and lets them start a chat with the bot', async () => {
    const { page, emu } = await start();
    await page.getByRole('button', { name: 'New user' }).click();
    const form = page.getByRole('form', { name: 'Create user' });
    await form.getByRole('textbox', { name: 'First name' }).fill('Carol');
    await form.getByRole('textbox', { name: 'Username' }).fill('@carol');
    await form.getByRole('button', { name: 'Create user' }).click();
    await form.waitFor({ state: 'hidden' });

    const carol = emu.users().find((u) => u.firstName === 'Carol');
    expect(carol?.toUser().username).toBe('carol');
    // The page switches to the new user once its next state arrives: wait for it, not for luck.
    const users = page.getByRole('combobox', { name: 'User' });
    await page.waitForFunction(
      `document.getElementById('user-select')?.value === ${JSON.stringify(String(carol?.id))}`,
    );
    expect(await users.inputValue()).toBe(String(carol?.id));
    // A new person has no chats yet.
    await page.getByText('Pick a chat, or start one with a bot.').waitFor();
    expect(await page.getByRole('listbox', { name: 'Chats' }).getByRole('option').count()).toBe(0);

    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByRole('heading', { name: 'Echo' }).waitFor();
    await send(page, 'hi from Carol');
    await bubble(page, 'You said: hi from Carol').waitFor();
    expect(emu.world.chats().filter((c) => c.hasMember(carol?.id ?? 0))).toHaveLength(1);
  });

  it('creates a group with another person and the bot, and shows who sent each message', async () => {
    const { page, emu } = await start();
    await page.getByRole('button', { name: 'New group' }).click();
    const form = page.getByRole('form', { name: 'Create group' });
    await form.getByRole('textbox', { name: 'Group title' }).fill('Book club');
    await form.getByRole('checkbox', { name: 'Bob Stone' }).check();
    expect(await form.getByRole('checkbox', { name: '@echo_bot' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Create group' }).click();

    await page.getByRole('heading', { name: 'Book club' }).waitFor();
    await page.getByText('3 members').waitFor();
    await messageLog(page).getByText('Alice created the group «Book club»').waitFor();
    const record = emu.world.chats().find((c) => c.title === 'Book club');
    expect(record?.type).toBe('group');
    expect(record?.hasMember(bob?.id ?? 0)).toBe(true);

    await send(page, 'first chapter');
    const reply = bubble(page, 'You said: first chapter');
    await reply.waitFor();
    expect(await reply.locator('.sender').textContent()).toBe('Echo');

    if (record === undefined || bob === undefined) throw new Error('the group was not created');
    await bob.sendMessage(emu.chat(record), 'I liked it');
    const fromBob = bubble(page, /^Bob StoneI liked it/);
    await fromBob.waitFor();
    expect(await fromBob.getAttribute('class')).toContain('in');

    // Now be Bob: the same group, seen from his side.
    await page.getByRole('combobox', { name: 'User' }).selectOption({ label: 'Bob Stone' });
    await page
      .getByRole('listbox', { name: 'Chats' })
      .getByRole('option', { name: /Book club/ })
      .click();
    const mine = bubble(page, /^I liked it/);
    await mine.waitFor();
    expect(await mine.getAttribute('class')).toContain('out');
    expect(await bubble(page, /^Alicefirst chapter/).getAttribute('class')).toContain('in');
  });

  it('keeps the chat of the person picked last when the picks are quicker than the chat lists', async () => {
    const { page, alice } = await start();
    const users = page.getByRole('combobox', { name: 'User' });
    await users.selectOption({ label: 'Bob Stone' });
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByRole('heading', { name: 'Echo' }).waitFor();
    await send(page, 'from Bob');
    await bubble(page, 'You said: from Bob').waitFor();

    // Back to Alice, whose chat list is slow to come, and to Bob again before it does.
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = (): void => undefined;
    const askedForAlice = new Promise<void>((resolve) => {
      asked = resolve;
    });
    const alicesChats = (url: URL): boolean =>
      url.pathname === '/control/chats' && url.searchParams.get('userId') === String(alice.id);
    await page.route(
      alicesChats,
      async (route) => {
        asked();
        await gate;
        await route.continue();
      },
      { times: 1 },
    );
    await users.selectOption({ label: 'Alice (@alice)' });
    await askedForAlice;
    await users.selectOption({ label: 'Bob Stone' });
    await bubble(page, 'You said: from Bob').waitFor();
    const late = page.waitForResponse((response) => alicesChats(new URL(response.url())));
    release();
    await late;
    await page.evaluate('new Promise((resolve) => setTimeout(resolve, 200))');
    expect(await users.inputValue()).toBe(String(bob?.id));
    expect(await page.getByRole('heading', { name: 'Echo' }).count()).toBe(1);
    expect(await bubble(page, 'You said: from Bob').count()).toBe(1);
  });

  it('lists a group live when someone else adds you, and shows the bot typing by name', async () => {
    const { page, emu, alice, account } = await start();
    if (bob === undefined) throw new Error('no Bob');
    emu.createGroup({
      title: 'Night owls',
      type: 'supergroup',
      members: [bob, alice],
      bots: [account],
    });
    const item = page
      .getByRole('listbox', { name: 'Chats' })
      .getByRole('option', { name: /Night owls/ });
    await item.click();
    await page.getByText('Bob Stone created the group «Night owls»').waitFor();

    const group = emu.world.chats().find((c) => c.title === 'Night owls');
    await botCall(emu.apiRoot, account.token, 'sendChatAction', {
      chat_id: group?.id,
      action: 'typing',
    });
    await page.getByText('Echo is typing…').waitFor();
    await botCall(emu.apiRoot, account.token, 'sendMessage', { chat_id: group?.id, text: 'Hoot' });
    await bubble(page, 'Hoot').waitFor();
    await page.getByText('3 members').waitFor();
  });

  it('keeps the newest chat list when an older answer arrives last', async () => {
    const { page, emu, alice, account } = await start();
    if (bob === undefined) throw new Error('no Bob');
    // The first chat list asked for from now on is answered only after the second one.
    let held: Promise<void> | undefined;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    await page.route('**/control/chats?userId=*', async (route) => {
      calls += 1;
      if (calls === 1) {
        const stale = await route.fetch();
        held = released.then(() => route.fulfill({ response: stale }));
        return;
      }
      await route.continue();
    });
    const group = (title: string): void => {
      emu.createGroup({ title, type: 'group', members: [bob!, alice], bots: [account] });
    };
    const chats = page.getByRole('listbox', { name: 'Chats' });
    group('First');
    // The held answer is fetched (without Second) before Second exists.
    await expect.poll(() => held !== undefined).toBe(true);
    group('Second');
    await chats.getByRole('option', { name: /Second/ }).waitFor();
    release();
    await held;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(await chats.getByRole('option', { name: /Second/ }).count()).toBe(1);
  });
});
