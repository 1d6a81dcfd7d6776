import type { Message } from '@delegram/api';
import type { EventData } from 'delegram';
import { ChatHandler } from 'delegram';

/**
 * Telepot's `alarm.py`: send a number of seconds and the delegate schedules an `_alarm` event for
 * itself; when it fires, the delegate (revived if it closed meanwhile) says it is time to wake up.
 */
export class AlarmSetter extends ChatHandler {
  override async onChatMessage(msg: Message): Promise<void> {
    const delay = Number(msg.text?.trim());
    if (msg.text === undefined || msg.text.trim() === '' || !Number.isFinite(delay) || delay < 0) {
      await this.sender.sendMessage('Not a number. No alarm set.');
      return;
    }
    this.scheduler.eventLater(delay, '_alarm', { payload: delay });
    await this.sender.sendMessage(`Got it. Alarm is set at ${delay.toFixed(1)} seconds from now.`);
  }

  override async onEvent(flavor: `_${string}`, data: EventData): Promise<void> {
    if (flavor !== '_alarm') return;
    await this.sender.sendMessage(`Beep beep, time to wake up! (${String(data['payload'])} s)`);
  }
}
