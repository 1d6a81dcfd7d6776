import type { ManualClock } from '@delegram/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotSide, TOKEN } from '../support/botSide.js';

describe('update methods', () => {
  let side: BotSide;
  let clock: ManualClock;
  beforeEach(async () => {
    side = await new BotSide().start();
    clock = side.clock as ManualClock;
  });
  afterEach(async () => {
    await side.stop();
  });
  const push = (n: number): void => {
    side.bot().updates.push('message', { message_id: n }, 'chat:1');
  };

  describe('getUpdates over HTTP', () => {
    it('answers a long poll as soon as an update arrives', async () => {
      const poll = side.call('getUpdates', { timeout: 50 });
      await expect.poll(() => side.bot().updates.polling).toBe(true);
      push(1);
      expect((await poll).body).toEqual({
        ok: true,
        result: [{ update_id: 1, message: { message_id: 1 } }],
      });
    });

    it('answers the earlier of two waiting polls with 409', async () => {
      const first = side.call('getUpdates', { timeout: 50 });
      await expect.poll(() => side.bot().updates.polling).toBe(true);
      const second = side.fetchJson(`/bot${TOKEN}/getUpdates?timeout=50`);
      const { status, body } = await first;
      expect(status).toBe(409);
      expect(body.description).toBe(
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      );
      push(1);
      expect((await second).body.result).toHaveLength(1);
    });

    it('ends a waiting poll when the client disconnects', async () => {
      const controller = new AbortController();
      const poll = fetch(`${side.apiRoot}/bot${TOKEN}/getUpdates?timeout=50`, {
        signal: controller.signal,
      });
      await expect.poll(() => side.bot().updates.polling).toBe(true);
      controller.abort();
      await expect(poll).rejects.toThrow();
      await expect.poll(() => side.bot().updates.polling).toBe(false);
      expect(clock.pending).toBe(0);
    });
  });

  describe('setWebhook', () => {
    const hook = 'http://127.0.0.1:1/hook';

    it('says whether the webhook was set or already set', async () => {
      expect((await side.call('setWebhook', { url: hook })).body).toEqual({
        ok: true,
        result: true,
        description: 'Webhook was set',
      });
      expect((await side.call('setWebhook', { url: hook })).body.description).toBe(
        'Webhook is already set',
      );
      expect(
        (await side.call('setWebhook', { url: hook, max_connections: 5 })).body.description,
      ).toBe('Webhook was set');
    });

    it('refuses URLs Telegram refuses but allows plain http on loopback', async () => {
      const description = async (url: string): Promise<unknown> =>
        (await side.call('setWebhook', { url })).body.description;
      expect(await description('ftp://example.com/x')).toBe(
        'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
      );
      expect(await description('http://example.com/x')).toBe(
        'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
      );
      expect(await description('not a url')).toBe(
        'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
      );
      expect(await description('https://example.com:9000/x')).toBe(
        'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443',
      );
      expect(await description('https://example.com:8443/x')).toBe('Webhook was set');
      expect(await description('http://localhost:9000/x')).toBe('Webhook was set');
    });

    it('checks the secret token', async () => {
      expect(
        (await side.call('setWebhook', { url: hook, secret_token: 'a'.repeat(257) })).body
          .description,
      ).toBe('Bad Request: secret token is too long');
      expect(
        (await side.call('setWebhook', { url: hook, secret_token: 'no spaces' })).body.description,
      ).toBe('Bad Request: secret token contains unallowed characters');
    });

    it('reports its settings in getWebhookInfo, clamping max_connections', async () => {
      push(1);
      await side.call('setWebhook', {
        url: 'http://127.0.0.1:1/h',
        max_connections: 1000,
        allowed_updates: ['message', 'callback_query'],
        ip_address: '10.0.0.1',
      });
      expect((await side.call('getWebhookInfo')).body.result).toMatchObject({
        url: 'http://127.0.0.1:1/h',
        has_custom_certificate: false,
        pending_update_count: 1,
        max_connections: 100,
        ip_address: '10.0.0.1',
        allowed_updates: ['message', 'callback_query'],
      });
    });

    it('reports an uploaded certificate', async () => {
      const form = new FormData();
      form.append('url', 'https://example.com/hook');
      form.append('certificate', new Blob(['-----BEGIN CERTIFICATE-----']), 'cert.pem');
      await side.fetchJson(`/bot${TOKEN}/setWebhook`, { method: 'POST', body: form });
      expect((await side.call('getWebhookInfo')).body.result).toMatchObject({
        url: 'https://example.com/hook',
        has_custom_certificate: true,
      });
      await side.call('deleteWebhook');
    });

    it('drops pending updates when asked', async () => {
      push(1);
      push(2);
      await side.call('setWebhook', { url: hook, drop_pending_updates: true });
      expect((await side.call('getWebhookInfo')).body.result).toMatchObject({
        pending_update_count: 0,
      });
    });

    it('ends a waiting long poll with 409', async () => {
      const poll = side.call('getUpdates', { timeout: 50 });
      await expect.poll(() => side.bot().updates.polling).toBe(true);
      await side.call('setWebhook', { url: hook });
      expect((await poll).body).toEqual({
        ok: false,
        error_code: 409,
        description: 'Conflict: terminated by setWebhook request',
      });
    });

    it('removes the webhook when the URL is empty, like deleteWebhook', async () => {
      await side.call('setWebhook', { url: hook });
      expect((await side.call('setWebhook', { url: '' })).body.description).toBe(
        'Webhook was deleted',
      );
      expect((await side.call('deleteWebhook')).body.description).toBe(
        'Webhook is already deleted',
      );
    });
  });

  describe('deleteWebhook', () => {
    it('drops pending updates only when asked', async () => {
      push(1);
      await side.call('deleteWebhook');
      expect((await side.call('getUpdates')).body.result).toHaveLength(1);
      await side.call('deleteWebhook', { drop_pending_updates: true });
      expect((await side.call('getUpdates')).body.result).toEqual([]);
    });
  });

  describe('close and logOut', () => {
    it('refuses close with 429 in the first 10 minutes after launch', async () => {
      await clock.advance(60_000);
      const early = await side.call('close');
      expect(early.status).toBe(429);
      expect(early.headers.get('retry-after')).toBe('540');
      expect(early.body).toEqual({
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 540',
        parameters: { retry_after: 540 },
      });
      await clock.advance(540_000);
      expect((await side.call('close')).body).toEqual({ ok: true, result: true });
    });

    it('logs the bot out: calls answer 401 for 10 minutes', async () => {
      expect((await side.call('logOut')).body).toEqual({ ok: true, result: true });
      expect((await side.call('getMe')).body).toEqual({
        ok: false,
        error_code: 401,
        description: 'Unauthorized',
      });
      await clock.advance(600_000);
      expect((await side.call('getMe')).body.ok).toBe(true);
    });
  });
});
