import { mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { createReadStream, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleepMs } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { Api } from '../src/Api.js';
import { InputFile } from '../src/InputFile.js';
import { InputFileError } from '../src/InputFileError.js';
import { AbortError } from '../src/AbortError.js';
import { HttpError } from '../src/HttpError.js';
import { TelegramError } from '../src/TelegramError.js';
import { fail, field, ok, parseMultipart, startBotServer } from './support/botServer.js';
import type { BotServer } from './support/botServer.js';

const TOKEN = '123456:AAE-test_token_value_0123456789abcd';

let dir = '';
let server: BotServer;
let api: Api;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'delegram-upload-'));
  await writeFile(join(dir, 'cat.jpg'), Buffer.from('JPEG-BYTES'));
  await writeFile(join(dir, 'notes.txt'), 'hello notes');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await server.close();
});

async function serve(): Promise<void> {
  server = await startBotServer((_, res) => ok(res, { message_id: 1 }));
  api = new Api(TOKEN, { apiRoot: server.apiRoot });
}

function lastParts() {
  const request = server.requests.at(-1)!;
  expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  return parseMultipart(request);
}

describe('Api uploads', () => {
  it('sends a file from a path as a part named after its field', async () => {
    await serve();
    await api.sendPhoto(42, new InputFile(join(dir, 'cat.jpg')), { caption: 'a cat' });
    const parts = lastParts();
    expect(parts.map((p) => p.name)).toEqual(['chat_id', 'caption', 'photo']);
    expect(field(parts, 'chat_id')).toBe('42');
    expect(field(parts, 'caption')).toBe('a cat');
    const photo = parts[2]!;
    expect(photo.filename).toBe('cat.jpg');
    expect(photo.contentType).toBe('image/jpeg');
    expect(photo.data.toString()).toBe('JPEG-BYTES');
  });

  it('sends bytes, a Readable and an async iterable, with given or guessed names', async () => {
    await serve();
    await api.sendDocument(1, new InputFile(Buffer.from('a,b\n'), { filename: 'data.csv' }));
    await api.sendDocument(
      1,
      new InputFile(new Uint8Array([1, 2, 3]), { contentType: 'application/pdf' }),
    );
    await api.sendDocument(
      1,
      new InputFile(Readable.from([Buffer.from('str'), Buffer.from('eam')])),
    );
    await api.sendDocument(1, new InputFile(createReadStream(join(dir, 'notes.txt'))));
    // eslint-disable-next-line @typescript-eslint/require-await
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('it');
      yield Buffer.from('erable');
    }
    await api.sendDocument(1, new InputFile(chunks(), { filename: 'log.txt' }));
    const docs = server.requests.map((r) => parseMultipart(r).find((p) => p.name === 'document')!);
    expect(docs.map((d) => [d.filename, d.contentType, d.data.toString('latin1')])).toEqual([
      ['data.csv', 'text/csv', 'a,b\n'],
      ['file.pdf', 'application/pdf', '\x01\x02\x03'],
      ['file', 'application/octet-stream', 'stream'],
      ['notes.txt', 'text/plain', 'hello notes'],
      ['log.txt', 'text/plain', 'iterable'],
    ]);
  });

  it('passes strings in file fields through as file_id or URL, in JSON', async () => {
    await serve();
    await api.sendPhoto(42, 'AgACAgIAAxkBAAIB');
    await api.sendDocument(42, 'https://example.org/a.pdf');
    expect(
      server.requests.map((r): unknown[] => [
        r.headers['content-type'],
        JSON.parse(r.body.toString()),
      ]),
    ).toEqual([
      ['application/json', { chat_id: 42, photo: 'AgACAgIAAxkBAAIB' }],
      ['application/json', { chat_id: 42, document: 'https://example.org/a.pdf' }],
    ]);
  });

  it('uses attach:// for files inside a media group and keeps file ids as they are', async () => {
    await serve();
    const photo = new InputFile(Buffer.from('P1'), { filename: 'one.png' });
    await api.sendMediaGroup(42, [
      { type: 'photo', media: photo, caption: 'first' },
      { type: 'photo', media: 'AgACfileid' },
      {
        type: 'video',
        media: new InputFile(Buffer.from('V'), { filename: 'v.mp4' }),
        thumbnail: new InputFile(Buffer.from('T'), { filename: 't.jpg' }),
      },
    ]);
    const parts = lastParts();
    const media = JSON.parse(field(parts, 'media')!) as { media: string; thumbnail?: string }[];
    expect(media[1]).toEqual({ type: 'photo', media: 'AgACfileid' });
    const byName = (ref: string) => parts.find((p) => `attach://${p.name}` === ref)!;
    expect(byName(media[0]!.media).data.toString()).toBe('P1');
    expect(byName(media[0]!.media).filename).toBe('one.png');
    expect(byName(media[2]!.media).contentType).toBe('video/mp4');
    expect(byName(media[2]!.thumbnail!).data.toString()).toBe('T');
    expect(new Set(parts.map((p) => p.name)).size).toBe(parts.length);
  });

  it('sends a thumbnail upload next to a document and in editMessageMedia', async () => {
    await serve();
    const thumb = new InputFile(Buffer.from('THUMB'), { filename: 'thumb.jpg' });
    await api.sendDocument(42, new InputFile(Buffer.from('DOC'), { filename: 'd.bin' }), {
      thumbnail: thumb,
    });
    let parts = lastParts();
    expect(parts.find((p) => p.name === 'thumbnail')?.data.toString()).toBe('THUMB');
    await api.editMessageMedia(
      {
        type: 'document',
        media: new InputFile(Buffer.from('NEW')),
        thumbnail: thumb,
      },
      { chat_id: 42, message_id: 3 },
    );
    parts = lastParts();
    const media = JSON.parse(field(parts, 'media')!) as { media: string; thumbnail: string };
    expect(media.media).toMatch(/^attach:\/\//);
    expect(parts.find((p) => `attach://${p.name}` === media.thumbnail)?.data.toString()).toBe(
      'THUMB',
    );
    expect(field(parts, 'message_id')).toBe('3');
  });

  it('never gives an attachment a name the payload already uses', async () => {
    await serve();
    await api.raw.sendMediaGroup({
      chat_id: 1,
      media: [
        { type: 'document', media: 'attach://file0' },
        { type: 'document', media: new InputFile(Buffer.from('X')) },
      ],
      file0: new InputFile(Buffer.from('MINE')),
    } as never);
    const parts = lastParts();
    const media = JSON.parse(field(parts, 'media')!) as { media: string }[];
    expect(media[0]!.media).toBe('attach://file0');
    expect(field(parts, 'file0')).toBe('MINE');
    expect(media[1]!.media).not.toBe('attach://file0');
    expect(parts.find((p) => `attach://${p.name}` === media[1]!.media)?.data.toString()).toBe('X');
  });

  it('fails before sending when a path does not exist', async () => {
    await serve();
    const error = await api
      .sendPhoto(1, new InputFile(join(dir, 'missing.jpg')))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).reason).toBe('not-a-file');
    expect(server.requests).toHaveLength(0);
  });

  it('re-reads a path or bytes but refuses to read a stream twice', async () => {
    await serve();
    const bytes = new InputFile(Buffer.from('B'));
    await api.sendDocument(1, bytes);
    await api.sendDocument(1, bytes);
    const once = new InputFile(Readable.from([Buffer.from('S')]));
    await api.sendDocument(1, once);
    const error = await api.sendDocument(1, once).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).reason).toBe('consumed');
    expect(server.requests).toHaveLength(3);
  });

  it('streams multipart through the global fetch too', async () => {
    server = await startBotServer((_, res) => ok(res, { message_id: 1 }));
    api = new Api(TOKEN, {
      apiRoot: server.apiRoot,
      fetch: (url, init) => globalThis.fetch(url, init),
    });
    await api.sendPhoto(42, new InputFile(join(dir, 'cat.jpg')));
    expect(
      lastParts()
        .find((p) => p.name === 'photo')
        ?.data.toString(),
    ).toBe('JPEG-BYTES');
  });

  it('stops reading the source when an upload is aborted midway', async () => {
    server = await startBotServer(() => undefined, { streamBody: true }); // never reads the body
    api = new Api(TOKEN, { apiRoot: server.apiRoot });
    let yielded = 0;
    let started!: () => void;
    let finished!: () => void;
    const reading = new Promise<void>((resolve) => (started = resolve));
    const closed = new Promise<void>((resolve) => (finished = resolve));
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) {
          if (++yielded === 4) started();
          yield await Promise.resolve(Buffer.alloc(64 * 1024));
        }
      } finally {
        finished();
      }
    }
    const controller = new AbortController();
    const upload = api
      .sendVideo(1, new InputFile(endless()), {}, controller.signal)
      .catch((e: unknown) => e);
    await reading;
    controller.abort();
    expect(await upload).toBeInstanceOf(AbortError);
    await closed;
    expect(yielded).toBeLessThan(10_000);
  });

  it('fails the call at once when the source fails midway, and closes the request', async () => {
    let aborted!: () => void;
    const requestClosed = new Promise<void>((resolve) => (aborted = resolve));
    server = await startBotServer(
      (_, res, req) => {
        req.on('error', () => undefined);
        req.on('close', () => aborted());
        req.resume();
        void res;
      },
      { streamBody: true },
    );
    api = new Api(TOKEN, { apiRoot: server.apiRoot });
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield Buffer.alloc(64 * 1024);
      await server.received(1); // the server is reading the body
      throw new Error('disk read failed');
    }
    const error = await api
      .sendVideo(1, new InputFile(broken(), { filename: 'clip.mp4' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).kind).toBe('network');
    expect((error as HttpError).message).toContain('disk read failed');
    await requestClosed;
  });

  it.each([
    ['answers before reading the upload', 'early'],
    ['cuts the connection midway', 'cut'],
  ] as const)('closes the source when the server %s', async (_, mode) => {
    server = await startBotServer(
      (_r, res, req) => {
        if (mode === 'early') {
          res.setHeader('connection', 'close');
          fail(res, 413, 'Request Entity Too Large');
        } else {
          req.once('data', () => req.socket.destroy());
        }
      },
      { streamBody: true },
    );
    api = new Api(TOKEN, { apiRoot: server.apiRoot });
    let finished!: () => void;
    const closed = new Promise<string>((resolve) => (finished = () => resolve('closed')));
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) yield await Promise.resolve(Buffer.alloc(64 * 1024));
      } finally {
        finished();
      }
    }
    const error = await api
      .sendVideo(1, new InputFile(endless(), { filename: 'clip.mp4' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(mode === 'early' ? TelegramError : HttpError);
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('open'), 2_000));
    expect(await Promise.race([closed, timeout])).toBe('closed');
  });

  it.runIf(existsSync('/proc/self/fd'))(
    'leaves no file handle open when an upload from a path fails',
    async () => {
      const path = join(dir, 'big.bin');
      await writeFile(path, Buffer.alloc(32 * 1024 * 1024));
      const handles = async (): Promise<number> => {
        const links = await Promise.all(
          (await readdir('/proc/self/fd')).map((fd) =>
            readlink(`/proc/self/fd/${fd}`).catch(() => ''),
          ),
        );
        return links.filter((link) => link === path).length;
      };
      server = await startBotServer(
        (_r, _res, req) => {
          req.once('data', () => req.socket.destroy());
        },
        { streamBody: true },
      );
      api = new Api(TOKEN, { apiRoot: server.apiRoot });
      const error = await api.sendVideo(1, new InputFile(path)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      for (let i = 0; i < 40 && (await handles()) > 0; i++) await sleepMs(50);
      expect(await handles()).toBe(0);
    },
  );

  it('streams 200 MB without holding it in memory', async () => {
    let received = 0;
    server = await startBotServer(
      async (_, res, req) => {
        for await (const chunk of req) received += (chunk as Buffer).length;
        ok(res, { message_id: 1 });
      },
      { streamBody: true },
    );
    api = new Api(TOKEN, { apiRoot: server.apiRoot });
    const total = 200 * 1024 * 1024;
    const chunkSize = 256 * 1024;
    const memory = (): number => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    global.gc?.();
    const before = memory();
    let peak = before;
    // eslint-disable-next-line @typescript-eslint/require-await
    async function* generate(): AsyncGenerator<Uint8Array> {
      for (let sent = 0; sent < total; sent += chunkSize) {
        if (sent % (chunkSize * 40) === 0) peak = Math.max(peak, memory());
        yield Buffer.alloc(chunkSize, sent & 0xff);
      }
    }
    await api.sendVideo(1, new InputFile(generate(), { filename: 'big.mp4' }));
    expect(received).toBeGreaterThan(total);
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
  }, 120_000);
});
