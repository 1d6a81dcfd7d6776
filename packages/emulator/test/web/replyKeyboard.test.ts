// Reply keyboards on the chat page, in headless Chromium: the key grid under the input, its toggle,
// one-time / persistent / resized keyboards, the placeholder, contact and location keys, removal,
// the keyboard a chat already had when the page opens, and per-person keyboards and forced replies
// in a group (selective).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SimChat } from '../../src/index.js';
import { botCall } from '../helpers/rawBot.js';
import { bubble, type PageWorld, pageWorlds, send } from './pageHarness.js';
import { startPageBot } from './pageBot.js';

describe('chat page reply keyboard', () => {
  const start = pageWorlds(startPageBot);

  it('shows a one-time keyboard, sends the pressed key as the user and closes it', async () => {
    const { page, emu } = await start();
    await send(page, 'keyboard');
    const keys = page.getByRole('group', { name: 'Reply keyboard' });
    await keys.getByRole('button', { name: 'Red' }).click();
    await bubble(page, 'You said: Red').waitFor();
    await keys.waitFor({ state: 'hidden' });
    expect(await page.getByRole('button', { name: /keyboard/ }).isVisible()).toBe(false);
    expect(await bubble(page, /^Red/).getAttribute('class')).toContain('out');
    expect(emu.world.chats()[0]?.replyKeyboard).toBeUndefined();
  });

  it('hides and shows the keyboard with the toggle, and takes it away on remove_keyboard', async () => {
    const { page } = await start();
    await send(page, 'sizes');
    const keys = page.getByRole('group', { name: 'Reply keyboard' });
    await keys.getByRole('button', { name: 'XL' }).waitFor();
    // Without resize_keyboard the keyboard is as tall as a phone keyboard.
    expect((await keys.boundingBox())?.height).toBeGreaterThan(200);

    await page.getByRole('button', { name: 'Hide keyboard' }).click();
    await keys.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Show keyboard' }).click();
    await keys.getByRole('button', { name: 'M', exact: true }).click();
    await bubble(page, 'You said: M').waitFor();
    // Not one-time: it stays after a press.
    expect(await keys.isVisible()).toBe(true);

    await send(page, 'done');
    await bubble(page, 'Keyboard closed').waitFor();
    await keys.waitFor({ state: 'hidden' });
    expect(await page.getByRole('button', { name: /keyboard/ }).isVisible()).toBe(false);
  });

  it('honours is_persistent, resize_keyboard and the placeholder; contact and location keys share them', async () => {
    const { page } = await start();
    await send(page, 'menu');
    const keys = page.getByRole('group', { name: 'Reply keyboard' });
    await keys.getByRole('button', { name: 'Share phone' }).waitFor();
    const input = page.getByRole('textbox', { name: 'Message' });
    expect(await input.getAttribute('placeholder')).toBe('Choose a size');
    expect((await keys.boundingBox())?.height).toBeLessThan(140);
    // A persistent keyboard cannot be hidden.
    expect(await page.getByRole('button', { name: /keyboard/ }).isVisible()).toBe(false);

    await keys.getByRole('button', { name: 'Share phone' }).click();
    await bubble(page, /Got your number: \+1555/).waitFor();
    expect(await bubble(page, /^👤 Alice/).getAttribute('class')).toContain('out');
    await keys.getByRole('button', { name: 'Share place' }).click();
    await bubble(page, 'You are at 52.5163, 13.3777').waitFor();

    await send(page, 'done');
    await keys.waitFor({ state: 'hidden' });
    expect(await input.getAttribute('placeholder')).toBe('Message');
  });

  it('shows the keyboard the chat already has after a reload, and only in that chat', async () => {
    const { page, emu, alice, account } = await start();
    await send(page, 'keyboard');
    const keys = page.getByRole('group', { name: 'Reply keyboard' });
    await keys.getByRole('button', { name: 'Blue' }).waitFor();

    await page.reload();
    await keys.getByRole('button', { name: 'Blue' }).waitFor();

    // A group with the same bot has no keyboard of its own.
    const group = emu.createGroup({
      title: 'Paint club',
      type: 'group',
      members: [alice],
      bots: [account],
    });
    await page.reload();
    await page
      .getByRole('listbox', { name: 'Chats' })
      .getByRole('option', { name: /Paint club/ })
      .click();
    await page.getByRole('heading', { name: 'Paint club' }).waitFor();
    await page.getByRole('log', { name: 'Messages' }).getByRole('listitem').first().waitFor();
    expect(await keys.isVisible()).toBe(false);
    expect(group.record.replyKeyboard).toBeUndefined();

    await page
      .getByRole('listbox', { name: 'Chats' })
      .getByRole('option', { name: /Echo/ })
      .click();
    await keys.getByRole('button', { name: 'Red' }).click();
    await bubble(page, 'You said: Red').waitFor();
    await keys.waitFor({ state: 'hidden' });
  });

  /** A world with Bob (@bobby) and a supergroup "Paint club" of Alice, Bob and the bot. */
  async function inGroup(): Promise<PageWorld & { group: SimChat }> {
    let group: SimChat | undefined;
    const world = await start({
      openChat: false,
      before: ({ emu, alice, account }) => {
        const bob = emu.createUser({ firstName: 'Bob', username: 'bobby' });
        group = emu.createGroup({
          title: 'Paint club',
          type: 'supergroup',
          members: [alice, bob],
          bots: [account],
        });
      },
    });
    if (group === undefined) throw new Error('the group was not created');
    await openGroupAs(world.page, 'Alice');
    return { ...world, group };
  }

  async function openGroupAs(page: Page, name: string): Promise<void> {
    const users = page.getByRole('combobox', { name: 'User' });
    await users.locator('option', { hasText: name }).waitFor({ state: 'attached' });
    await users.selectOption({ label: name === 'Bob' ? 'Bob (@bobby)' : 'Alice (@alice)' });
    await page
      .getByRole('listbox', { name: 'Chats' })
      .getByRole('option', { name: /Paint/ })
      .click();
    await page.getByRole('heading', { name: 'Paint club' }).waitFor();
  }

  it('shows a selective keyboard only to the person it is for', async () => {
    const { page, emu, account, group } = await inGroup();
    const say = (text: string, markup?: object): Promise<unknown> =>
      botCall(emu.apiRoot, account.token, 'sendMessage', {
        chat_id: group.id,
        text,
        ...(markup === undefined ? {} : { reply_markup: markup }),
      });
    const keys = page.getByRole('group', { name: 'Reply keyboard' });
    await say('@bobby pick a colour', {
      keyboard: [['Red', 'Blue']],
      selective: true,
      input_field_placeholder: 'Colour',
    });
    // The keyboard event comes before the next message: once that is shown, Alice got it.
    await say('(waiting)');
    await bubble(page, '(waiting)').waitFor();
    expect(await keys.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /keyboard/ }).isVisible()).toBe(false);
    expect(await page.getByRole('textbox', { name: 'Message' }).getAttribute('placeholder')).toBe(
      'Message',
    );

    await openGroupAs(page, 'Bob');
    await keys.getByRole('button', { name: 'Blue' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).getAttribute('placeholder')).toBe(
      'Colour',
    );
    // Removing Alice's keyboard leaves Bob's; removing his closes it, live.
    await say('ok @alice', { remove_keyboard: true, selective: true });
    await say('(still waiting)');
    await bubble(page, '(still waiting)').waitFor();
    expect(await keys.isVisible()).toBe(true);
    await say('thanks @bobby', { remove_keyboard: true, selective: true });
    await keys.waitFor({ state: 'hidden' });
  });

  it('opens a forced reply with its placeholder for the person asked, and sends the answer as a reply', async () => {
    const { page, emu, account, group } = await inGroup();
    const question = await botCall<{ message_id: number }>(
      emu.apiRoot,
      account.token,
      'sendMessage',
      {
        chat_id: group.id,
        text: '@bobby what should we paint?',
        reply_markup: { force_reply: true, selective: true, input_field_placeholder: 'A subject' },
      },
    );
    await bubble(page, /what should we paint\?/).waitFor();
    const bar = page.getByRole('group', { name: 'Replying to' });
    const input = page.getByRole('textbox', { name: 'Message' });
    await botCall(emu.apiRoot, account.token, 'sendMessage', { chat_id: group.id, text: '(hm)' });
    await bubble(page, '(hm)').waitFor();
    expect(await bar.isVisible()).toBe(false);

    await openGroupAs(page, 'Bob');
    await bar.getByText('@bobby what should we paint?').waitFor();
    expect(await input.getAttribute('placeholder')).toBe('A subject');
    // It survives a reload, as long as Bob has not answered.
    await page.reload();
    await bar.getByText('@bobby what should we paint?').waitFor();
    expect(await input.getAttribute('placeholder')).toBe('A subject');

    await send(page, 'Sunflowers');
    await bar.waitFor({ state: 'hidden' });
    expect(await input.getAttribute('placeholder')).toBe('Message');
    const answer = group.history().find((m) => m.text === 'Sunflowers');
    expect(answer?.reply_to_message?.message_id).toBe(question.message_id);
    expect(group.record.forceReplyFor(answer?.from?.id ?? 0)).toBeUndefined();
  });
});
