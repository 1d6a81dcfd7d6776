import type { Message } from '@delegram/api';
import type {
  Bot,
  BroadcastProgress,
  BroadcastReport,
  BroadcastRun,
  FlavorRoutingTable,
} from 'delegram';
import { broadcast, byChatCommand, defaultRoute, noMatch, Router } from 'delegram';
import { progressBar } from './progressBar.js';
import { Subscribers } from './Subscribers.js';

/** Options of {@link Newsletter}. */
export interface NewsletterOptions {
  /** The user ids allowed to `/broadcast`. */
  readonly admins: readonly number[];
  /** Where the progress bar goes, line by line (the terminal, in main). */
  readonly print?: (line: string) => void;
  /** Least time between two edits of the status message, in ms (default 2000). */
  readonly statusEveryMs?: number;
}

/** An issue being sent, as stored under `newsletter:current` until it is finished. */
interface Issue {
  readonly number: number;
  readonly text: string;
  /** The subscribers when it started, ascending: the broadcast's list, the same on a resume. */
  readonly chats: readonly number[];
  readonly adminChat: number;
  readonly statusMessageId: number;
}

const CURRENT = 'newsletter:current';
const COUNT = 'newsletter:issues';

/**
 * The newsletter bot: people `/subscribe` and `/unsubscribe`; an admin's `/broadcast <text>`
 * sends the text to every subscriber with delegram's `broadcast`, under Telegram's limits,
 * while one status message in the admin's chat shows the progress. Whoever blocked the bot is
 * unsubscribed. An issue interrupted by a restart is resumed by {@link Newsletter.resume}:
 * nobody gets it twice.
 */
export class Newsletter {
  readonly subscribers: Subscribers;
  private run: BroadcastRun | undefined;
  private running: Promise<BroadcastReport | undefined> | undefined;

  /**
   * @param bot - the bot (its store keeps subscribers and issues)
   * @param options - admins, progress output
   */
  constructor(
    private readonly bot: Bot,
    private readonly options: NewsletterOptions,
  ) {
    this.subscribers = new Subscribers(bot.store);
  }

  /** The message loop's routing table. */
  handler(): FlavorRoutingTable {
    const reply = (msg: Message, text: string) => this.bot.api.sendMessage(msg.chat.id, text);
    const commands = new Router<Message>(byChatCommand(), {
      start: (msg: Message) =>
        reply(msg, 'This is the newsletter. /subscribe to get it, /unsubscribe to stop.'),
      subscribe: async (msg: Message) =>
        reply(
          msg,
          (await this.subscribers.add(msg.chat.id))
            ? 'Subscribed. /unsubscribe to stop.'
            : 'You are subscribed already.',
        ),
      unsubscribe: async (msg: Message) =>
        reply(
          msg,
          (await this.subscribers.remove(msg.chat.id))
            ? 'Unsubscribed. /subscribe to come back.'
            : 'You were not subscribed.',
        ),
      broadcast: (msg: Message) => this.onBroadcast(msg),
      [defaultRoute]: (msg: Message) => reply(msg, 'Try /subscribe or /unsubscribe.'),
      [noMatch]: (msg: Message) =>
        msg.text === undefined ? undefined : reply(msg, 'Try /subscribe or /unsubscribe.'),
    });
    return { chat: (msg: Message) => commands.route(msg) };
  }

  /**
   * Resumes an issue a restart interrupted, if there is one (call it when the bot starts).
   *
   * @returns the issue's report once sent, or undefined when there was nothing to resume
   */
  async resume(): Promise<BroadcastReport | undefined> {
    const stored = await this.bot.store.get(CURRENT);
    if (stored === undefined) return undefined;
    const issue = JSON.parse(stored.value) as Issue;
    this.options.print?.(`resuming issue #${issue.number}`);
    return this.send(issue);
  }

  /** Waits for the issue being sent, if any. */
  async idle(): Promise<BroadcastReport | undefined> {
    return this.running;
  }

  /** Stops the issue being sent (it resumes on the next start). */
  async stop(): Promise<void> {
    await this.run?.stop().catch(() => undefined);
  }

