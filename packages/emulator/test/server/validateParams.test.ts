import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/ApiError.js';
import type { UploadedFile } from '../../src/methods/MethodContext.js';
import { validateParams, type ParamSpecLike } from '../../src/server/validateParams.js';

const spec = (name: string, types: string[], required = false): ParamSpecLike => ({
  name,
  types,
  required,
});
const none = new Map<string, UploadedFile>();

function description(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).description;
  }
  throw new Error('expected an ApiError');
}

describe('validateParams', () => {
  it('coerces integers, floats and booleans given as strings', () => {
    const specs = [
      spec('a', ['Integer']),
      spec('b', ['Float']),
      spec('c', ['Boolean']),
      spec('d', ['Boolean']),
    ];
    expect(validateParams('m', specs, { a: '-12', b: '1.5', c: 'true', d: '0' }, none)).toEqual({
      a: -12,
      b: 1.5,
      c: true,
      d: false,
    });
  });

  it('keeps a chat_id username as a string and a numeric one as a number', () => {
    const specs = [spec('chat_id', ['Integer', 'String'], true)];
    expect(validateParams('m', specs, { chat_id: '@channel' }, none)).toEqual({
      chat_id: '@channel',
    });
    expect(validateParams('m', specs, { chat_id: '-1001' }, none)).toEqual({ chat_id: -1001 });
  });

  it('parses JSON text for objects and arrays and accepts JSON values as they are', () => {
    const specs = [
      spec('reply_markup', ['InlineKeyboardMarkup']),
      spec('entities', ['Array of MessageEntity']),
    ];
    const markup = { inline_keyboard: [[{ text: 'a', callback_data: 'b' }]] };
    expect(
      validateParams(
        'm',
        specs,
        { reply_markup: JSON.stringify(markup), entities: [{ type: 'bold' }] },
        none,
      ),
    ).toEqual({ reply_markup: markup, entities: [{ type: 'bold' }] });
  });

  it('passes unknown parameters through and drops empty optional ones', () => {
    expect(validateParams('m', [spec('a', ['String'])], { a: '', extra: 'x' }, none)).toEqual({
      extra: 'x',
    });
  });

  it('names a missing required parameter the way Telegram does', () => {
    expect(
      description(() => validateParams('m', [spec('chat_id', ['Integer'], true)], {}, none)),
    ).toBe('Bad Request: chat_id is empty');
    expect(
      description(() =>
        validateParams('m', [spec('user_id', ['Integer'], true)], { user_id: '' }, none),
      ),
    ).toBe('Bad Request: parameter "user_id" is required');
  });

  it('counts an upload as the value of a required InputFile parameter', () => {
    const files = new Map<string, UploadedFile>([
      [
        'photo',
        { field: 'photo', filename: 'p.jpg', contentType: 'image/jpeg', data: Buffer.from('x') },
      ],
    ]);
    expect(validateParams('m', [spec('photo', ['InputFile', 'String'], true)], {}, files)).toEqual(
      {},
    );
  });

  it('rejects values of the wrong type', () => {
    expect(
      description(() => validateParams('m', [spec('n', ['Integer'])], { n: '1.5' }, none)),
    ).toBe('Bad Request: parameter "n" must be of type Integer');
    expect(description(() => validateParams('m', [spec('n', ['Integer'])], { n: 2.5 }, none))).toBe(
      'Bad Request: parameter "n" must be of type Integer',
    );
    expect(
      description(() => validateParams('m', [spec('b', ['Boolean'])], { b: 'yes' }, none)),
    ).toBe('Bad Request: parameter "b" must be of type Boolean');
    expect(
      description(() => validateParams('m', [spec('s', ['String'])], { s: { a: 1 } }, none)),
    ).toBe('Bad Request: parameter "s" must be of type String');
    expect(
      description(() =>
        validateParams('m', [spec('ids', ['Array of Integer'])], { ids: '[1,"x"]' }, none),
      ),
    ).toBe('Bad Request: element 1 of parameter "ids" must be of type Integer');
    expect(
      description(() => validateParams('m', [spec('o', ['ChatPermissions'])], { o: '[1]' }, none)),
    ).toBe('Bad Request: parameter "o" must be of type ChatPermissions');
  });

  it("answers JSON that does not parse with can't parse … JSON object", () => {
    expect(
      description(() =>
        validateParams(
          'm',
          [spec('entities', ['Array of MessageEntity'])],
          { entities: '[' },
          none,
        ),
      ),
    ).toBe("Bad Request: can't parse entities JSON object");
  });
});
