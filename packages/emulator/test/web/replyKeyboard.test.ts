// Reply keyboards on the chat page, in headless Chromium: the key grid under the input, its toggle,
// one-time / persistent / resized keyboards, the placeholder, contact and location keys, removal,
// and the keyboard a chat already had when the page opens.
import { describe, expect, it } from 'vitest';
import { bubble, pageWorlds, send } from './pageHarness.js';
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
});
