import type { ManualClock } from '@delegram/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotSide, TOKEN } from '../support/botSide.js';

describe('HttpServer', () => {
  let side: BotSide;
  beforeEach(async () => {
    side = await new BotSide({ flood: true }).start();
  });
  afterEach(async () => {
    await side.stop();
  });

  describe('fault injection', () => {
    it('drops the connection without an answer', async () => {
      side.faults.set('getMe', { kind: 'drop', times: 1 });
      await expect(fetch(`${side.apiRoot}/bot${TOKEN}/getMe`)).rejects.toThrow();
      expect((await side.call('getMe')).body.ok).toBe(true);
    });

    it("answers 500 with Telegram's envelope", async () => {
      side.faults.set('getMe', { kind: 500 });
      const { status, body } = await side.call('getMe');
      expect(status).toBe(500);
      expect(body).toEqual({ ok: false, error_code: 500, description: 'Internal Server Error' });
    });

    it('answers 502 with a non-JSON page, as a gateway would', async () => {
      side.faults.set('getMe', { kind: 502 });
      const res = await fetch(`${side.apiRoot}/bot${TOKEN}/getMe`);
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toBe('text/html');
      expect(await res.text()).toContain('502 Bad Gateway');
    });

    it('answers a forced 429 with retry_after and the Retry-After header', async () => {
      side.faults.set('sendMessage', { kind: 429, retryAfter: 7 });
      const { status, headers, body } = await side.call('sendMessage', { chat_id: 1, text: 'x' });
      expect(status).toBe(429);
      expect(headers.get('retry-after')).toBe('7');
      expect(body).toEqual({
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 },
      });
      expect(side.sent).toEqual([]);
    });

    it('adds latency on the emulated clock', async () => {
      const clock = side.clock as ManualClock;
      side.faults.set('getMe', { kind: { latencyMs: 5000 } });
      let answered = false;
      const call = side.call('getMe').then((r) => ((answered = true), r));
      await expect.poll(() => clock.pending).toBe(1);
      await clock.advance(4999);
      expect(answered).toBe(false);
      await clock.advance(1);
      expect((await call).body.ok).toBe(true);
    });
  });

  describe('activeRequests', () => {
    it('counts requests being processed but not long polls waiting for updates', async () => {
      const clock = side.clock as ManualClock;
      const poll = side.call('getUpdates', { timeout: 50 });
      await expect.poll(() => side.bot().updates.polling).toBe(true);
      expect(side.server.activeRequests).toBe(0);
      side.faults.set('getMe', { kind: { latencyMs: 100 } });
      const slow = side.call('getMe');
      await expect.poll(() => side.server.activeRequests).toBe(1);
      await clock.advance(100);
      await slow;
      expect(side.server.activeRequests).toBe(0);
      side.bot().updates.push('message', { message_id: 1 }, 'chat:1');
      await poll;
    });
  });

  describe('flood control', () => {
    it('answers 429 with retry_after once a private chat sends too fast', async () => {
      for (let i = 0; i < 10; i++) {
        expect((await side.call('sendMessage', { chat_id: 5, text: `m${i}` })).status).toBe(200);
      }
      const { status, headers, body } = await side.call('sendMessage', {
        chat_id: 5,
        text: 'one more',
      });
      expect(status).toBe(429);
      expect(headers.get('retry-after')).toBe('1');
      expect(body).toEqual({
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      });
      expect((await side.call('sendMessage', { chat_id: 6, text: 'other chat' })).status).toBe(200);
      await (side.clock as ManualClock).advance(1000);
      expect((await side.call('sendMessage', { chat_id: 5, text: 'later' })).status).toBe(200);
    });

    it('does not count a call that failed', async () => {
      for (let i = 0; i < 12; i++) {
        const failed = await side.call('sendMessage', { chat_id: 5, text: 'fail' });
        expect(failed.body.description).toBe('Bad Request: chat not found');
      }
      expect((await side.call('sendMessage', { chat_id: 5, text: 'fine' })).status).toBe(200);
    });
  });
});
