/** One 429 answer, remembered for a while. */
interface Recent429 {
  readonly at: number;
  readonly key: string;
  readonly retryAfterMs: number;
}

/**
 * Tells per-chat 429s from the bot-wide limit: when 429s arrive from at least `chats` distinct
 * chats within `windowMs`, the bot as a whole is over its limit, and all limited calls should
 * pause for the largest `retry_after` among them.
 *
 * @example
 * ```ts
 * const detector = new GlobalPauseDetector(3, 1000);
 * const until = detector.note('42', 5000, now); // a time once 3 chats got 429s within 1 s
 * ```
 */
export class GlobalPauseDetector {
  private recent: Recent429[] = [];

  /**
   * @param chats - distinct chats that make it bot-wide (`Infinity`: never)
   * @param windowMs - how close together, in ms
   */
  constructor(
    readonly chats: number,
    readonly windowMs: number,
  ) {}

  /**
   * Records a 429.
   *
   * @param key - the chat's queue key
   * @param retryAfterMs - its wait, in ms
   * @param now - the current time
   * @returns until when everything should pause, or `undefined` when it is not bot-wide
   */
  note(key: string, retryAfterMs: number, now: number): number | undefined {
    if (this.chats === Infinity) return undefined;
    this.recent = this.recent.filter((r) => r.at > now - this.windowMs);
    this.recent.push({ at: now, key, retryAfterMs });
    if (new Set(this.recent.map((r) => r.key)).size < this.chats) return undefined;
    const until = now + Math.max(...this.recent.map((r) => r.retryAfterMs));
    this.recent = [];
    return until;
  }
}
