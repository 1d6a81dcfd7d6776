import { getEventListeners, once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { AbortError } from '../src/AbortError.js';
import { Api } from '../src/Api.js';
import type { FetchRequestInit } from '../src/FetchLike.js';
import { HttpError } from '../src/HttpError.js';
import { NotFoundError } from '../src/TelegramError.js';
import { fail, ok, startBotServer } from './support/botServer.js';
import type { BotServer } from './support/botServer.js';

const TOKEN = '123456:AAE-test_token_value_0123456789abcd';
const CONTENT = Buffer.alloc(300_000, 7);

let dir = '';
let server: BotServer | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'delegram-download-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server with one file, `documents/file_1.pdf`; `mode` picks how the file GET behaves. */
async function serve(mode: 'ok' | 'missing' | 'cut' | 'stall' = 'ok', test = false) {
  server = await startBotServer((r, res) => {
    if (r.path.endsWith('/getFile')) {
      const { file_id } = JSON.parse(r.body.toString()) as { file_id: string };
      ok(res, {
        file_id,
        file_unique_id: 'u1',
        file_size: CONTENT.length,
        file_path: 'documents/file_1.pdf',
      });
    } else if (r.path === `/file/bot${TOKEN}${test ? '/test' : ''}/documents/file_1.pdf`) {
      if (mode === 'missing') return fail(res, 404, 'Not Found');
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': CONTENT.length });
      if (mode === 'ok') {
        res.end(CONTENT);
        return;
      }
      res.write(CONTENT.subarray(0, 1000));
      if (mode === 'cut') res.socket?.destroy();
    } else {
      fail(res, 404, 'Not Found');
    }
  });
  return new Api(TOKEN, { apiRoot: server.apiRoot, testEnvironment: test });
}

describe('Api downloads', () => {
  it('downloads to a path through getFile and the file URL', async () => {
    const api = await serve();
    const target = join(dir, 'a.pdf');
    const file = await api.downloadFile('FILEID', target);
    expect(file).toMatchObject({ file_id: 'FILEID', file_path: 'documents/file_1.pdf' });
    expect((await readFile(target)).equals(CONTENT)).toBe(true);
    expect(server!.requests.map((r) => `${r.httpMethod} ${r.path}`)).toEqual([
      `POST /bot${TOKEN}/getFile`,
      `GET /file/bot${TOKEN}/documents/file_1.pdf`,
    ]);
  });

  it('uses the test environment file URL', async () => {
    const api = await serve('ok', true);
    const stream = await api.fileStream('FILEID');
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(CONTENT)).toBe(true);
  });

  it('writes into a given stream and leaves it open', async () => {
    const api = await serve();
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    await api.downloadFile('FILEID', sink);
    expect(Buffer.concat(chunks).equals(CONTENT)).toBe(true);
    expect(sink.writableEnded).toBe(false);
    sink.end('more');
  });

  it('fails instead of hanging when the given stream closes before the end', async () => {
    const api = await serve();
    // A slow reader that goes away (a web client that disconnects): it closes, without an error.
    const sink = new Writable({ highWaterMark: 1024, write: () => undefined });
    const pending = api.downloadFile('FILEID', sink).catch((e: unknown) => e);
    setTimeout(() => sink.destroy(), 50);
    const stalled = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2_000));
    expect(await Promise.race([pending, stalled])).toMatchObject({
      code: 'ERR_STREAM_PREMATURE_CLOSE',
    });
  });

  it('throws NotFoundError for a missing file and removes the partial target', async () => {
    const api = await serve('missing');
    const target = join(dir, 'missing.pdf');
    const error = await api.downloadFile('FILEID', target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ method: 'download', errorCode: 404 });
    expect(existsSync(target)).toBe(false);
  });

  it('reports a cut connection as HttpError and leaves the target as it was', async () => {
    const api = await serve('cut');
    const target = join(dir, 'cut.pdf');
    await writeFile(target, 'old');
    const error = await api.downloadFile('FILEID', target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as Error).message).not.toContain(TOKEN);
    expect(await readFile(target, 'utf8')).toBe('old');
    expect((await readdir(dir)).filter((name) => name.includes('.part'))).toEqual([]);
  });

  it('stops a stalled download when the signal fires', async () => {
    const api = await serve('stall');
    const controller = new AbortController();
    const stream = await api.fileStream('FILEID', controller.signal);
    const reading = (async () => {
      for await (const chunk of stream) {
        expect((chunk as Buffer).length).toBeGreaterThan(0);
        controller.abort();
      }
    })();
    expect(await reading.catch((e: unknown) => e)).toBeInstanceOf(AbortError);
  });

  it('stops a stalled download on the global fetch when the signal fires', async () => {
    await serve('stall');
    const api = new Api(TOKEN, {
      apiRoot: server!.apiRoot,
      fetch: (url, init) => globalThis.fetch(url, init),
    });
    const controller = new AbortController();
    const stream = await api.fileStream('FILEID', controller.signal);
    const reading = (async () => {
      for await (const chunk of stream) {
        expect((chunk as Buffer).length).toBeGreaterThan(0);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    const stalled = new Promise((resolve) => setTimeout(() => resolve('still reading'), 2_000));
    expect(await Promise.race([reading, stalled])).toBeInstanceOf(AbortError);
  });

  it('lets go of the signal when a file stream is destroyed before it is read', async () => {
    const api = await serve();
    const controller = new AbortController();
    const stream = await api.fileStream('f1', controller.signal);
    stream.destroy();
    await once(stream, 'close');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const read = await api.fileStream('f1', controller.signal);
    for await (const chunk of read) void chunk;
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it.each([
    ['node-fetch', undefined],
    ['the global fetch', (url: string, init: FetchRequestInit) => globalThis.fetch(url, init)],
  ] as const)(
    'closes the connection when a file stream is left before its end (%s)',
    async (_, fetch) => {
      let closed!: () => void;
      const connectionClosed = new Promise<string>((resolve) => (closed = () => resolve('closed')));
      server = await startBotServer((r, res, req) => {
        if (r.path.endsWith('/getFile')) {
          ok(res, { file_id: 'F', file_unique_id: 'u', file_path: 'videos/big.mp4' });
          return;
        }
        req.socket.once('close', () => closed());
        res.writeHead(200, { 'content-length': 50_000_000 });
        res.write(Buffer.alloc(1_000_000));
      });
      const api = new Api(TOKEN, { apiRoot: server.apiRoot, ...(fetch ? { fetch } : {}) });
      const stream = await api.fileStream('F');
      for await (const chunk of stream) {
        expect((chunk as Buffer).length).toBeGreaterThan(0);
        break; // e.g. only the first bytes were needed, to sniff the format
      }
      const open = new Promise<string>((resolve) => setTimeout(() => resolve('open'), 2_000));
      expect(await Promise.race([connectionClosed, open])).toBe('closed');
    },
  );

  it('reads an absolute file_path from disk, as a local Bot API server answers', async () => {
    const local = join(dir, 'local-server-file.bin');
    await writeFile(local, 'local bytes');
    server = await startBotServer((_, res) =>
      ok(res, { file_id: 'F', file_unique_id: 'u', file_path: local }),
    );
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    const target = join(dir, 'copy.bin');
    await api.downloadFile('F', target);
    expect(await readFile(target, 'utf8')).toBe('local bytes');
    expect(server.requests).toHaveLength(1);
  });

  it('gives an AbortError when the signal stops reading a file from disk', async () => {
    const local = join(dir, 'local-aborted.bin');
    await writeFile(local, CONTENT);
    server = await startBotServer((_, res) =>
      ok(res, { file_id: 'F', file_unique_id: 'u', file_path: local }),
    );
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    const controller = new AbortController();
    const stream = await api.fileStream('F', controller.signal);
    controller.abort(new Error('stop'));
    const error = await (async () => {
      for await (const chunk of stream) void chunk;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ method: 'download', cause: new Error('stop') });
  });

  it('rejects a destination that is neither a path nor a stream', async () => {
    const api = await serve();
    await expect(api.downloadFile('FILEID', 42 as never)).rejects.toThrow(
      /file path or a writable stream/,
    );
    expect(server!.requests).toHaveLength(0);
  });
});
