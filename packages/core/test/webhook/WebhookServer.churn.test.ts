import type { Socket } from 'node:net';
import { ManualClock } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/Bot.js';
import { WebhookServer } from '../../src/webhook/WebhookServer.js';
import { FakeTelegram } from '../support/FakeTelegram.js';
import { rawConnect, readAnswer, requestHead } from '../support/rawHttp.js';
import { textMessage } from '../support/updates.js';

const SECRET = 'S3cret_token-1';
const MAX = 64 * 1024;
const PER_KIND = Number(process.env['CHURN_CONNECTIONS'] ?? 100);

const headers = (length: number): Record<string, string | number> => ({
  'x-telegram-bot-api-secret-token': SECRET,
  'content-type': 'application/json',
  'content-length': length,
  connection: 'keep-alive',
});

describe('WebhookServer under connection churn', () => {
  it('keeps memory bounded with many half-open, slow and aborted uploads, and stops promptly', async () => {
    let handled = 0;
    const bot = new Bot(new FakeTelegram().asApi(), { clock: new ManualClock() });
    const server = new WebhookServer(bot, {
      secretToken: SECRET,
      maxBodyBytes: MAX,
      handler: () => void (handled += 1),
    });
    const { port } = await server.start();
    const open: Socket[] = [];
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    for (let round = 0; round < 3; round++) {
      const early: Promise<number>[] = [];
      for (let i = 0; i < PER_KIND; i++) {
        // half-open: headers never finished
        const halfOpen = await rawConnect(port);
        halfOpen.write('POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: appl');
        open.push(halfOpen);
        // slow upload: promises 60 KiB, sends 1 KiB
        const slow = await rawConnect(port);
        slow.write(requestHead('/', headers(60 * 1024)) + 'x'.repeat(1024));
        open.push(slow);
        // over the limit on a kept-alive connection: answered 413 at once, rest never sent
        const big = await rawConnect(port);
        big.write(requestHead('/', headers(10 * MAX)) + '{"update_id":');
        early.push(readAnswer(big).then((a) => a.status));
        open.push(big);
        // aborted mid-body
        const aborted = await rawConnect(port);
        aborted.write(requestHead('/', headers(2048)) + 'y'.repeat(512));
        aborted.destroy();
      }
      expect(new Set(await Promise.all(early))).toEqual(new Set([413]));
    }
    // Still serving in the middle of all that.
    const good = JSON.stringify({ update_id: 1, message: textMessage('ok') });
    const socket = await rawConnect(port);
    socket.write(requestHead('/', headers(Buffer.byteLength(good))) + good);
    expect((await readAnswer(socket)).status).toBe(200);
    expect(handled).toBe(1);
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    const started = performance.now();
    await server.stop();
    const stopMs = performance.now() - started;
    const closed = await Promise.all(
      open.map(
        (s) =>
          new Promise<boolean>((resolve) => {
            if (s.destroyed) return resolve(true);
            s.once('close', () => resolve(true));
            setTimeout(() => resolve(false), 1000);
          }),
      ),
    );
    for (const s of [...open, socket]) s.destroy();
    if (process.env['CHURN_REPORT'] !== undefined) {
      process.stderr.write(
        `churn: ${open.length + 3 * PER_KIND} connections, heap +${(heapGrowth / 2 ** 20).toFixed(1)} MiB, ` +
          `rss +${(rssGrowth / 2 ** 20).toFixed(1)} MiB, stop() ${stopMs.toFixed(1)} ms\n`,
      );
    }
    // 3 x 100 slow uploads hold 1 KiB each; nothing buffers past maxBodyBytes per connection.
    expect(heapGrowth).toBeLessThan(48 * 2 ** 20);
    expect(stopMs).toBeLessThan(500);
    expect(closed.every(Boolean)).toBe(true);
  });
});
