// The composer of the chat page in headless Chromium: replying to a message, sending a photo with
// a caption and a document from the attach button.
import { describe, expect, it } from 'vitest';
import { PNG } from '../helpers/echoBot.js';
import { botCall } from '../helpers/rawBot.js';
import { bubble, pageWorlds, send } from './pageHarness.js';
import { startPageBot } from './pageBot.js';

describe('chat page composer', () => {
  const start = pageWorlds(startPageBot);

  it('replies to a message: the quote shows above the input and in the sent bubble', async () => {
    const { page, emu } = await start();
    await send(page, 'hello');
    await bubble(page, 'You said: hello').waitFor();
    const answerId = Number(await bubble(page, 'You said: hello').getAttribute('data-message-id'));
    const answer = page.locator(`[data-message-id="${answerId}"]`);
    await answer.hover();
    await answer.getByRole('button', { name: 'Reply' }).click();
    const bar = page.getByRole('group', { name: 'Replying to' });
    await bar.getByText('You said: hello').waitFor();
    expect(await bar.getByText('Echo').count()).toBe(1);

    await send(page, 'and you?');
    await bar.waitFor({ state: 'hidden' });
    const mine = bubble(page, /and you\?/).first();
    expect(await mine.locator('.reply-quote').textContent()).toBe('EchoYou said: hello');
    await bubble(page, `You answered message ${answerId} with: and you?`).waitFor();
    const stored = [...(emu.world.chats()[0]?.messages.values() ?? [])].find(
      (m) => m.text === 'and you?',
    );
    expect(stored?.reply_to_message?.message_id).toBe(answerId);

    // Escape cancels a reply; the next message is a plain one.
    await answer.dblclick();
    await bar.waitFor();
    await page.getByRole('textbox', { name: 'Message' }).press('Escape');
    await bar.waitFor({ state: 'hidden' });
    await send(page, 'plain');
    await bubble(page, 'You said: plain').waitFor();
  });

  it('edits and deletes your own messages; the bot sees the edit', async () => {
    const { page, emu } = await start();
    await send(page, 'helo');
    await bubble(page, 'You said: helo').waitFor();
    const mine = bubble(page, /^helo/);
    await mine.hover();
    await mine.getByRole('button', { name: 'Edit' }).click();
    const bar = page.getByRole('group', { name: 'Editing' });
    await bar.getByText('helo').waitFor();
    const input = page.getByRole('textbox', { name: 'Message' });
    expect(await input.inputValue()).toBe('helo');
    await input.fill('hello');
    await input.press('Enter');
    await bubble(page, 'You changed it to: hello').waitFor();
    const edited = bubble(page, /^hello/);
    expect(await edited.getByText('edited').count()).toBe(1);
    expect(await bar.isVisible()).toBe(false);
    // The bot's messages cannot be edited or deleted from the page.
    expect(await bubble(page, 'You said: helo').getByRole('button', { name: 'Edit' }).count()).toBe(
      0,
    );

    page.once('dialog', (dialog) => void dialog.accept());
    await edited.hover();
    await edited.getByRole('button', { name: 'Delete' }).click();
    await edited.waitFor({ state: 'detached' });
    const texts = [...(emu.world.chats()[0]?.messages.values() ?? [])].map((m) => m.text);
    expect(texts).not.toContain('hello');
  });

  it('sends a command clicked while an edit is open as a message of its own, leaving the edit alone', async () => {
    const { page, emu } = await start();
    await send(page, 'helo');
    await bubble(page, 'You said: helo').waitFor();
    await send(page, '/help');
    const answer = bubble(page, 'You said: /help');
    await answer.waitFor();
    const mine = bubble(page, /^helo/);
    await mine.hover();
    await mine.getByRole('button', { name: 'Edit' }).click();
    const bar = page.getByRole('group', { name: 'Editing' });
    await bar.getByText('helo').waitFor();

    // (Your own messages get their /commands marked, as in Telegram.)
    await bubble(page, /^\/help/)
      .getByRole('button', { name: '/help' })
      .click();
    await expect.poll(() => bubble(page, 'You said: /help').count()).toBe(2);
    const texts = [...(emu.world.chats()[0]?.messages.values() ?? [])].map((m) => m.text);
    expect(texts).toContain('helo');
    expect(texts.filter((t) => t === '/help')).toHaveLength(2);
    expect(await bar.isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('helo');
  });

  it('lists the bot’s commands for this chat after "/" and sends the picked one', async () => {
    const { page, emu, alice, account } = await start({
      before: async ({ emu: e, account: bot }) => {
        const set = (commands: [string, string][], scope: string): Promise<unknown> =>
          botCall(e.apiRoot, bot.token, 'setMyCommands', {
            commands: commands.map(([command, description]) => ({ command, description })),
            scope: { type: scope },
          });
        await set([['help', 'How this works']], 'default');
        await set(
          [
            ['start', 'Start over'],
            ['settings', 'Your settings'],
          ],
          'all_private_chats',
        );
      },
    });
    const list = page.getByRole('listbox', { name: 'Commands' });
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('/');
    await list.getByRole('option', { name: '/start' }).waitFor();
    expect(await list.getByRole('option').count()).toBe(2);
    await input.fill('/se');
    await list.getByRole('option', { name: '/start' }).waitFor({ state: 'detached' });
    await list.getByRole('option', { name: '/settings' }).click();
    await bubble(page, 'You said: /settings').waitFor();
    await list.waitFor({ state: 'hidden' });

    // The Menu button lists them too; in a group the default scope applies.
    await page.getByRole('button', { name: 'Bot commands' }).click();
    await list.getByText('Start over').waitFor();
    await page.getByRole('button', { name: 'Bot commands' }).click();
    await list.waitFor({ state: 'hidden' });
    emu.createGroup({ title: 'Helpers', type: 'group', members: [alice], bots: [account] });
    await page
      .getByRole('listbox', { name: 'Chats' })
      .getByRole('option', { name: /Helpers/ })
      .click();
    await page.getByRole('heading', { name: 'Helpers' }).waitFor();
    await input.fill('/');
    await list.getByRole('option', { name: '/help' }).waitFor();
    expect(await list.getByRole('option').count()).toBe(1);
  });

  it('sends a picked image as a photo, with the typed text as its caption', async () => {
    const { page } = await start();
    await page.getByRole('textbox', { name: 'Message' }).fill('my square');
    await page.locator('#file-input').setInputFiles({
      name: 'red.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await bubble(page, 'Got a 8x8 photo: my square').waitFor();
    const image = page.getByRole('img', { name: 'my square' });
    expect(await image.evaluate((img) => (img as unknown as { className: string }).className)).toBe(
      'photo',
    );
    await page.waitForFunction(
      "(() => { const img = document.querySelector('img.photo'); return img !== null && img.complete && img.naturalWidth === 8; })()",
    );
    expect(await page.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('');
  });

  it('sends any other file as a document', async () => {
    const { page } = await start();
    await page.locator('#file-input').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('buy milk\n'),
    });
    await bubble(page, 'Got notes.txt (9 bytes)').waitFor();
    expect(await bubble(page, /📄 notes\.txt/).getAttribute('class')).toContain('out');
  });
});
