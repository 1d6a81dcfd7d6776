import type { Api, Message } from '@delegram/api';
import type { BotOptions, Seeder } from 'delegram';
import {
  call,
  createOpen,
  DelegatorBot,
  delegate,
  isEvent,
  oneShot,
  pair,
  perApplication,
  perChatIdIn,
} from 'delegram';
import { MessageSaver, OwnerHandler } from './handlers.js';
import { UnreadStore } from './UnreadStore.js';

/** Options of {@link createChatBox}. */
export interface ChatBoxOptions extends BotOptions {
  /** The owner's user id: the one person who reads what everyone else writes. */
  readonly ownerId: number;
  /** Seconds of silence before the owner's delegate closes (default 20). */
  readonly timeout?: number;
}

/**
 * Builds the chatbox (telepot's `chatbox_nodb.py`): people write to the bot, the owner reads.
 * Three patterns on one bot:
 * 1. the owner's chat → an {@link OwnerHandler} (`/unread`, `/next`);
 * 2. one application-wide {@link MessageSaver} monitor that keeps everyone else's messages;
 * 3. a newcomer seeder returning `oneShot` → a one-off job (`call`) that says hello, once per
 *    sender.
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - the owner, API root, clock
 * @returns the bot
 */
export function createChatBox(tokenOrApi: string | Api, options: ChatBoxOptions): DelegatorBot {
  const { ownerId, timeout = 20, ...botOptions } = options;
  const store = new UnreadStore();
  const seen = new Set<number>();
  const newcomer: Seeder = (incoming) => {
    if (incoming.flavor !== 'chat' || isEvent(incoming)) return undefined;
    const chatId = incoming.msg.chat.id;
    if (chatId === ownerId || seen.has(chatId)) return undefined;
    seen.add(chatId);
    return oneShot;
  };
  const notOwner = (msg: unknown): boolean =>
    (msg as Partial<Message>).chat !== undefined && (msg as Message).chat.id !== ownerId;
  return new DelegatorBot(
    tokenOrApi,
    [
      delegate(perChatIdIn([ownerId]), OwnerHandler, { timeout, store }),
      pair(perApplication(), createOpen, MessageSaver, { store, capture: [[notOwner]] }),
      pair(newcomer, call, async ({ bot, incoming }) => {
        await bot.api.sendMessage(
          (incoming.msg as Message).chat.id,
          'Hello! The owner will read your messages.',
        );
      }),
    ],
    botOptions,
  );
}
