import type { Message, MessageEntity, SendMessageParams } from '@delegram/api';
import { describe, expectTypeOf, it } from 'vitest';
import { Administrator } from '../../src/proxies/Administrator.js';
import { Editor } from '../../src/proxies/Editor.js';
import { Sender } from '../../src/proxies/Sender.js';
import { recordingApi } from './recordingApi.js';

describe('Sender types', () => {
  const sender = new Sender(recordingApi().api, 1);
  it('takes the friendly arguments without the chat', () => {
    expectTypeOf(sender.sendMessage).returns.toEqualTypeOf<Promise<Message>>();
    expectTypeOf(sender.sendMessage).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(sender.sendMessage)
      .parameter(1)
      .toEqualTypeOf<Omit<SendMessageParams, 'chat_id' | 'text'> | undefined>();
    expectTypeOf(sender.sendMessage).parameter(2).toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf(sender.sendChecklist).parameter(0).toEqualTypeOf<string>();
    // Never called: these calls only have to fail to compile.
    const misuse = (): void => {
      // @ts-expect-error the chat is bound, so a number is not the text
      void sender.sendMessage(1, 'hi');
      // @ts-expect-error entities are not a positional parameter
      void sender.sendMessage('hi', [] as MessageEntity[]);
    };
    expectTypeOf(misuse).toBeFunction();
  });

  it('has no method that is not a send method with a chat', () => {
    expectTypeOf(sender).not.toHaveProperty('getChat');
    expectTypeOf(sender).not.toHaveProperty('answerCallbackQuery');
    expectTypeOf(sender).not.toHaveProperty('sendGift');
    expectTypeOf(sender).toHaveProperty('sendInvoice');
  });
});

describe('Administrator types', () => {
  const admin = new Administrator(recordingApi().api, 1);
  it('binds the chat of admin methods', () => {
    expectTypeOf(admin.banChatMember).parameter(0).toEqualTypeOf<number>();
    expectTypeOf(admin.leaveChat).parameters.toEqualTypeOf<[signal?: AbortSignal]>();
    expectTypeOf(admin).not.toHaveProperty('sendMessage');
    expectTypeOf(admin).not.toHaveProperty('editMessageText');
  });
});

describe('Editor types', () => {
  const editor = new Editor(recordingApi().api, [1, 2]);
  it('drops the message identifiers from edit methods', () => {
    expectTypeOf(editor.deleteMessage).parameters.toEqualTypeOf<[signal?: AbortSignal]>();
    expectTypeOf(editor.editMessageLiveLocation).parameter(0).toEqualTypeOf<number>();
    expectTypeOf(editor.editMessageText).returns.toEqualTypeOf<Promise<Message | true>>();
    const misuse = (): void => {
      // @ts-expect-error the message is bound
      void editor.editMessageText({ chat_id: 1, text: 'x' });
    };
    expectTypeOf(misuse).toBeFunction();
    expectTypeOf(editor).not.toHaveProperty('sendMessage');
  });
});
