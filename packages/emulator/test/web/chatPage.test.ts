// The chat page in a real headless Chromium (Debian's, driven by playwright-core): a person picks
// a chat, talks to a small bot, presses its inline buttons and sees edits, toasts, alerts,
// deletions, photos and inline results live.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { startEchoBot } from '../helpers/echoBot.js';
import {
  messageLog,
  openChatWithBot as openChat,
  type PageWorld,
  pageWorlds,
  send as sendText,
} from './pageHarness.js';

describe('chat page', () => {
  let world: PageWorld;
  let page: Page;
  const start = pageWorlds(startEchoBot);

  beforeEach(async () => {
    world = await start({ openChat: false });
    page = world.page;
  });

  const openChatWithBot = (): Promise<void> => openChat(page);
  const send = (text: string): Promise<void> => sendText(page, text);
  const log = (): ReturnType<Page['getByRole']> => messageLog(page);

  it('sends a message, shows the reply with its entities, and edits it live when a button is pressed', async () => {
    await openChatWithBot();
    await send('hello world');

    const reply = log().getByRole('listitem').filter({ hasText: 'You said: hello world' });
    await reply.waitFor();
    expect(await reply.locator('strong').textContent()).toBe('hello world');
    const mine = log()
      .getByRole('listitem')
      .filter({ hasText: /^hello world/ });
    expect(await mine.getAttribute('class')).toContain('out');
    expect(await reply.locator('time').count()).toBe(1);

    await reply.getByRole('button', { name: 'Like' }).click();
    await log().getByText('Liked: You said: hello world').waitFor();
    await page.getByRole('status', { name: 'Notifications' }).getByText('Thanks!').waitFor();
    expect(await log().getByText('edited').count()).toBe(1);
    const link = log().getByRole('link', { name: 'Docs' }).first();
    expect(await link.getAttribute('href')).toBe('https://core.telegram.org/bots/api');
  });

  it('shows show_alert answers as a dialog and removes deleted messages', async () => {
    await openChatWithBot();
    await send('ping');
    const reply = log().getByRole('listitem').filter({ hasText: 'You said: ping' });
    await reply.getByRole('button', { name: 'Alert' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Careful!').waitFor();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await reply.getByRole('button', { name: 'Remove' }).click();
    await reply.waitFor({ state: 'detached' });
    expect(await log().getByRole('listitem').count()).toBe(1);
  });

  it('renders text safely: markup in messages stays text', async () => {
    await openChatWithBot();
    await send('<img src=x onerror="window.pwned=1"><b>bold?</b>');
    await log().getByText('You said: <img src=x', { exact: false }).waitFor();
    expect(await log().locator('img').count()).toBe(0);
    expect(await log().locator('b').count()).toBe(0);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
  });

  it('shows photos the bot sends, served by the emulator', async () => {
    await openChatWithBot();
    await send('photo');
    const image = log().getByRole('img', { name: 'A red square' });
    await image.waitFor();
    // (Browser-side code as strings: the tests are type-checked without the DOM library.)
    await page.waitForFunction(
      "(() => { const img = document.querySelector('img.photo'); return img !== null && img.complete && img.naturalWidth > 0; })()",
    );
    expect(
      await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(8);
  });

  it('runs an inline query from the input and sends the chosen result', async () => {
    await openChatWithBot();
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('@echo_bot Mixed Case');
    const results = page.getByRole('listbox', { name: 'Inline results' });
    await results.getByRole('option', { name: 'MIXED CASE', exact: true }).click();
    await log()
      .getByRole('listitem')
      .filter({ hasText: /^MIXED CASE/ })
      .waitFor();
    expect(await input.inputValue()).toBe('');
    await results.waitFor({ state: 'hidden' });
  });

  it('drops the inline results when another chat opens', async () => {
    await openChatWithBot();
    await page.getByRole('textbox', { name: 'Message' }).fill('@echo_bot Mixed Case');
    const results = page.getByRole('listbox', { name: 'Inline results' });
    await results.getByRole('option', { name: 'MIXED CASE', exact: true }).waitFor();
    world.emu.createGroup({
      title: 'Helpers',
      type: 'group',
      members: [world.alice],
      bots: [world.account],
    });
    await page
      .getByRole('listbox', { name: 'Chats' })
      .getByRole('option', { name: /Helpers/ })
      .click();
    await page.getByRole('heading', { name: 'Helpers' }).waitFor();
    // A result asked for in the private chat must not be sent to the group.
    await results.waitFor({ state: 'hidden' });
    expect(await results.getByRole('option').count()).toBe(0);
  });

  it('shows a chosen inline result only in the chat it was sent to, even if another chat opened meanwhile', async () => {
    await openChatWithBot();
    world.emu.createGroup({
      title: 'Helpers',
      type: 'group',
      members: [world.alice],
      bots: [world.account],
    });
    const helpers = page
      .getByRole('listbox', { name: 'Chats' })
      .getByRole('option', { name: /Helpers/ });
    await helpers.waitFor();
    // The answer to "choose" comes back only once the group is open.
    await page.route(
      '**/control/inline/*/choose',
      async (route) => {
        const response = await route.fetch();
        await helpers.click();
        await page.getByText('Alice created the group «Helpers»').waitFor();
        await route.fulfill({ response });
      },
      { times: 1 },
    );
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('@echo_bot Mixed Case');
    const answered = page.waitForResponse('**/control/inline/*/choose');
    await page
      .getByRole('listbox', { name: 'Inline results' })
      .getByRole('option', { name: 'MIXED CASE', exact: true })
      .click();
    await answered;
    await page.evaluate('new Promise((resolve) => setTimeout(resolve, 100))');
    expect(await log().getByText('MIXED CASE').count()).toBe(0);
    await page
      .getByRole('listbox', { name: 'Chats' })
      .getByRole('option', { name: /Echo/ })
      .click();
    await log()
      .getByRole('listitem')
      .filter({ hasText: /^MIXED CASE/ })
      .waitFor();
  });

  it('pages inline results: More results asks for the next page, and a result from it can be sent', async () => {
    await openChatWithBot();
    await page.getByRole('textbox', { name: 'Message' }).fill('@echo_bot items');
    const results = page.getByRole('listbox', { name: 'Inline results' });
    await results.getByRole('option', { name: 'Item 10', exact: true }).waitFor();
    expect(await results.getByRole('option').count()).toBe(10);
    await results.getByRole('button', { name: 'More results' }).click();
    await results.getByRole('option', { name: 'Item 15', exact: true }).waitFor();
    expect(await results.getByRole('option').count()).toBe(15);
    expect(await results.getByRole('button', { name: 'More results' }).count()).toBe(0);
    await results.getByRole('option', { name: 'Item 12', exact: true }).click();
    await log()
      .getByRole('listitem')
      .filter({ hasText: /^Item 12/ })
      .waitFor();
  });

  it('fits a phone-width screen: one pane at a time with a way back to the chat list', async () => {
    await page.setViewportSize({ width: 375, height: 700 });
    await openChatWithBot();
    expect(await page.getByRole('listbox', { name: 'Chats' }).isVisible()).toBe(false);
    await send('small screen');
    await log().getByText('You said: small screen').waitFor();
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(375);
    await page.getByRole('button', { name: 'Back to chats' }).click();
    await page
      .getByRole('listbox', { name: 'Chats' })
      .getByRole('option', { name: /Echo/ })
      .waitFor();
  });
});
