import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { encodePayload } from '../src/encodePayload.js';
import { InputFile } from '../src/InputFile.js';
import { parseMultipart } from './support/botServer.js';

async function parts(method: string, payload: unknown) {
  const encoded = await encodePayload(method, payload);
  const chunks: Buffer[] = [];
  for await (const chunk of encoded.body as Readable) chunks.push(chunk as Buffer);
  return parseMultipart({
    httpMethod: 'POST',
    path: '/',
    headers: { 'content-type': encoded.contentType },
    body: Buffer.concat(chunks),
  });
}

describe('encodePayload', () => {
  it('encodes a payload without files as JSON, dropping undefined', async () => {
    const encoded = await encodePayload('sendMessage', {
      chat_id: 1,
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'b' }]] },
      parse_mode: undefined,
    });
    expect(encoded.contentType).toBe('application/json');
    expect(encoded.files).toBe(0);
    expect(JSON.parse(encoded.body as string)).toEqual({
      chat_id: 1,
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'b' }]] },
    });
  });

  it('JSON-encodes objects and stringifies scalars in multipart fields', async () => {
    const result = await parts('sendPhoto', {
      chat_id: -100,
      photo: new InputFile(Buffer.from('x')),
      has_spoiler: true,
      caption_entities: [{ type: 'bold', offset: 0, length: 1 }],
      caption: undefined,
      reply_markup: null,
    });
    expect(
      result.map((p) => [p.name, p.filename === undefined ? p.data.toString() : 'FILE']),
    ).toEqual([
      ['chat_id', '-100'],
      ['has_spoiler', 'true'],
      ['caption_entities', '[{"type":"bold","offset":0,"length":1}]'],
      ['photo', 'FILE'],
    ]);
  });

  it('uploads one file once when it is referenced twice', async () => {
    const thumb = new InputFile(Buffer.from('T'), { filename: 't.jpg' });
    const result = await parts('sendMediaGroup', {
      chat_id: 1,
      media: [
        { type: 'video', media: 'id1', thumbnail: thumb },
        { type: 'video', media: 'id2', thumbnail: thumb },
      ],
    });
    const media = JSON.parse(result.find((p) => p.name === 'media')!.data.toString()) as {
      thumbnail: string;
    }[];
    expect(media[0]!.thumbnail).toBe(media[1]!.thumbnail);
    expect(result.filter((p) => p.filename !== undefined)).toHaveLength(1);
  });

  it('refuses a file in a parameter that cannot take one', async () => {
    await expect(
      encodePayload('sendMessage', { chat_id: 1, text: new InputFile(Buffer.from('x')) }),
    ).rejects.toThrow(
      'sendMessage: parameter "text" cannot carry an uploaded file; sendMessage takes no uploads',
    );
    await expect(
      encodePayload('sendPhoto', {
        chat_id: 1,
        photo: 'id',
        caption_entities: [new InputFile(Buffer.from('x'))],
      }),
    ).rejects.toThrow('files go in "photo"');
  });

  it('refuses payloads that cannot be sent', async () => {
    const loop: Record<string, unknown> = { type: 'photo' };
    loop.self = loop;
    await expect(
      encodePayload('sendMediaGroup', {
        chat_id: 1,
        media: [loop, { media: new InputFile(Buffer.from('x')) }],
      }),
    ).rejects.toThrow(/circular reference/);
    await expect(encodePayload('getMe', [1])).rejects.toThrow(/got an array/);
    await expect(encodePayload('getMe', new InputFile(Buffer.from('x')))).rejects.toThrow(
      /payload must be an object/,
    );
  });

  it('treats a missing payload as no parameters', async () => {
    expect((await encodePayload('getMe', undefined)).body).toBe('{}');
  });
});
