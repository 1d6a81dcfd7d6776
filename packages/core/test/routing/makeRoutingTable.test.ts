import type { Message } from '@delegram/api';
import { describe, expect, it } from 'vitest';
import { toIncoming } from '../../src/Incoming.js';
import { byChatCommand, byContentType } from '../../src/routing/keyFunctions.js';
import {
  flavorRouter,
  makeContentTypeRoutingTable,
  makeRoutingTable,
  methodNameFor,
} from '../../src/routing/makeRoutingTable.js';
import { Router } from '../../src/routing/Router.js';
import { defaultRoute } from '../../src/routing/routeKeys.js';

const chat = { id: 1, type: 'private' as const };
const text = (t: string): Message => ({ message_id: 1, date: 0, chat, text: t });

describe('makeRoutingTable', () => {
  it('routes keys to the methods named after them, late-bound to the object', () => {
    class Commands {
      greeting = 'hi';
      onStart(): string {
        return `${this.greeting} start`;
      }
      onHelp(): string {
        return 'help';
      }
    }
    const commands = new Commands();
    const router = new Router(
      byChatCommand(),
      makeRoutingTable(commands, ['start', ['help'], ['x', () => 'x']]),
    );
    expect(router.route(text('/start'))).toBe('hi start');
    commands.onHelp = () => 'replaced';
    expect(router.route(text('/help'))).toBe('replaced');
    expect(router.route(text('/x'))).toBe('x');
  });

  it('fails when building if a method is missing', () => {
    expect(() => makeRoutingTable({}, ['start'])).toThrow(/no method onStart for key 'start'/);
  });

  it('names methods in PascalCase after the prefix', () => {
    expect(methodNameFor('on', 'new_chat_members')).toBe('onNewChatMembers');
    expect(methodNameFor('handle', 'text')).toBe('handleText');
    expect(methodNameFor('', 'video_note')).toBe('videoNote');
  });
});

describe('makeContentTypeRoutingTable', () => {
  it('covers the content types the object has methods for', () => {
    const handler = {
      onText: (_m: Message, t: string) => `text ${t}`,
      onVideoNote: () => 'round video',
    };
    const table = makeContentTypeRoutingTable(handler);
    expect(Object.keys(table).sort()).toEqual(['text', 'video_note']);
    expect(
      new Router(byContentType(), { ...table, [defaultRoute]: () => 'other' }).route(text('yo')),
    ).toBe('text yo');
  });
});

describe('flavorRouter', () => {
  it('routes (msg, incoming) by flavor, with the default for the rest', async () => {
    const router = flavorRouter({
      chat: (msg) => `chat ${msg.text ?? ''}`,
      callback_query: (query, incoming) => `${incoming.kind} ${query.data ?? ''}`,
      [defaultRoute]: () => 'other',
    });
    const msgUpdate = toIncoming({ update_id: 1, edited_message: text('hey') });
    const cbUpdate = toIncoming({
      update_id: 2,
      callback_query: {
        id: 'q',
        from: { id: 1, is_bot: false, first_name: 'A' },
        chat_instance: 'c',
        data: 'd',
      },
    });
    const poll = toIncoming({
      update_id: 3,
      poll_answer: { poll_id: 'p', option_ids: [] },
    } as never);
    expect(await router.route(msgUpdate.msg, msgUpdate)).toBe('chat hey');
    expect(await router.route(cbUpdate.msg, cbUpdate)).toBe('callback_query d');
    expect(await router.route(poll.msg, poll)).toBe('other');
  });

  it('explains what to pass when called without the Incoming', () => {
    const router = flavorRouter({ chat: () => 1 });
    expect(() => router.route(text('x'))).toThrow(/needs the Incoming as its second argument/);
  });
});
