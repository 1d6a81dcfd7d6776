import type { ExampleOptions, RunningBot } from '@delegram-examples/launcher';
import { isMain, launch, runPolling } from '@delegram-examples/launcher';
import { SqliteStore } from '@delegram/sqlite';
import { Bot } from 'delegram';
import { Newsletter } from './Newsletter.js';

/** A running newsletter bot: the bot and its {@link Newsletter}. */
export interface RunningNewsletter extends RunningBot {
  /** The newsletter (subscribers, the issue being sent). */
  readonly newsletter: Newsletter;
}

/**
 * Starts the newsletter bot. On the embedded emulator, Alice (the demo user) is the admin and
 * `NEWSLETTER_DEMO_READERS` (default 200) simulated people subscribe first, so that
 * `/broadcast Hello` shows the progress; with `BOT_TOKEN`, the admins are `ADMIN_IDS` (comma
 * separated user ids). Subscribers and the issue being sent are kept in the SQLite file
 * `NEWSLETTER_DB` (default `newsletter.db`): stop it mid-issue and start it again, and the issue
 * goes on where it was.
 *
 * @param options - environment, port, clock, output, signal handling
 * @returns the running bot
 */
export async function main(options: ExampleOptions = {}): Promise<RunningNewsletter> {
  const env = options.env ?? process.env;
  const path = env['NEWSLETTER_DB']?.trim() || 'newsletter.db';
  const store = new SqliteStore({ path });
  const launched = await launch({
    ...options,
    env,
    botUsername: 'newsletter_bot',
    botName: 'Newsletter',
    title: `newsletter: /subscribe, and /broadcast <text> as the admin; kept in ${path}.`,
    firstUpdateId: Date.now(),
  });
  const bot = new Bot(launched.token, { ...launched.botOptions, store });
  const admins =
    launched.user === undefined
      ? (env['ADMIN_IDS'] ?? '')
          .split(',')
          .map((s) => Number(s.trim()))
          .filter((n) => Number.isSafeInteger(n) && n > 0)
      : [launched.user.id];
  const newsletter = new Newsletter(bot, { admins, print: launched.print });
  const running = runPolling(bot, launched, {
    handler: newsletter.handler(),
    signals: options.signals ?? true,
    beforeStop: () => newsletter.stop(),
  });
  if (launched.emulator !== undefined && launched.account !== undefined) {
    const readers = Number(env['NEWSLETTER_DEMO_READERS'] ?? '200');
    for (let i = 0; i < readers; i++) {
      const reader = launched.emulator.createUser({ firstName: `Reader ${i + 1}` });
      await newsletter.subscribers.add(launched.emulator.privateChat(reader, launched.account).id);
    }
    launched.print(`${readers} simulated readers are subscribed; send /broadcast Hello as Alice.`);
  }
  void newsletter.resume();
  return { ...running, newsletter };
}

if (isMain(import.meta.url)) await main();
