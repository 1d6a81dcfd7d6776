import { ManualClock } from '@delegram/api';
import { Bot } from '../../src/Bot.js';
import type { ErrorInfo } from '../../src/BotEvents.js';
import type { Incoming } from '../../src/Incoming.js';
import { FakeTelegram } from './FakeTelegram.js';
import { textMessage } from './updates.js';

// Small pieces shared by the MessageLoop tests (in memory, loopback and emulator).

/** An in-memory Telegram, a ManualClock and a Bot on both that records its error events. */
export function fakeLoopSetup(): {
  tg: FakeTelegram;
  clock: ManualClock;
  bot: Bot;
  errors: [unknown, ErrorInfo][];
} {
  const tg = new FakeTelegram();
  const clock = new ManualClock();
  const bot = new Bot(tg.asApi(), { clock });
  const errors: [unknown, ErrorInfo][] = [];
  bot.on('error', (error, info) => errors.push([error, info]));
  return { tg, clock, bot, errors };
}

/** A raw text-message update body (without `update_id`) in chat `chatId`. */
export const msg = (text: string, chatId = 42): Record<string, unknown> => ({
  message: textMessage(text, 1, chatId),
});

/** The text of a chat update, else its flavor. */
export const textOf = (incoming: Incoming): string =>
  incoming.flavor === 'chat' ? (incoming.msg.text ?? '') : incoming.flavor;

/** The chat id of a chat update. */
export const chatOf = (incoming: Incoming): number | undefined =>
  incoming.flavor === 'chat' ? incoming.msg.chat.id : undefined;

/** Lets the event loop turn `n` times (to show that something does not happen). */
export async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Advances `clock` in steps of `stepMs` until `done()` holds (the bot's time while real I/O runs). */
export async function pumpUntil(
  clock: ManualClock,
  done: () => boolean,
  stepMs = 100,
): Promise<void> {
  for (let i = 0; i < 2_000_000; i++) {
    if (done()) return;
    await clock.advance(stepMs);
  }
  throw new Error('pumpUntil: condition not reached');
}
