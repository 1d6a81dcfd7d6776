import { ChatHandler } from 'delegram';

/**
 * One chat's counter: it answers each message with how many it has seen in this chat. It lives as
 * long as the chat is active; after its idle timeout it closes, and the next message starts a new
 * counter from 1.
 */
export class MessageCounter extends ChatHandler {
  private count = 0;

  override async onChatMessage(): Promise<void> {
    this.count += 1;
    await this.sender.sendMessage(String(this.count));
  }
}
