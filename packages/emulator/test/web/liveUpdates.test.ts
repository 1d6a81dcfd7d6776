// What the bot does on its own, seen live on the chat page in headless Chromium: the typing
// indicator and its clearing, invoices paid through the payment flow, edits and deletions.
import { describe, expect, it } from 'vitest';
import { botCall } from '../helpers/rawBot.js';
import { bubble, messageLog, type PageWorld, pageWorlds, send } from './pageHarness.js';
import { startPageBot } from './pageBot.js';

describe('chat page live updates', () => {
  const start = pageWorlds(startPageBot);

  /** Calls a Bot API method as the bot, in Alice's private chat. */
  function asBot(w: PageWorld, method: string, params: Record<string, unknown> = {}) {
    return botCall<{ message_id: number }>(w.emu.apiRoot, w.account.token, method, {
      chat_id: w.alice.id,
      ...params,
    });
  }

  it('shows "typing…" after sendChatAction and clears it when the bot’s message arrives', async () => {
    const w = await start();
    const status = w.page.locator('#chat-status');
    expect(await status.textContent()).toBe('bot');
    await asBot(w, 'sendChatAction', { action: 'typing' });
    await w.page.getByText('typing…').waitFor();
    expect(await status.getAttribute('class')).toContain('typing');
    await asBot(w, 'sendMessage', { text: 'Here I am' });
    await bubble(w.page, 'Here I am').waitFor();
    await w.page.getByText('typing…').waitFor({ state: 'detached' });
    expect(await status.textContent()).toBe('bot');
  });

  it('clears a chat action by itself after five seconds, as Telegram does', async () => {
    const w = await start({ before: ({ page }) => page.clock.install() });
    await asBot(w, 'sendChatAction', { action: 'upload_photo' });
    const status = w.page.locator('#chat-status');
    await w.page.getByText('upload photo…').waitFor();
    await w.page.clock.runFor(4_000);
    expect(await status.textContent()).toBe('upload photo…');
    await w.page.clock.runFor(1_500);
    await w.page.getByText('upload photo…').waitFor({ state: 'detached' });
    expect(await status.textContent()).toBe('bot');
  });

  it('pays an invoice with its Pay button and shows the successful payment', async () => {
    const w = await start();
    await send(w.page, 'invoice');
    const invoice = bubble(w.page, 'Coffee');
    await invoice.getByText('A large flat white').waitFor();
    expect(await invoice.getByText('€3.50', { exact: true }).count()).toBe(1);
    await invoice.getByRole('button', { name: 'Pay €3.50' }).click();

    const paid = bubble(w.page, 'Paid €3.50');
    await paid.waitFor();
    expect(await paid.getAttribute('class')).toContain('out');
    await bubble(w.page, 'Thanks for paying, Alice!').waitFor();
    await w.page.getByRole('status', { name: 'Notifications' }).getByText('Payment sent').waitFor();
    const history = w.emu.world.chats()[0]?.messages;
    expect([...(history?.values() ?? [])].some((m) => m.successful_payment !== undefined)).toBe(
      true,
    );
  });

  it('shows the bot’s refusal at pre-checkout instead of a receipt', async () => {
    const w = await start();
    await send(w.page, 'tea');
    await bubble(w.page, 'Green tea').getByRole('button', { name: 'Pay €2.00' }).click();
    await w.page
      .getByRole('status', { name: 'Notifications' })
      .getByText(/Sorry, no tea left/)
      .waitFor();
    expect(await bubble(w.page, 'Paid €2.00').count()).toBe(0);
  });

  it('catches up on what happened while its connection was down', async () => {
    const w = await start();
    const kept = await asBot(w, 'sendMessage', { text: 'Still here' });
    const gone = await asBot(w, 'sendMessage', { text: 'Soon deleted' });
    await bubble(w.page, 'Soon deleted').waitFor();

    // Drop the page's event stream and keep it from reconnecting for a while.
    await w.page.route('**/control/events*', (route) => route.abort());
    (w.emu as unknown as { routes: { close(): void } }).routes.close();
    await w.page.locator('body.offline').waitFor({ state: 'attached' });
    await asBot(w, 'sendMessage', { text: 'Missed you' });
    await asBot(w, 'deleteMessage', { message_id: gone.message_id });
    await asBot(w, 'editMessageText', { message_id: kept.message_id, text: 'Still here, edited' });
    await asBot(w, 'sendMessage', { text: 'Now pick', reply_markup: { keyboard: [['Yes']] } });
    await w.page.unroute('**/control/events*');

    await bubble(w.page, 'Missed you').waitFor();
    await bubble(w.page, 'Soon deleted').waitFor({ state: 'detached' });
    await bubble(w.page, 'Still here, edited').waitFor();
    await w.page
      .getByRole('group', { name: 'Reply keyboard' })
      .getByRole('button', { name: 'Yes' })
      .waitFor();
    await w.page.locator('body.offline').waitFor({ state: 'detached' });
  });

  it('opens a new event stream when an answer was not one (the browser gives those up)', async () => {
    const w = await start();
    await asBot(w, 'sendMessage', { text: 'Before' });
    await bubble(w.page, 'Before').waitFor();

    // Every stream request now gets a 503 page, which makes EventSource close for good.
    let refused = 0;
    await w.page.route('**/control/events*', (route) => {
      refused += 1;
      return route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>Restarting</h1>' });
    });
    (w.emu as unknown as { routes: { close(): void } }).routes.close();
    await w.page.locator('body.offline').waitFor({ state: 'attached' });
    await asBot(w, 'sendMessage', { text: 'While refused' });
    await expect.poll(() => refused, { timeout: 10_000 }).toBeGreaterThan(0);
    await w.page.unroute('**/control/events*');

    await bubble(w.page, 'While refused').waitFor();
    await w.page.locator('body.offline').waitFor({ state: 'detached' });
    await asBot(w, 'sendMessage', { text: 'Live again' });
    await bubble(w.page, 'Live again').waitFor();
  });

  it('keeps the edits and deletions that arrive while the chat’s history loads', async () => {
    const w = await start();
    const old = await asBot(w, 'sendMessage', { text: 'Old news' });
    const draft = await asBot(w, 'sendMessage', {
      text: 'Draft',
      reply_markup: { inline_keyboard: [[{ text: 'Vote', callback_data: 'vote' }]] },
    });
    await bubble(w.page, 'Draft').waitFor();

    // Reload; the history the page asks for is taken now but handed over only after the bot
    // deleted one message and edited the other (the page sees both live meanwhile).
    await w.page.route(
      '**/control/chats/*/messages',
      async (route) => {
        const response = await route.fetch();
        await asBot(w, 'deleteMessage', { message_id: old.message_id });
        await asBot(w, 'editMessageText', { message_id: draft.message_id, text: 'Final' });
        await asBot(w, 'sendMessage', { text: 'Marker' });
        await bubble(w.page, 'Marker').waitFor();
        await route.fulfill({ response });
      },
      { times: 1 },
    );
    await w.page.reload();
    await bubble(w.page, 'Final').waitFor();
    await bubble(w.page, 'Marker').waitFor();
    expect(await bubble(w.page, 'Old news').count()).toBe(0);
    expect(await bubble(w.page, 'Draft').count()).toBe(0);
    expect(await w.page.getByRole('button', { name: 'Vote' }).count()).toBe(0);
  });

  it('closes the reply bar when the message it replies to is deleted', async () => {
    const w = await start();
    const doomed = await asBot(w, 'sendMessage', { text: 'Reply to me' });
    const target = bubble(w.page, 'Reply to me');
    await target.hover();
    await target.getByRole('button', { name: 'Reply' }).click();
    const bar = w.page.getByRole('group', { name: 'Replying to' });
    await bar.getByText('Reply to me').waitFor();

    await asBot(w, 'deleteMessage', { message_id: doomed.message_id });
    await target.waitFor({ state: 'detached' });
    await bar.waitFor({ state: 'hidden' });
    // The next message is a plain one, not a reply to a message that is gone.
    await send(w.page, 'still there?');
    await bubble(w.page, 'You said: still there?').waitFor();
  });

  it('presses the inline button clicked, even when its callback data is another button’s text', async () => {
    const w = await start();
    await asBot(w, 'sendMessage', {
      text: 'Page 2 of 3',
      reply_markup: {
        inline_keyboard: [
          [
            { text: 'Back', callback_data: '1' },
            { text: '1', callback_data: 'first' },
            { text: 'Next', callback_data: '3' },
          ],
        ],
      },
    });
    const pager = bubble(w.page, 'Page 2 of 3');
    const toasts = w.page.getByRole('status', { name: 'Notifications' });
    await pager.getByRole('button', { name: 'Back' }).click();
    await toasts.getByText('Pressed 1', { exact: true }).waitFor();
    await pager.getByRole('button', { name: '1', exact: true }).click();
    await toasts.getByText('Pressed first', { exact: true }).waitFor();
    await pager.getByRole('button', { name: 'Next' }).click();
    await toasts.getByText('Pressed 3', { exact: true }).waitFor();
  });

  it('opens the URL of a callback answer', async () => {
    const w = await start({
      before: async ({ page }) => {
        await page.addInitScript(
          'window.opened = []; window.open = (url) => { window.opened.push(String(url)); return null; };',
        );
      },
    });
    await asBot(w, 'sendMessage', {
      text: 'Games',
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Play', callback_data: 'open https://t.me/page_bot?start=play' }],
        ],
      },
    });
    await bubble(w.page, 'Games').getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(() => w.page.evaluate('window.opened'))
      .toEqual(['https://t.me/page_bot?start=play']);
  });

  it('shows the bot’s edits and deletions live, without a reload', async () => {
    const w = await start();
    const first = await asBot(w, 'sendMessage', { text: 'Draft one' });
    const second = await asBot(w, 'sendMessage', {
      text: 'Draft two',
      reply_markup: { inline_keyboard: [[{ text: 'Vote', callback_data: 'vote' }]] },
    });
    await bubble(w.page, 'Draft two').getByRole('button', { name: 'Vote' }).waitFor();

    await asBot(w, 'editMessageText', { message_id: first.message_id, text: 'Final one' });
    const edited = bubble(w.page, 'Final one');
    await edited.waitFor();
    expect(await edited.getByText('edited').count()).toBe(1);
    expect(await bubble(w.page, 'Draft one').count()).toBe(0);

    await asBot(w, 'editMessageReplyMarkup', { message_id: second.message_id });
    await bubble(w.page, 'Draft two').getByRole('button', { name: 'Vote' }).waitFor({
      state: 'detached',
    });

    await asBot(w, 'deleteMessages', { message_ids: [first.message_id, second.message_id] });
    await bubble(w.page, 'Final one').waitFor({ state: 'detached' });
    await bubble(w.page, 'Draft two').waitFor({ state: 'detached' });
    expect(await messageLog(w.page).getByRole('listitem').count()).toBe(0);
  });
});
