import type { Bot, Incoming, LoopHandler } from 'delegram';
import { flance, isGlanceFlavor } from 'delegram';

/**
 * Describes an update in one line: its flavor and telepot's glance of it, e.g.
 * `chat ["text","private",1000001]` or `callback_query ["4021","1000001","like"]`.
 *
 * @param incoming - the update, classified
 * @returns the line
 */
export function describeIncoming(incoming: Incoming): string {
  if (!isGlanceFlavor(incoming.flavor)) return `${incoming.flavor} (${incoming.kind})`;
  const [flavor, headline] = flance(incoming);
  return `${flavor} ${JSON.stringify(headline)}`;
}

/**
 * The skeleton: a handler that shows what arrives. Every update's flavor and glance are printed;
 * chat messages also get the line as their answer, so you see it in the chat.
 *
 * @param bot - the bot that answers
 * @param print - where the lines go
 * @returns the handler for the message loop
 */
export function skeleton(bot: Bot, print: (line: string) => void): LoopHandler {
  return async (_msg, incoming) => {
    const line = describeIncoming(incoming);
    print(line);
    if (incoming.flavor === 'chat' && incoming.kind === 'message') {
      const chat = incoming.msg.chat;
      await bot.api.sendMessage(chat.id, line);
    }
  };
}
