import { checkOptions, is, OptionsError } from '@delegram/api';
import type { Clock, TimerId, Update } from '@delegram/api';

/**
 * Silence after which the next update sets a new baseline: Telegram picks the next update's id at
 * random once a week passed without updates (a day less here, for updates Telegram delivered late).
 */
const ID_RESTART_SILENCE_MS = 6 * 24 * 3600 * 1000;

/** A hole in the sequence: the time at which waiting for it stops. */
interface Gap {
  readonly expiresAt: number;
}

/** Options for {@link Orderer}. */
export interface OrdererOptions {
  /** Longest time a gap is waited for, from when it is found, in ms (default 3000). */
  maxholdMs?: number;
  /** The clock the hold runs on. */
  clock: Clock;
}

/**
 * Puts updates back in `update_id` order, exactly like telepot's `Orderer`:
 *
 * - the first update ever received is delivered at once and sets the baseline;
 * - the next id (`last + 1`) is delivered at once, with any buffered updates that follow it;
 * - a higher id is buffered, and every missing id before it becomes a gap that is waited for at
 *   most `maxholdMs` from the moment it was found; an expired gap is skipped;
 * - an id at or below the last delivered one is dropped (a duplicate, or too late).
 *
 * One addition: after six days without any update (nothing buffered), the next update sets a new
 * baseline, as the first one does, since Telegram restarts ids at random after a week without
 * updates (a lower id would otherwise be dropped, and every update after it, for good).
 */
export class Orderer {
  private lastId: number | undefined;
  private lastReceivedAt = -Infinity;
  private buffer: (Update | Gap)[] = [];
  private timer: { readonly id: TimerId } | undefined;
  private readonly maxholdMs: number;
  private readonly clock: Clock;

  /**
   * @param deliver - called with each update, in order
   * @param options - hold time and clock
   */
  constructor(
    private readonly deliver: (update: Update) => void,
    options: OrdererOptions,
  ) {
    checkOptions('new Orderer(deliver, options)', options, {
      clock: is.clock,
      maxholdMs: is.number,
    });
    if (options === undefined || !is.clock.test(options.clock)) {
      throw new OptionsError(
        'new Orderer(deliver, options)',
        'clock',
        is.clock.expected,
        'nothing',
      );
    }
    this.clock = options.clock;
    this.maxholdMs = options.maxholdMs ?? 3000;
    if (!(this.maxholdMs >= 0)) throw new RangeError('Orderer: maxholdMs must be >= 0');
  }

  /** Number of buffered positions (updates and gaps) waiting. */
  get held(): number {
    return this.buffer.length;
  }

  /**
   * Takes in one update.
   *
   * @param update - an update with a numeric `update_id`
   * @returns `false` if it was dropped (at or below the last delivered id, or already buffered)
   */
  receive(update: Update): boolean {
    const id = update.update_id;
    let accepted = true;
    const now = this.clock.now();
    const restarted =
      now - this.lastReceivedAt >= ID_RESTART_SILENCE_MS && this.buffer.length === 0;
    this.lastReceivedAt = now;
    if (this.lastId === undefined || (restarted && id !== this.lastId)) {
      this.lastId = id;
      this.deliver(update);
    } else if (id === this.lastId + 1) {
      this.lastId = id;
      this.deliver(update);
      this.buffer.shift();
      this.flush(false);
    } else if (id > this.lastId + 1) {
      const index = id - this.lastId - 1;
      if (index < this.buffer.length) {
        if (isUpdate(this.buffer[index])) accepted = false;
        else this.buffer[index] = update;
      } else {
        const expiresAt = now + this.maxholdMs;
        while (this.buffer.length < index) this.buffer.push({ expiresAt });
        this.buffer.push(update);
      }
    } else accepted = false;
    this.schedule();
    return accepted;
  }

  /** Cancels the pending timer; buffered updates are dropped. */
  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer.id);
    this.timer = undefined;
    this.buffer = [];
  }

  /** Delivers buffered updates from the head, skipping expired gaps if `skipExpired`. */
  private flush(skipExpired: boolean): void {
    const now = this.clock.now();
    for (;;) {
      const head = this.buffer[0];
      if (head === undefined || this.lastId === undefined) return;
      if (isUpdate(head)) {
        this.buffer.shift();
        this.lastId += 1;
        this.deliver(head);
      } else if (skipExpired && head.expiresAt <= now) {
        this.buffer.shift();
        this.lastId += 1;
      } else return;
    }
  }

  private schedule(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer.id);
    this.timer = undefined;
    const head = this.buffer[0];
    if (head === undefined || isUpdate(head)) return;
    const wait = Math.max(0, head.expiresAt - this.clock.now());
    this.timer = {
      id: this.clock.setTimeout(() => {
        this.timer = undefined;
        this.flush(true);
        this.schedule();
      }, wait),
    };
  }
}

function isUpdate(slot: Update | Gap | undefined): slot is Update {
  return slot !== undefined && 'update_id' in slot;
}
