import { Api } from '@delegram/api';
import type { MessageEntity } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEntitiesAsHtml, applyEntitiesAsMarkdown } from '../src/text.js';

// What a user does with these functions: re-send a received formatted text with a parse mode and
// expect the same text and entities back. The emulator parses MarkdownV2 and HTML as Telegram does.
const cases: { name: string; text: string; entities: MessageEntity[] }[] = [
  {
    name: 'special characters everywhere',
    text: 'Price: 5.00 (-10%) #deal! a_b *c* [d] {e} ~f~ `g` >h | i = j + k \\ l',
    entities: [{ type: 'bold', offset: 0, length: 5 }],
  },
  {
    name: 'nested entities after astral emoji',
    text: '😀 bold and italic 🎉 end',
    entities: [
      { type: 'bold', offset: 3, length: 15 },
      { type: 'italic', offset: 12, length: 6 },
      { type: 'underline', offset: 19, length: 2 },
    ],
  },
  {
    name: 'code, pre with a language and links',
    text: 'run x = a_b`c\\d here\nprint("hi")\nsee docs',
    entities: [
      { type: 'code', offset: 4, length: 11 },
      { type: 'pre', offset: 21, length: 11, language: 'python' },
      { type: 'text_link', offset: 37, length: 4, url: 'https://example.org/a_(b)' },
    ],
  },
  {
    name: 'underline and italic over the same text',
    text: 'both',
    entities: [
      { type: 'italic', offset: 0, length: 4 },
      { type: 'underline', offset: 0, length: 4 },
    ],
  },
  {
    name: 'strikethrough, spoiler and a block quotation',
    text: 'gone secret\nquoted line one\nquoted line two',
    entities: [
      { type: 'strikethrough', offset: 0, length: 4 },
      { type: 'spoiler', offset: 5, length: 6 },
      { type: 'blockquote', offset: 12, length: 31 },
    ],
  },
];

const normalise = (entities: readonly MessageEntity[] | undefined): unknown[] =>
  (entities ?? [])
    .map((e) => ({ ...e }))
    .sort((a, b) => a.offset - b.offset || b.length - a.length || a.type.localeCompare(b.type));

let emu: Emulator;
let api: Api;
let chatId: number;

beforeAll(async () => {
  emu = new Emulator({ floodControl: false });
  await emu.start();
  const account = emu.createBot({ username: 'format_bot' });
  const alice = emu.createUser({ firstName: 'Alice' });
  chatId = emu.privateChat(alice, account).id;
  api = new Api(account.token, { apiRoot: emu.apiRoot });
});
afterAll(async () => {
  await emu.stop();
});

// Italic and underline over the same text need Telegram's '\r' separator (`_\r__x__\r_`), which
// Telegram ignores but the emulator's MarkdownV2 parser keeps; text.test.ts checks that output.
const markdownCases = cases.filter((c) => c.name !== 'underline and italic over the same text');

describe('applyEntitiesAsMarkdown on the emulator', () => {
  it.each(markdownCases)(
    'round-trips $name through parse_mode MarkdownV2',
    async ({ text, entities }) => {
      const sent = await api.sendMessage(chatId, applyEntitiesAsMarkdown(text, entities), {
        parse_mode: 'MarkdownV2',
      });
      expect(sent.text).toBe(text);
      expect(normalise(sent.entities)).toEqual(normalise(entities));
    },
  );
});

describe('applyEntitiesAsHtml on the emulator', () => {
  it.each(cases)('round-trips $name through parse_mode HTML', async ({ text, entities }) => {
    const sent = await api.sendMessage(chatId, applyEntitiesAsHtml(text, entities), {
      parse_mode: 'HTML',
    });
    expect(sent.text).toBe(text);
    expect(normalise(sent.entities)).toEqual(normalise(entities));
  });
});
