import { describe, expect, it } from 'vitest';
import { BadFlavorError } from '../src/errors.js';
import { toIncoming } from '../src/Incoming.js';
import { callbackQuery, textMessage, update } from './support/updates.js';

describe('toIncoming', () => {
  it('keeps the update kind that the chat flavor folds together', () => {
    const msg = textMessage('edited');
    const u = update('edited_message', msg, 9);
    const incoming = toIncoming(u);
    expect(incoming).toEqual({ flavor: 'chat', kind: 'edited_message', msg, update: u });
  });

  it('hands over the payload of other kinds as msg', () => {
    const cq = callbackQuery('yes');
    const incoming = toIncoming(update('callback_query', cq));
    expect(incoming.flavor).toBe('callback_query');
    expect(incoming.msg).toBe(cq);
  });

  it('turns an event into an incoming without an update', () => {
    const data = { seconds: 10 };
    expect(toIncoming({ _idle: data })).toEqual({
      flavor: '_idle',
      kind: '_idle',
      msg: data,
      update: undefined,
    });
  });

  it('keeps an update of an unknown kind, with its key and payload', () => {
    const u = { update_id: 3, hologram: { id: 7 } } as never;
    expect(toIncoming(u)).toEqual({
      flavor: 'unknown',
      kind: 'hologram',
      msg: { id: 7 },
      update: u,
    });
    const empty = { update_id: 4 } as never;
    expect(toIncoming(empty)).toEqual({
      flavor: 'unknown',
      kind: '',
      msg: undefined,
      update: empty,
    });
  });

  it('rejects something that is neither update nor event', () => {
    expect(() => toIncoming(textMessage() as never)).toThrow(BadFlavorError);
  });
});
