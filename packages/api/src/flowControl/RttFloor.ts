/**
 * The shortest round trip among the last calls: half of it estimates the answer's way back, so
 * that `answeredAt − floor / 2` is about the latest time Telegram can have counted a call at.
 *
 * @example
 * ```ts
 * const rtt = new RttFloor();
 * rtt.add(answeredAt - sentAt);
 * const countedAt = answeredAt - rtt.floor / 2;
 * ```
 */
export class RttFloor {
  private readonly samples: number[] = [];
  private next = 0;
  private min = 0;

  /** @param size - how many recent round trips count (default 64) */
  constructor(private readonly size = 64) {}

  /** The shortest recent round trip, in ms (0 before the first). */
  get floor(): number {
    return this.min;
  }

  /**
   * Adds one round trip.
   *
   * @param ms - its duration
   */
  add(ms: number): void {
    const sample = Math.max(0, ms);
    if (this.samples.length < this.size) this.samples.push(sample);
    else this.samples[this.next] = sample;
    this.next = (this.next + 1) % this.size;
    this.min = Math.min(...this.samples);
  }
}
