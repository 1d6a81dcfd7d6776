import type { Message } from '@delegram/api';
import type { EventData } from 'delegram';
import { ChatHandler } from 'delegram';

/** One chat's notes, as stored. */
export interface Notes {
  /** The open notes, oldest first. */
  items: string[];
  /** How many notes were ever done. */
  done: number;
}

const HELP =
  'Send any text to note it. /list shows your notes, /done 2 ticks one off, ' +
  '/remind 10 tea reminds you in 10 minutes. Your notes survive a restart of the bot.';

/**
 * A chat's to-do list in durable state: the `state` field is loaded from the bot's store before the
 * chat's first message and saved after each one that changed it, so a restart (or the idle close
 * after 60 s) loses nothing. Reminders are durable scheduled events: they fire after a restart too.
 */
export class NoteKeeper extends ChatHandler {
  state: Notes = { items: [], done: 0 };

  override async onChatMessage(msg: Message): Promise<void> {
    const text = msg.text?.trim() ?? '';
    const [command = '', ...rest] = text.split(/\s+/);
    const argument = rest.join(' ');
    switch (command) {
      case '/start':
      case '/help':
        await this.sender.sendMessage(HELP);
        return;
      case '/list':
        await this.sender.sendMessage(this.listing());
        return;
      case '/done':
        await this.tick(Number(argument));
        return;
      case '/remind':
        await this.remind(rest);
        return;
      default:
        break;
    }
    if (text === '' || text.startsWith('/')) {
      await this.sender.sendMessage(HELP);
      return;
    }
    this.state.items.push(text);
    await this.sender.sendMessage(`Noted (${this.state.items.length} open).`);
  }

  private listing(): string {
    if (this.state.items.length === 0) return `Nothing to do (${this.state.done} done).`;
    return this.state.items.map((item, i) => `${i + 1}. ${item}`).join('\n');
  }

  private async tick(position: number): Promise<void> {
    if (!Number.isInteger(position) || position < 1 || position > this.state.items.length) {
      await this.sender.sendMessage(`Which one? /done 1 to /done ${this.state.items.length}.`);
      return;
    }
    const [item] = this.state.items.splice(position - 1, 1);
    this.state.done += 1;
    await this.sender.sendMessage(`Done: ${item ?? ''}`);
  }

  private async remind(words: string[]): Promise<void> {
    const minutes = Number(words[0]);
    const what = words.slice(1).join(' ') || 'your notes';
    if (!(minutes > 0) || !Number.isFinite(minutes)) {
      await this.sender.sendMessage('Say /remind 10 tea: in 10 minutes I remind you of tea.');
      return;
    }
    this.scheduler.eventLater(minutes * 60, '_remind', { what });
    await this.sender.sendMessage(`I will remind you of ${what} in ${minutes} min.`);
  }

  override async onEvent(flavor: `_${string}`, data: EventData): Promise<void> {
    if (flavor !== '_remind') return;
    const late = (data['schedule'] as { late?: boolean } | undefined)?.late === true;
    await this.sender.sendMessage(
      `Reminder: ${String(data['what'])}${late ? ' (late: I was down)' : ''}`,
    );
  }
}
