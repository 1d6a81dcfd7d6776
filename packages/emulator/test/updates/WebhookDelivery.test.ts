import type { ManualClock } from '@delegram/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotSide } from '../support/botSide.js';
import { WebhookReceiver } from '../support/WebhookReceiver.js';

describe('WebhookDelivery', () => {
  let side: BotSide;
  let hook: WebhookReceiver;
  let clock: ManualClock;
  beforeEach(async () => {
    side = await new BotSide().start();
    clock = side.clock as ManualClock;
    hook = await new WebhookReceiver().start();
  });
  afterEach(async () => {
    await side.stop();
    await hook.stop();
  });
  const push = (chat: number, n: number): void => {
    side.bot().updates.push('message', { message_id: n, chat: { id: chat } }, `chat:${chat}`);
  };
  const info = async (): Promise<Record<string, unknown>> =>
    (await side.call('getWebhookInfo')).body.result as Record<string, unknown>;

  it('POSTs each update as JSON with the secret token header', async () => {
    await side.call('setWebhook', { url: hook.url, secret_token: 'S3cret_-x' });
    push(1, 10);
    const [got] = await hook.waitFor(1);
    expect(got!.headers['x-telegram-bot-api-secret-token']).toBe('S3cret_-x');
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.body).toEqual({ update_id: 1, message: { message_id: 10, chat: { id: 1 } } });
    got!.reply(200);
  });

  it('sends Basic authorization for a URL with user:password and leaves them out of the URL', async () => {
    const url = hook.url.replace('http://', 'http://bot%20user:p%40ss@');
    await side.call('setWebhook', { url });
    push(1, 10);
    const [got] = await hook.waitFor(1);
    expect(got!.headers.authorization).toBe(
      `Basic ${Buffer.from('bot user:p@ss').toString('base64')}`,
    );
    got!.reply(200);
    expect((await info()).url).toBe(url);
  });

  it('sends one update at a time per chat, in order, and chats side by side', async () => {
    await side.call('setWebhook', { url: hook.url });
    push(1, 1);
    push(1, 2);
    push(2, 3);
    const firstTwo = [...(await hook.waitFor(2))];
    // The two chats' requests run side by side, so they may arrive in either order.
    expect(firstTwo.map((r) => r.body.update_id).sort()).toEqual([1, 3]);
    expect(hook.received.length).toBe(2);
    firstTwo.find((r) => r.body.update_id === 1)!.reply(200);
    const all = await hook.waitFor(3);
    expect(all[2]!.body.update_id).toBe(2);
    firstTwo.find((r) => r.body.update_id === 3)!.reply(200);
    all[2]!.reply(200);
  });

  it('keeps at most max_connections chats in flight', async () => {
    await side.call('setWebhook', { url: hook.url, max_connections: 1 });
    push(1, 1);
    push(2, 2);
    const [first] = await hook.waitFor(1);
    expect((await info()).pending_update_count).toBe(2);
    expect(hook.received.length).toBe(1);
    first!.reply(204);
    const all = await hook.waitFor(2);
    expect(all[1]!.body.update_id).toBe(2);
    all[1]!.reply(200);
  });

  it('retries a failed update at once, then after 2 and 4 seconds, reporting the last error', async () => {
    await side.call('setWebhook', { url: hook.url });
    push(1, 1);
    (await hook.waitFor(1))[0]!.reply(500, 'oops');
    (await hook.waitFor(2))[1]!.reply(502);
    await expect.poll(async () => (await info()).last_error_message).toContain('502');
    expect(await info()).toMatchObject({
      url: hook.url,
      pending_update_count: 1,
      last_error_date: Math.floor(clock.now() / 1000),
      last_error_message: 'Wrong response from the webhook: 502 Bad Gateway',
      max_connections: 40,
    });
    await clock.advance(1999);
    expect(hook.received.length).toBe(2);
    await clock.advance(1);
    (await hook.waitFor(3))[2]!.reply(503);
    await expect.poll(async () => (await info()).last_error_message).toContain('503');
    await clock.advance(3999);
    expect(hook.received.length).toBe(3);
    await clock.advance(1);
    const all = await hook.waitFor(4);
    expect(all.every((r) => r.body.update_id === 1)).toBe(true);
    all[3]!.reply(200);
    await expect.poll(async () => (await info()).pending_update_count).toBe(0);
  });

  it("waits for the webhook's Retry-After instead of the back-off", async () => {
    await side.call('setWebhook', { url: hook.url });
    push(1, 1);
    (await hook.waitFor(1))[0]!.reply(429, '', { 'retry-after': '30' });
    await expect
      .poll(async () => (await info()).last_error_message)
      .toBe('Wrong response from the webhook: 429 Too Many Requests');
    await clock.advance(29_999);
    expect(hook.received.length).toBe(1);
    await clock.advance(1);
    (await hook.waitFor(2))[1]!.reply(200);
  });

  it('keeps retrying undisturbed when the same webhook is set again', async () => {
    await side.call('setWebhook', { url: hook.url });
    push(1, 1);
    (await hook.waitFor(1))[0]!.reply(500);
    (await hook.waitFor(2))[1]!.reply(502);
    await expect.poll(async () => (await info()).last_error_message).toContain('502');
    expect((await side.call('setWebhook', { url: hook.url })).body.description).toBe(
      'Webhook is already set',
    );
    expect((await info()).last_error_message).toContain('502');
    await clock.advance(2000);
    (await hook.waitFor(3))[2]!.reply(200);
    await expect.poll(async () => (await info()).pending_update_count).toBe(0);
  });

  it('reports a connection failure and keeps the update queued', async () => {
    const closed = await new WebhookReceiver().start();
    await closed.stop();
    await side.call('setWebhook', { url: closed.url });
    push(1, 1);
    await expect.poll(async () => (await info()).last_error_message).toBe('Connection refused');
    expect((await info()).pending_update_count).toBe(1);
  });

  it('drops an update whose next attempt would fall after its expiry', async () => {
    const failing = await new WebhookReceiver((r) =>
      r.reply(500, '', { 'retry-after': '3600' }),
    ).start();
    try {
      await side.call('setWebhook', { url: failing.url });
      push(1, 1);
      await failing.waitFor(1);
      await expect.poll(async () => (await info()).last_error_message).toContain('500');
      expect((await info()).pending_update_count).toBe(1);
      await clock.advance(23 * 3600_000);
      await failing.waitFor(2);
      await expect.poll(async () => (await info()).pending_update_count).toBe(0);
      expect(clock.pending).toBe(0);
    } finally {
      await failing.stop();
    }
  });

  it('executes a method carried in the reply body, JSON or urlencoded', async () => {
    await side.call('setWebhook', { url: hook.url });
    push(1, 1);
    push(2, 2);
    push(3, 3);
    const [a, b, c] = await hook.waitFor(3);
    a!.reply(200, JSON.stringify({ method: 'sendMessage', chat_id: 1, text: 'from reply' }), {
      'content-type': 'application/json',
    });
    b!.reply(200, 'method=SENDMESSAGE&chat_id=2&text=form', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    c!.reply(200, JSON.stringify({ method: 'getMe' }), { 'content-type': 'application/json' });
    await expect.poll(() => side.sent.length).toBe(2);
    expect(side.sent).toEqual(
      expect.arrayContaining([
        { chat_id: 1, text: 'from reply' },
        { chat_id: 2, text: 'form' },
      ]),
    );
    await expect.poll(async () => (await info()).pending_update_count).toBe(0);
  });

  it('stops delivering on deleteWebhook and leaves the updates to getUpdates', async () => {
    await side.call('setWebhook', { url: hook.url });
    push(1, 1);
    await hook.waitFor(1);
    expect((await side.call('deleteWebhook')).body).toEqual({
      ok: true,
      result: true,
      description: 'Webhook was deleted',
    });
    hook.received[0]!.reply(200);
    const polled = await side.call('getUpdates');
    expect(polled.body.result).toEqual([
      { update_id: 1, message: { message_id: 1, chat: { id: 1 } } },
    ]);
    expect(await info()).toEqual({
      url: '',
      has_custom_certificate: false,
      pending_update_count: 1,
    });
  });
});
