import type { Message } from '@delegram/api';
import type { ChatRecord } from '../world/ChatRecord.js';
import { EmulatorError } from '../world/EmulatorError.js';
import { privateKey } from '../world/World.js';
import type { World } from '../world/World.js';
import type { SimChat } from './SimChat.js';

/** What the control classes need from the emulator: the world and its chat handles. */
export interface ControlLink {
  /** The world. */
  readonly world: World;
  /** The one handle of a chat. */
  chat(record: ChatRecord): SimChat;
}

/**
 * Finds the chat record a message (as a user holds it) lives in.
 *
 * @param world - the world
 * @param userId - the person looking at it (private chats are per person and bot)
 * @param message - the message
 * @returns the chat
 * @throws EmulatorError `not_found`
 */
export function chatOfMessage(world: World, userId: number, message: Message): ChatRecord {
  let chat: ChatRecord | undefined;
  if (message.chat.type === 'private') {
    const botId = message.from?.is_bot === true ? message.from.id : message.via_bot?.id;
    chat = botId === undefined ? undefined : world.chatByKey(privateKey(userId, botId));
  } else {
    chat = world.chatByKey(String(message.chat.id));
  }
  if (chat === undefined) {
    throw new EmulatorError(
      'not_found',
      `The chat of message ${message.message_id} is not one this user is in`,
    );
  }
  return chat;
}

/**
 * The stored message behind a message object or id.
 *
 * @param chat - its chat
 * @param message - the message or its id
 * @returns the live stored message
 * @throws EmulatorError `not_found` when it does not exist (any more)
 */
export function storedMessage(chat: ChatRecord, message: Message | number): Message {
  const id = typeof message === 'number' ? message : message.message_id;
  const stored = chat.messages.get(id);
  if (stored === undefined)
    throw new EmulatorError('not_found', `Message ${id} does not exist (any more) in this chat`);
  return stored;
}
