import type { ChatLane } from './ChatLane.js';
import { Fifo } from './Fifo.js';
import type { Priority } from './withPriority.js';

interface ReadyEntry {
  readonly lane: ChatLane;
  readonly seq: number;
}

/**
 * The chats whose next call may go as soon as the bot-wide limit allows, in two FIFO classes:
 * a chat with any interactive call queued is served before every bulk-only chat. Entries go
 * stale (and are skipped) when their chat is sent from, emptied or re-queued; a chat promoted
 * from bulk to interactive gets a second entry.
 *
 * @example
 * ```ts
 * ready.add(lane);
 * const next = ready.peek();
 * if (next !== undefined && botMaySend) ready.take(next);
 * ```
 */
export class ReadyLanes {
  private readonly queues: Record<Priority, Fifo<ReadyEntry>> = {
    interactive: new Fifo(),
    bulk: new Fifo(),
  };

  /**
   * Marks a chat ready (or promotes it to interactive when it now holds an interactive call).
   *
   * @param lane - a chat whose next call may go now
   */
  add(lane: ChatLane): void {
    const priority = lane.priority;
    if (lane.ready === priority || lane.ready === 'interactive') return;
    if (lane.ready === undefined) lane.readySeq++;
    lane.ready = priority;
    this.queues[priority].push({ lane, seq: lane.readySeq });
  }

  /**
   * Marks a chat not ready: its entries go stale.
   *
   * @param lane - the chat
   */
  drop(lane: ChatLane): void {
    lane.ready = undefined;
  }

  /**
   * The chat to serve next: the first ready interactive one, else the first ready bulk one.
   *
   * @returns it, or `undefined` when no chat is ready
   */
  peek(): ChatLane | undefined {
    const { interactive, bulk } = this.queues;
    for (let entry = interactive.peek(); entry !== undefined; entry = interactive.peek()) {
      const lane = entry.lane;
      if (lane.ready !== undefined && lane.readySeq === entry.seq) {
        if (lane.interactive > 0) return lane;
        lane.ready = 'bulk'; // its interactive calls left: serve it with the bulk ones
        bulk.push(entry);
      }
      interactive.shift();
    }
    for (let entry = bulk.peek(); entry !== undefined; entry = bulk.peek()) {
      const lane = entry.lane;
      if (lane.ready === 'bulk' && lane.readySeq === entry.seq) return lane;
      bulk.shift();
    }
    return undefined;
  }

  /**
   * Takes the chat {@link ReadyLanes.peek} returned out of the ready queues.
   *
   * @param lane - that chat
   */
  take(lane: ChatLane): void {
    this.queues[lane.ready ?? 'bulk'].shift();
    lane.ready = undefined;
  }
}