  private async onBroadcast(msg: Message): Promise<unknown> {
    const text = msg.text?.replace(/^\/broadcast(@\w+)?\s*/, '') ?? '';
    if (msg.from === undefined || !this.options.admins.includes(msg.from.id)) {
      return this.bot.api.sendMessage(msg.chat.id, 'Only an admin can broadcast.');
    }
    if (text === '') return this.bot.api.sendMessage(msg.chat.id, 'Usage: /broadcast <text>');
    if (this.running !== undefined) {
      return this.bot.api.sendMessage(msg.chat.id, 'An issue is still being sent; wait for it.');
    }
    const chats = await this.subscribers.list();
    const count = Number((await this.bot.store.get(COUNT))?.value ?? '0') + 1;
    const status = await this.bot.api.sendMessage(
      msg.chat.id,
      `Issue #${count}: sending to ${chats.length} subscribers…`,
    );
    const issue: Issue = {
      number: count,
      text,
      chats,
      adminChat: msg.chat.id,
      statusMessageId: status.message_id,
    };
    await this.bot.store.set(COUNT, String(count));
    await this.bot.store.set(CURRENT, JSON.stringify(issue));
    // not awaited: the admin's chat (and everyone else) keeps talking to the bot meanwhile
    void this.send(issue);
    return undefined;
  }

  private send(issue: Issue): Promise<BroadcastReport | undefined> {
    const total = issue.chats.length;
    const run = broadcast(this.bot, {
      id: `issue-${issue.number}`,
      chats: issue.chats,
      message: issue.text,
      progressIntervalMs: this.options.statusEveryMs ?? 2000,
    });
    this.run = run;
    const status = new StatusMessage(this.bot, issue.adminChat, issue.statusMessageId);
    run.on('outcome', (o) => {
      // people who blocked the bot, or whose chat is gone, are unsubscribed
      if (o.outcome === 'blocked' || o.outcome === 'not_found') {
        void this.subscribers.remove(Number(o.chatId));
      }
    });
    run.on('progress', (p: BroadcastProgress) => {
      const line = `Issue #${issue.number}: ${progressBar(p, total)}`;
      this.options.print?.(line);
      status.show(line);
    });
    const running = run.done.then(
      async (report) => {
        if (report.finished) {
          await status.showNow(`Issue #${issue.number} sent. ${summary(report, total)}`);
          await this.bot.store.delete(CURRENT);
        }
        return report;
      },
      (error: unknown) => {
        this.options.print?.(
          `issue #${issue.number} stopped: ${String(error)}; it resumes on restart`,
        );
        return undefined;
      },
    );
    this.running = running.finally(() => {
      this.running = undefined;
      this.run = undefined;
    });
    return this.running;
  }
}

function summary(report: BroadcastReport, total: number): string {
  const parts = [`${report.sent} of ${total} delivered`];
  if (report.blocked > 0) parts.push(`${report.blocked} blocked the bot (unsubscribed)`);
  if (report.notFound > 0) parts.push(`${report.notFound} gone (unsubscribed)`);
  if (report.failed > 0) parts.push(`${report.failed} failed`);
  if (report.uncertain > 0) parts.push(`${report.uncertain} uncertain after a crash`);
  return `${parts.join(', ')}.`;
}

/** The admin's status message: edited with the latest line, one edit at a time. */
class StatusMessage {
  private shown = '';
  private wanted = '';
  private editing: Promise<void> | undefined;

  constructor(
    private readonly bot: Bot,
    private readonly chatId: number,
    private readonly messageId: number,
  ) {}

  /** Shows a line soon (a newer line replaces one not shown yet). */
  show(text: string): void {
    this.wanted = text;
    this.editing ??= this.flush().finally(() => {
      this.editing = undefined;
    });
  }

  /** Shows a line and waits until it is shown. */
  async showNow(text: string): Promise<void> {
    await this.editing;
    this.wanted = text;
    await this.flush();
  }

  private async flush(): Promise<void> {
    while (this.wanted !== this.shown) {
      const text = this.wanted;
      await this.bot.api
        .editMessageText({ chat_id: this.chatId, message_id: this.messageId, text })
        .catch(() => undefined); // a status line is not worth failing the issue for
      this.shown = text;
    }
  }
}
