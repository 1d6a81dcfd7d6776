import type { Message, PhotoSize } from '@delegram/api';
import { describe, expectTypeOf, it } from 'vitest';
import { FilterRouter } from '../../src/routing/FilterRouter.js';
import { and, command, not, ofContentType, regexp } from '../../src/routing/filters.js';
import type { CommandMatch } from '../../src/routing/filters.js';

describe('filter types', () => {
  it('narrow the message and type the data for one filter', () => {
    new FilterRouter<Message>()
      .on(command('start'), (msg, data) => {
        expectTypeOf(msg.text).toEqualTypeOf<string>();
        expectTypeOf(data.command).toEqualTypeOf<CommandMatch>();
      })
      .on(ofContentType('photo'), (msg) => {
        expectTypeOf(msg.photo).toEqualTypeOf<PhotoSize[]>();
      })
      .on(
        (m: Message) => m.chat.type === 'private',
        (msg, data) => {
          expectTypeOf(msg).toEqualTypeOf<Message>();
          expectTypeOf(data).toEqualTypeOf<object>();
        },
      );
  });

  it('merge narrowing and data over a list of filters and over and()', () => {
    new FilterRouter<Message>()
      .on([ofContentType('photo'), regexp(/cat/)], (msg, data) => {
        expectTypeOf(msg.photo).toEqualTypeOf<PhotoSize[]>();
        expectTypeOf(data.match).toEqualTypeOf<RegExpExecArray>();
      })
      .on(and(command('go'), regexp(/go (\w+)/)), (msg, data) => {
        expectTypeOf(msg.text).toEqualTypeOf<string>();
        expectTypeOf(data.command).toEqualTypeOf<CommandMatch>();
        expectTypeOf(data.match).toEqualTypeOf<RegExpExecArray>();
      })
      .on(not(command('x')), (msg) => {
        expectTypeOf(msg.text).toEqualTypeOf<string | undefined>();
      });
  });

  it('refuse a filter for another message type', () => {
    const misuse = (): void => {
      const callbackFilter = (q: { data: string }): boolean => q.data === 'x';
      // @ts-expect-error a callback-query filter cannot guard a Message router
      new FilterRouter<Message>().on(callbackFilter, () => undefined);
    };
    expectTypeOf(misuse).toBeFunction();
  });
});
