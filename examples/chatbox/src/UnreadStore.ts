import type { Message } from '@delegram/api';

/**
 * Unread messages for the owner, per sender's chat, in arrival order (in memory: telepot's
 * `chatbox_nodb`).
 */
export class UnreadStore {
  private readonly byChat = new Map<number, Message[]>();

  /** Keeps a message until the owner reads it. */
  put(msg: Message): void {
    const list = this.byChat.get(msg.chat.id);
    if (list === undefined) this.byChat.set(msg.chat.id, [msg]);
    else list.push(msg);
  }

  /** How many messages each sender has waiting, oldest waiting first. */
  unread(): { readonly name: string; readonly chatId: number; readonly count: number }[] {
    return [...this.byChat].map(([chatId, list]) => ({
      chatId,
      name: list[0]?.from?.first_name ?? String(chatId),
      count: list.length,
    }));
  }

  /** Takes every waiting message of the sender who has waited longest. */
  pullNext(): Message[] {
    const first = this.byChat.entries().next();
    if (first.done === true) return [];
    this.byChat.delete(first.value[0]);
    return first.value[1];
  }
}
