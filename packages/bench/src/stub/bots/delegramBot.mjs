// What the delegram rows of the stub scenario share (not a row): the counter delegate, the bot,
// and (from lib/freshInbox.mjs) a FileInbox on a fresh file in the temporary directory.
import { Api, nodeHttpFetch } from '@delegram/api';
import * as delegram from 'delegram';

const { ChatHandler, DelegatorBot, delegate, perChatId } = delegram;

class Counter extends ChatHandler {
  count = 0;
  async onChatMessage() {
    this.count += 1;
    await this.sender.sendMessage(String(this.count));
  }
}

/** DelegatorBot with a ChatHandler counter per chat (idle timeout 10 s, as in the e2e rows). */
export function counterBot({ apiRoot, token }) {
  const bot = new DelegatorBot(
    new Api(token, {
      apiRoot,
      // BENCH_TRANSPORT=node-http: the opt-in transport on node:http (the -http rows)
      ...(process.env.BENCH_TRANSPORT === 'node-http' ? { fetch: nodeHttpFetch } : {}),
    }),
    [delegate(perChatId(), Counter, { timeout: 10 })],
  );
  bot.on('error', (error) => process.stderr.write(`[delegram bot] ${String(error)}\n`));
  return bot;
}

export { freshInbox } from '../../lib/freshInbox.mjs';
