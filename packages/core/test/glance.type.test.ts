import type { Message, Update } from '@delegram/api';
import { describe, expectTypeOf, it } from 'vitest';
import type { ContentType } from '../src/contentType.js';
import { flance, glance } from '../src/glance.js';
import type { ChatType } from '../src/glance.js';
import type { Incoming } from '../src/Incoming.js';
import { callbackQuery, textMessage } from './support/updates.js';

describe('glance', () => {
  it('is typed per flavor', () => {
    expectTypeOf(glance(textMessage())).toEqualTypeOf<[ContentType, ChatType, number]>();
    expectTypeOf(glance(callbackQuery(), { flavor: 'callback_query' })).toEqualTypeOf<
      [queryId: string, fromId: number, data: string | undefined]
    >();
    expectTypeOf(
      glance(
        { id: '', from: {} as never, query: '', offset: '' },
        { flavor: 'inline_query', long: true },
      ),
    ).toEqualTypeOf<[string, number, string, string]>();
    expectTypeOf(glance(textMessage(), { flavor: 'chat', long: true })).toEqualTypeOf<
      [ContentType, ChatType, number, number, number]
    >();
  });

  it('wants the payload type that matches the flavor', () => {
    const misuse = (): void => {
      // @ts-expect-error a Message is not a CallbackQuery
      glance(textMessage(), { flavor: 'callback_query' });
      // @ts-expect-error no headline for polls
      glance({ id: 'p' }, { flavor: 'poll' });
    };
    expectTypeOf(misuse).toBeFunction();
  });
});

describe('flance', () => {
  it('narrows the headline by the flavor', () => {
    const [f, headline] = flance({ update_id: 1, message: textMessage() });
    if (f === 'callback_query')
      expectTypeOf(headline).toEqualTypeOf<[string, number, string | undefined]>();
  });
});

describe('Incoming', () => {
  it('narrows msg by checking flavor', () => {
    const check = (incoming: Incoming): void => {
      if (incoming.flavor === 'chat') expectTypeOf(incoming.msg).toEqualTypeOf<Message>();
      if (incoming.flavor === 'callback_query')
        expectTypeOf(incoming.msg.data).toEqualTypeOf<string | undefined>();
      if (incoming.flavor === '_idle')
        expectTypeOf(incoming.update).toEqualTypeOf<undefined | Update>();
    };
    expectTypeOf(check).toBeFunction();
  });
});
