import type { Message } from '@delegram/api';
import { ChatHandler } from 'delegram';

/** What the crash test's counter keeps per chat. */
export interface CrashCount {
  /** Messages applied. */
  count: number;
  /** The sequence number (the text) of the last message applied, `-1` before the first. */
  last: number;
  /** Messages that did not come right after the previous one (a loss, a repeat, a reorder). */
  disorder: number;
}

/**
 * The counter of the crash test: each chat's messages are the numbers 0, 1, 2, ... in order, so
 * the state shows a lost, repeated or reordered message as `disorder`, and `count` must end equal
 * to the number of messages sent.
 */
export class CrashCounter extends ChatHandler {
  state: CrashCount = { count: 0, last: -1, disorder: 0 };

  override onChatMessage(msg: Message): void {
    const seq = Number(msg.text);
    if (seq !== this.state.last + 1) this.state.disorder += 1;
    this.state.last = seq;
    this.state.count += 1;
  }
}
