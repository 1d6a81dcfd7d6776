import type { Message } from '@delegram/api';
import type { HandlerOptions, MonitorOptions, OptionRules, SeedTuple } from 'delegram';
import { ChatHandler, is, Monitor } from 'delegram';
import type { UnreadStore } from './UnreadStore.js';

/** Options of {@link OwnerHandler}. */
export interface OwnerOptions extends HandlerOptions {
  /** Where the unread messages are. */
  readonly store: UnreadStore;
}

/** The owner's delegate: `/unread` lists who wrote, `/next` shows the next sender's messages. */
export class OwnerHandler extends ChatHandler {
  /** The handler options plus this handler's own, checked when the pattern is built. */
  static override readonly optionRules: OptionRules = {
    ...ChatHandler.optionRules,
    store: is.object,
  };

  private readonly store: UnreadStore;

  constructor(seedTuple: SeedTuple, options: OwnerOptions) {
    super(seedTuple, options);
    this.store = options.store;
  }

  override async onChatMessage(msg: Message): Promise<void> {
    const command = msg.text?.trim();
    if (command === '/unread') {
      const unread = this.store.unread();
      await this.sender.sendMessage(
        unread.length === 0
          ? 'No unread messages.'
          : unread.map((u) => `${u.name}: ${u.count}`).join('\n'),
      );
    } else if (command === '/next') {
      const messages = this.store.pullNext();
      if (messages.length === 0) await this.sender.sendMessage('No unread messages.');
      for (const m of messages) {
        await this.sender.sendMessage(
          `${m.from?.first_name ?? 'Someone'}: ${m.text ?? '(not text)'}`,
        );
      }
    } else {
      await this.sender.sendMessage('Commands: /unread, /next');
    }
  }
}

/** Options of {@link MessageSaver}. */
export interface SaverOptions extends MonitorOptions {
  /** Where to keep messages. */
  readonly store: UnreadStore;
}

/** The one application-wide monitor: it keeps every message the owner did not write. */
export class MessageSaver extends Monitor {
  /** The handler options plus this handler's own, checked when the pattern is built. */
  static override readonly optionRules: OptionRules = { ...Monitor.optionRules, store: is.object };

  private readonly store: UnreadStore;

  constructor(seedTuple: SeedTuple, options: SaverOptions) {
    super(seedTuple, options);
    this.store = options.store;
  }

  override onChatMessage(msg: Message): void {
    this.store.put(msg);
  }
}
