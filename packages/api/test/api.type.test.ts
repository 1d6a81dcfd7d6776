import { describe, expectTypeOf, it } from 'vitest';

import { Api } from '../src/Api.js';
import { autoRetry } from '../src/autoRetry.js';
import type { FetchLike } from '../src/FetchLike.js';
import type { File, Message, Update, User } from '../src/generated/types.js';
import { InputFile } from '../src/InputFile.js';
import type { Transformer } from '../src/Transformer.js';

const api = new Api('1:a', { apiRoot: 'http://127.0.0.1:1' });
/** Type-only: these functions are never called, tsc checks them. */
const never = (f: () => unknown): void => void f;

describe('Api types', () => {
  it('types raw calls from the spec', () => {
    expectTypeOf(() => api.raw.sendMessage({ chat_id: 1, text: 'hi' })).returns.toEqualTypeOf<
      Promise<Message>
    >();
    expectTypeOf(() => api.raw.getMe()).returns.toEqualTypeOf<Promise<User>>();
    expectTypeOf(api.raw.getUpdates)
      .parameter(0)
      .toEqualTypeOf<Parameters<typeof api.getUpdates>[0] | undefined>();
    never(() => {
      // @ts-expect-error wrong parameter name
      void api.raw.sendMessage({ chat_id: 1, txt: 'hi' });
      // @ts-expect-error wrong parameter type
      void api.raw.sendMessage({ chat_id: 1, text: 42 });
      // @ts-expect-error missing required parameter
      void api.raw.sendMessage({ chat_id: 1 });
      // @ts-expect-error no such method
      void api.raw.sendMesage({ chat_id: 1, text: 'hi' });
    });
  });

  it('types friendly calls with required parameters first', () => {
    expectTypeOf(() => api.sendMessage(1, 'hi', { parse_mode: 'HTML' })).returns.toEqualTypeOf<
      Promise<Message>
    >();
    expectTypeOf(() => api.sendPhoto(1, new InputFile('cat.jpg'))).returns.toEqualTypeOf<
      Promise<Message>
    >();
    expectTypeOf(() => api.getUpdates({ timeout: 30 })).returns.toEqualTypeOf<Promise<Update[]>>();
    never(() => {
      // @ts-expect-error chat id must be a number or string
      void api.sendMessage(true, 'hi');
      // @ts-expect-error unknown option
      void api.sendMessage(1, 'hi', { parse_mod: 'HTML' });
      // @ts-expect-error required parameters are not options
      void api.sendMessage(1, 'hi', { text: 'again' });
    });
  });

  it('types call by method name', () => {
    expectTypeOf(() => api.call('sendMessage', { chat_id: 1, text: 'x' })).returns.toEqualTypeOf<
      Promise<Message>
    >();
    expectTypeOf(() => api.call('getMe')).returns.toEqualTypeOf<Promise<User>>();
    never(() => {
      // @ts-expect-error sendMessage needs parameters
      void api.call('sendMessage');
      // @ts-expect-error unknown method
      void api.call('sendNothing', {});
    });
  });

  it('types downloads, transformers and options', () => {
    expectTypeOf(() => api.downloadFile('id', '/tmp/x')).returns.toEqualTypeOf<Promise<File>>();
    const passThrough: Transformer = (prev, method, payload, signal) =>
      prev(method, payload, signal);
    expectTypeOf(() => api.use(passThrough, autoRetry())).returns.toEqualTypeOf<Api>();
    const globalFetch: FetchLike = (url, init) => globalThis.fetch(url, init);
    expectTypeOf(globalFetch).toBeFunction();
  });
});
