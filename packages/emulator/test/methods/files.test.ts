import { ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import type { SimUser } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/TestBot.js';

// A 3×2 PNG header is enough for the emulator to read the size.
function png(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(40);
  b.writeUInt32BE(0x89504e47, 0);
  b.writeUInt32BE(0x0d0a1a0a, 4);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

let emu: Emulator;
let bot: TestBot;
let alice: SimUser;

beforeEach(async () => {
  emu = new Emulator({ clock: new ManualClock(), floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'files_bot' }));
  alice = emu.createUser({ firstName: 'Alice' });
  emu.privateChat(alice, bot.account);
});

afterEach(async () => {
  await emu.stop();
});

describe('uploads and getFile', () => {
  it('stores an uploaded photo, gives its path and serves the same bytes', async () => {
    const bytes = png(3, 2);
    const sent = await bot.upload(
      'sendPhoto',
      { chat_id: String(alice.id), caption: 'pic' },
      { photo: { data: bytes, filename: 'a.png', type: 'image/png' } },
    );
    expect(sent.caption).toBe('pic');
    const size = sent.photo.at(-1);
    expect(size).toMatchObject({ width: 3, height: 2, file_size: bytes.length });
    const file = await bot.call('getFile', { file_id: size.file_id });
    expect(file.file_path).toMatch(/^photos\/file_\d+\.png$/);
    const download = await fetch(`${emu.apiRoot}/file/bot${bot.account.token}/${file.file_path}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from(bytes));
  });

  it('resends by file_id without a new upload and refuses unknown ids', async () => {
    const doc = await bot.upload(
      'sendDocument',
      { chat_id: String(alice.id) },
      { document: { data: Buffer.from('hello'), filename: 'hello.txt', type: 'text/plain' } },
    );
    expect(doc.document).toMatchObject({
      file_name: 'hello.txt',
      mime_type: 'text/plain',
      file_size: 5,
    });
    const again = await bot.call('sendDocument', {
      chat_id: alice.id,
      document: doc.document.file_id,
    });
    expect(again.document.file_id).toBe(doc.document.file_id);
    expect(emu.world.files.size).toBe(1);
    const wrong = await bot.fails('sendDocument', { chat_id: alice.id, document: 'nope' });
    expect(wrong.description).toBe('Bad Request: wrong file identifier/HTTP URL specified');
    expect((await bot.fails('getFile', { file_id: 'nope' })).description).toBe(
      'Bad Request: invalid file_id',
    );
  });

  it('refuses photos over 10 MB', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    await expect(
      bot.upload('sendPhoto', { chat_id: String(alice.id) }, { photo: { data: big } }),
    ).rejects.toMatchObject({
      description: 'Bad Request: file is too big',
    });
  });

  it('sends a media group from attach:// parts with one media_group_id', async () => {
    const album = await bot.upload(
      'sendMediaGroup',
      {
        chat_id: String(alice.id),
        media: [
          { type: 'photo', media: 'attach://p1', caption: 'first' },
          { type: 'photo', media: 'attach://p2' },
        ],
      },
      { p1: { data: png(1, 1) }, p2: { data: png(2, 2) } },
    );
    expect(album).toHaveLength(2);
    expect(album[0].media_group_id).toBe(album[1].media_group_id);
    expect(album[0].caption).toBe('first');
    expect(album.map((m: { message_id: number }) => m.message_id)).toEqual([1, 2]);
    const mixed = await bot.fails('sendMediaGroup', {
      chat_id: alice.id,
      media: [
        { type: 'document', media: 'https://example.org/a.pdf' },
        { type: 'photo', media: 'https://example.org/b.jpg' },
      ],
    });
    expect(mixed.description).toBe("Bad Request: document can't be mixed with other media types");
    // Entities inside an InputMedia are read as Telegram reads them, never a 500.
    const media = (caption_entities: unknown): Record<string, unknown> => ({
      chat_id: alice.id,
      media: [
        { type: 'photo', media: 'https://example.org/1.jpg', caption: 'one', caption_entities },
        { type: 'photo', media: 'https://example.org/2.jpg' },
      ],
    });
    const ignored = await bot.call('sendMediaGroup', media(5));
    expect(ignored[0]).toMatchObject({ caption: 'one' });
    expect(ignored[0].caption_entities).toBeUndefined();
    const refused = await bot.fails('sendMediaGroup', media([null]));
    expect(refused.description).toBe("Bad Request: can't parse MessageEntity: expected an Object");
  });

  it('lets the bot download a photo a person sent', async () => {
    const chat = emu.privateChat(alice, bot.account);
    await alice.sendPhoto(chat, { data: png(4, 4), caption: 'look' });
    const message = await bot.next('message');
    const file = await bot.call('getFile', { file_id: message.photo?.at(-1)?.file_id });
    const download = await fetch(`${emu.apiRoot}/file/bot${bot.account.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from(png(4, 4)));
  });
});

describe('per-bot file ids', () => {
  let other: TestBot;

  beforeEach(() => {
    other = new TestBot(emu, emu.createBot({ username: 'other_files_bot' }));
    emu.privateChat(alice, other.account);
  });

  it("refuses another bot's file_id for sending, getFile and downloads", async () => {
    const doc = await bot.upload(
      'sendDocument',
      { chat_id: String(alice.id) },
      { document: { data: Buffer.from('secret'), filename: 's.txt', type: 'text/plain' } },
    );
    const fileId: string = doc.document.file_id;
    const { file_path: path } = await bot.call('getFile', { file_id: fileId });
    const wrong = await other.fails('sendDocument', { chat_id: alice.id, document: fileId });
    expect(wrong.description).toBe('Bad Request: wrong file identifier/HTTP URL specified');
    expect((await other.fails('getFile', { file_id: fileId })).description).toBe(
      'Bad Request: invalid file_id',
    );
    const stolen = await fetch(`${emu.apiRoot}/file/bot${other.account.token}/${path}`);
    expect(stolen.status).toBe(404);
    const own = await fetch(`${emu.apiRoot}/file/bot${bot.account.token}/${path}`);
    expect(await own.text()).toBe('secret');
  });

  it('gives each bot its own file_id for a photo both see, with one file_unique_id', async () => {
    const group = emu.createGroup({ title: 'Pics', members: [alice, bot.account, other.account] });
    await alice.sendPhoto(group, { data: png(5, 5) });
    const [mine, theirs] = [
      (await bot.next('message')).photo?.[0],
      (await other.next('message')).photo?.[0],
    ];
    expect(mine?.file_id).not.toBe(theirs?.file_id);
    expect(mine?.file_unique_id).toBe(theirs?.file_unique_id);
    const a = await bot.call('getFile', { file_id: mine?.file_id });
    const b = await other.call('getFile', { file_id: theirs?.file_id });
    expect(a.file_unique_id).toBe(b.file_unique_id);
    expect(a.file_id).toBe(mine?.file_id);
    const resent = await other.call('sendPhoto', { chat_id: group.id, photo: theirs?.file_id });
    expect(resent.photo[0].file_id).toBe(theirs?.file_id);
    const refused = await other.fails('sendPhoto', { chat_id: group.id, photo: mine?.file_id });
    expect(refused.description).toBe('Bad Request: wrong file identifier/HTTP URL specified');
    expect(group.history().at(-1)?.photo?.[0]?.file_unique_id).toBe(mine?.file_unique_id);
  });

  it("refuses another bot's file_id in a cached inline result", async () => {
    const sent = await bot.upload(
      'sendPhoto',
      { chat_id: String(alice.id) },
      { photo: { data: png(2, 2) } },
    );
    const photoId: string = sent.photo[0].file_id;
    const asked = alice.inlineQuery(other.account, 'pic');
    const query = await other.next('inline_query');
    const result = { type: 'photo', id: 'p', photo_file_id: photoId };
    const refused = await other.fails('answerInlineQuery', {
      inline_query_id: query.id,
      results: [result],
    });
    expect(refused.description).toBe('Bad Request: wrong file identifier/HTTP URL specified');
    const own = await other.upload(
      'sendPhoto',
      { chat_id: String(alice.id) },
      { photo: { data: png(2, 2) } },
    );
    await other.call('answerInlineQuery', {
      inline_query_id: query.id,
      results: [{ ...result, photo_file_id: own.photo[0].file_id }],
    });
    const answer = await asked;
    const chat = emu.privateChat(alice, other.account);
    const message = await answer.choose('p', chat);
    expect(message.photo?.[0]?.file_unique_id).toBe(own.photo[0].file_unique_id);
  });
});
