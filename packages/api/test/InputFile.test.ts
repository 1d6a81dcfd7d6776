import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { guessContentType } from '../src/guessContentType.js';
import { InputFile } from '../src/InputFile.js';
import { InputFileError } from '../src/InputFileError.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'delegram-inputfile-'));
  await writeFile(join(dir, 'Report.PDF'), 'pdf!');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(file: InputFile): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of await file.open()) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

describe('InputFile', () => {
  it('reads a path or file: URL, naming and typing it from the path', async () => {
    const file = new InputFile(join(dir, 'Report.PDF'));
    expect([file.filename, file.contentType, file.replayable]).toEqual([
      'Report.PDF',
      'application/pdf',
      true,
    ]);
    expect(await read(file)).toBe('pdf!');
    expect(await read(file)).toBe('pdf!');
    expect(await read(new InputFile(pathToFileURL(join(dir, 'Report.PDF'))))).toBe('pdf!');
  });

  it('takes the name of a file stream and reads it once', async () => {
    const file = new InputFile(createReadStream(join(dir, 'Report.PDF')));
    expect(file.filename).toBe('Report.PDF');
    expect(file.replayable).toBe(false);
    expect(await read(file)).toBe('pdf!');
    const error = await file.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect(error).toMatchObject({
      name: 'InputFileError',
      reason: 'consumed',
      filename: 'Report.PDF',
    });
  });

  it('accepts bytes and string chunks, with given name and type winning', async () => {
    const bytes = new InputFile(new Uint8Array([104, 105]), {
      filename: 'hi.txt',
      contentType: 'text/x-custom',
    });
    expect([bytes.filename, bytes.contentType, bytes.knownSize]).toEqual([
      'hi.txt',
      'text/x-custom',
      2,
    ]);
    expect(await read(bytes)).toBe('hi');
    expect(await read(new InputFile(Readable.from(['a', 'b'])))).toBe('ab');
    expect(new InputFile(Buffer.from(''), { contentType: 'image/png' }).filename).toBe('file.png');
  });

  it('fails on a missing path only when opened', async () => {
    const file = new InputFile(join(dir, 'nope.jpg'));
    const error = await file.open().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InputFileError', reason: 'not-a-file' });
    expect((error as Error).message).toContain('nope.jpg');
    await expect(new InputFile(dir).open()).rejects.toThrow(/not a regular file/);
  });

  it('says what to do instead for sources it cannot read', () => {
    expect(() => new InputFile('https://example.org/cat.jpg')).toThrow(
      /pass the URL string itself/,
    );
    expect(() => new InputFile(new URL('https://example.org/x'))).toThrow(/only file: URLs/);
    expect(() => new InputFile('')).toThrow(/path is empty/);
    expect(() => new InputFile(42 as never)).toThrow(/source must be a path/);
    expect(() => new InputFile(Buffer.from('x'), { filename: 'a"b' })).toThrow(/without quotes/);
  });

  it('shows only its name and kind when serialised', () => {
    expect(JSON.stringify(new InputFile(Buffer.from('secret'), { filename: 'a.bin' }))).toBe(
      '{"inputFile":"a.bin","source":"bytes"}',
    );
  });
});

describe('guessContentType', () => {
  it('maps common extensions case-insensitively and falls back to octet-stream', () => {
    expect(guessContentType('a.JPG')).toBe('image/jpeg');
    expect(guessContentType('sticker.tgs')).toBe('application/x-tgsticker');
    expect(guessContentType('voice.ogg')).toBe('audio/ogg');
    expect(guessContentType('Makefile')).toBe('application/octet-stream');
    expect(guessContentType('x.unknownext')).toBe('application/octet-stream');
  });
});
