import { ChatHandler } from 'delegram';

/** One chat's counter (the same delegate as the polling counter example). */
export class MessageCounter extends ChatHandler {
  private count = 0;

  override async onChatMessage(): Promise<void> {
    this.count += 1;
    await this.sender.sendMessage(String(this.count));
  }
}
